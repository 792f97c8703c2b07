// Region figures for home pages and dashboards.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import type { Services } from '../../server/context.js';

export function statsRoutes(services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/stats/summary',
      {
        schema: {
          tags: ['stats'],
          summary: '地区概况：人数、劳动力、就业形式与地域、零就业家庭 Region summary',
          querystring: z.strictObject({
            /** Region code; the caller's own region when left out. */
            region: z
              .string()
              .regex(/^\d{12}$/)
              .optional(),
          }),
        },
      },
      (request) => services.stats.regionSummary(requireActor(request), request.query.region),
    );
    app.get(
      '/stats/monthly',
      {
        schema: {
          tags: ['stats'],
          summary:
            '月度统计：就业、形式、地域、搬迁、协作、零就业家庭、预警、报送，含环比同比 Monthly figures',
          querystring: z.strictObject({
            region: z
              .string()
              .regex(/^\d{12}$/)
              .optional(),
            month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
          }),
        },
      },
      (request) => services.stats.monthly(requireActor(request), request.query.region, request.query.month),
    );
  };
}
