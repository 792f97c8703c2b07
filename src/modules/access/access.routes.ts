// Login, logout, the current user, and account management.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor, sessionCookie } from '../../server/auth.js';
import type { Services } from '../../server/context.js';
import { regionsRepository } from '../regions/regions.repository.js';
import { can, permissions, roleLabels, roles } from './access.rules.js';
import type { Actor } from './scope.js';

const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

const createUserBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  displayName: z.string().trim().min(1).max(50),
  password: z.string().min(1).max(200),
  role: z.enum(roles),
  regionCode: z.string().regex(/^\d{12}$/),
});

const auditLogQuery = z.strictObject({
  region: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  /** e.g. person.update, followUp.import, ledger.export */
  action: z.string().trim().min(1).max(64).optional(),
  entityType: z.string().trim().min(1).max(64).optional(),
  /** The `next` of the page before. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function accessRoutes(services: Services, database: Database): FastifyPluginAsyncZod {
  async function presentActor(actor: Actor) {
    const region = actor.scope.regionCode
      ? await regionsRepository(database.db).get(actor.scope.regionCode)
      : undefined;
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      roleLabel: roleLabels[actor.role],
      region: region ? { code: region.code, name: region.name, level: region.level } : null,
      permissions: permissions.filter((p) => can(actor.role, p)),
    };
  }

  return async (app) => {
    app.post(
      '/auth/login',
      { schema: { tags: ['access'], summary: '登录 Log in', body: loginBody } },
      async (request, reply) => {
        const { token, actor, expiresAt } = await services.access.login(
          request.body.username,
          request.body.password,
        );
        reply.setCookie(sessionCookie, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          expires: expiresAt,
        });
        return { token, expiresAt, user: await presentActor(actor) };
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['access'], summary: '退出 Log out' } },
      async (request, reply) => {
        if (request.sessionToken) await services.access.logout(request.sessionToken);
        reply.clearCookie(sessionCookie, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get('/auth/me', { schema: { tags: ['access'], summary: '当前用户 Current user' } }, async (request) =>
      presentActor(requireActor(request)),
    );

    app.get(
      '/audit-events',
      {
        schema: {
          tags: ['access'],
          summary: '操作日志（证件号和电话脱敏） Audit log of a region, newest first',
          querystring: auditLogQuery,
        },
      },
      async (request) => services.access.auditLog(requireActor(request), request.query),
    );

    app.get(
      '/users',
      { schema: { tags: ['access'], summary: '账号列表 Accounts in my region' } },
      async (request) => ({
        items: await services.access.listUsers(requireActor(request)),
      }),
    );

    app.post(
      '/users',
      { schema: { tags: ['access'], summary: '新建账号 Create an account', body: createUserBody } },
      async (request, reply) => {
        const user = await services.access.createUser(requireActor(request), request.body);
        return reply.status(201).send({
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          regionCode: user.regionCode,
        });
      },
    );
  };
}
