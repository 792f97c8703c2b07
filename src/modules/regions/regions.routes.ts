// The region tree for pickers and navigators, limited to the caller's subtree and the path above it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requireActor } from '../../server/auth.js';
import { AppError } from '../../shared/errors.js';
import type { Actor } from '../access/scope.js';
import { type Region, regionsRepository } from './regions.repository.js';
import { ancestorCodes, normalizeRegionCode } from './regions.rules.js';

const codeParam = z.strictObject({ code: z.string().regex(/^\d{12}$/) });

function present(region: Region) {
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: region.parentCode,
    aliases: region.aliases,
  };
}

export function regionsRoutes(database: Database): FastifyPluginAsyncZod {
  const repository = regionsRepository(database.db);

  /** A region may be read when it is in the caller's subtree or above it (for breadcrumbs). */
  async function readable(actor: Actor, code: string): Promise<Region> {
    const region = await repository.get(code);
    const above = actor.scope.regionCode ? ancestorCodes(actor.scope.regionCode).includes(code) : false;
    if (!region || !(actor.scope.covers(code) || above)) throw new AppError('notFound');
    return region;
  }

  return async (app) => {
    app.get(
      '/regions/:code',
      {
        schema: { tags: ['regions'], summary: '地区及其上级 A region and its ancestors', params: codeParam },
      },
      async (request) => {
        const actor = requireActor(request);
        const region = await readable(actor, request.params.code);
        const path = await repository.getMany(ancestorCodes(region.code));
        return { ...present(region), path: path.map(present), inScope: actor.scope.covers(region.code) };
      },
    );

    app.get(
      '/regions/:code/children',
      { schema: { tags: ['regions'], summary: '下级地区 Children', params: codeParam } },
      async (request) => {
        const actor = requireActor(request);
        const region = await readable(actor, request.params.code);
        const children = await repository.children(region.code);
        const above = actor.scope.regionCode ? ancestorCodes(actor.scope.regionCode) : [];
        const visible = children.filter((c) => actor.scope.covers(c.code) || above.includes(c.code));
        return { items: visible.map(present) };
      },
    );

    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: '按名称或代码查找地区 Find regions by name, short name or code',
          querystring: z.strictObject({
            q: z.string().trim().min(1).max(60),
            limit: z.coerce.number().int().min(1).max(50).default(20),
          }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const code = normalizeRegionCode(request.query.q);
        if (code) {
          const region = await repository.get(code);
          return { items: region && actor.scope.covers(region.code) ? [present(region)] : [] };
        }
        const found = await repository.searchByName(request.query.q, actor.scope, request.query.limit);
        return { items: found.map(present) };
      },
    );
  };
}
