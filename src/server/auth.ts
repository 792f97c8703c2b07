// Resolves the caller from the session cookie (or a Bearer token for scripts) before any route
// runs. Routes read `request.actor`; `requireActor` turns a missing login into a 401.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../modules/access/scope.js';
import { AppError } from '../shared/errors.js';
import type { Services } from './context.js';

export const sessionCookie = 'bangfu_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

export function sessionToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[sessionCookie] ?? null;
}

/** Routes that answer without a login, and so never wait on the database to look one up. */
const publicRoutes = new Set(['/api/health', '/api/openapi.json']);

export function registerAuthentication(app: FastifyInstance, services: Services) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request) => {
    if (publicRoutes.has(request.routeOptions.url ?? '')) return;
    const token = sessionToken(request);
    request.sessionToken = token;
    request.actor = token ? await services.access.authenticate(token) : null;
  });
  // Every API route but the public ones needs a login, checked before input validation so an
  // anonymous caller learns nothing about what a route accepts.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (
      !url.startsWith('/api/') ||
      publicRoutes.has(url) ||
      url === '/api/auth/login' ||
      url === '/api/auth/logout'
    )
      return;
    if (!request.actor) throw new AppError('auth.required');
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('auth.required');
  return request.actor;
}
