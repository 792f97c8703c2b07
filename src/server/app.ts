// Builds the HTTP application: JSON API under /api with its OpenAPI document, every error as
// problem+json, and the caller identified before any route runs.
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accessRoutes } from '../modules/access/access.routes.js';
import { ledgerRoutes } from '../modules/ledger/ledger.routes.js';
import { monitoringRoutes } from '../modules/monitoring/monitoring.routes.js';
import { regionsRoutes } from '../modules/regions/regions.routes.js';
import { registryRoutes } from '../modules/registry/registry.routes.js';
import { statsRoutes } from '../modules/stats/stats.routes.js';
import { AppError } from '../shared/errors.js';
import { registerAuthentication } from './auth.js';
import type { AppContext } from './context.js';
import { sendProblem, toAppError } from './problem.js';
import { registerWebInterface } from './static.js';

export interface BuiltApp {
  app: FastifyInstance;
  /** Every API route as "METHOD /api/path", for tests that must cover them all. */
  routes: string[];
}

export async function buildApp(
  context: AppContext,
  options: {
    logger?: boolean;
    /** false: API only, no web interface. */
    web?: boolean;
    /** Folder of the built web interface; dist/web by default (tests serve their own build). */
    webRoot?: string;
  } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          // Searches carry names and ID numbers in the query string: log the path only.
          serializers: {
            req: (request: { method: string; url: string; ip?: string }) => ({
              method: request.method,
              path: request.url.split('?')[0],
              ip: request.ip,
            }),
          },
        }
      : false,
    bodyLimit: context.config.bodyLimit,
  }).withTypeProvider<ZodTypeProvider>();
  // The API speaks JSON only; a text body is refused as an unsupported media type, not half-read.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: string[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });

  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, toAppError(error, request)));
  const hasWeb = options.web === false ? false : await registerWebInterface(app, options.webRoot);
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html');
    if (hasWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, request, new AppError('notFound'));
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Bangfu 帮扶 API',
        description: '就业帮扶实名制台账与动态监测 — registry and monitoring of assisted rural labourers',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bangfu_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuthentication(app, context.services);

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
      api.get(
        '/health',
        { schema: { tags: ['system'], summary: '运行状态 Health' } },
        // Never waits for the database: it must answer while a long query runs.
        () => ({
          status: 'ok',
          database: { kind: context.database.kind, pendingQueries: context.database.pendingQueries() },
          uptimeSeconds: Math.round(process.uptime()),
        }),
      );
      await api.register(accessRoutes(context.services, context.database));
      await api.register(regionsRoutes(context.database));
      await api.register(registryRoutes(context.services));
      await api.register(statsRoutes(context.services));
      await api.register(monitoringRoutes(context.services));
      await api.register(ledgerRoutes(context.services, context.config));
    },
    { prefix: '/api' },
  );

  await app.ready();
  return { app, routes };
}
