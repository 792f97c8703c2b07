// Region figures for home pages and dashboards, the people behind a month's figures, and every
// statistics table as an .xlsx download.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import type { Services } from '../../server/context.js';
import { sendTable } from '../../server/xlsx.js';
import { type Language, languageFromHeader } from '../../shared/i18n.js';
import type { Actor } from '../access/scope.js';
import type { Table } from '../ledger/ledger.writer.js';
import {
  monthPeopleExportQuery,
  monthPeopleQuery,
  regionMonthQuery,
  regionQuery,
  warningsExportQuery,
} from './stats.dto.js';

export function statsRoutes(services: Services): FastifyPluginAsyncZod {
  const stats = services.stats;
  const tags = ['stats'];
  return async (app) => {
    app.get(
      '/stats/summary',
      {
        schema: {
          tags,
          summary: '地区概况：人数、劳动力、就业形式与地域、零就业家庭 Region summary',
          querystring: regionQuery,
        },
      },
      (request) => stats.regionSummary(requireActor(request), request.query.region),
    );
    app.get(
      '/stats/figures-month',
      {
        schema: {
          tags,
          summary: '统计页默认月份：本地区最近已有村报送的月份 The month figures screens open on',
          querystring: regionQuery,
        },
      },
      (request) => stats.figuresMonth(requireActor(request), request.query.region),
    );
    app.get(
      '/stats/monthly',
      {
        schema: {
          tags,
          summary:
            '月度统计：就业、形式、地域、搬迁、协作、零就业家庭、预警、报送，含环比同比 Monthly figures',
          querystring: regionMonthQuery,
        },
      },
      (request) => stats.monthly(requireActor(request), request.query.region, request.query.month),
    );
    app.get(
      '/stats/trend',
      {
        schema: {
          tags,
          summary: '月度趋势：截至某月的逐月合计 Monthly totals over the last months',
          querystring: regionMonthQuery.extend({
            /** How many months up to `month`, oldest first. */
            months: z.coerce.number().int().min(2).max(36).default(13),
          }),
        },
      },
      (request) =>
        stats.trend(requireActor(request), request.query.region, request.query.month, request.query.months),
    );
    app.get(
      '/stats/monthly/people',
      {
        schema: {
          tags,
          summary: '月度统计数字背后的人员（当月回访记录） The people behind a monthly figure',
          querystring: monthPeopleQuery,
        },
      },
      (request) => stats.monthPeople(requireActor(request), request.query),
    );

    /** An .xlsx download of one statistics table, headers in the caller's language. */
    const xlsx = <Q extends z.ZodType, Row>(
      name: string,
      summary: string,
      querystring: Q,
      build: (actor: Actor, query: z.infer<Q>, lang: Language) => Promise<Table<Row>>,
    ) =>
      app.get(
        `/stats/export/${name}.xlsx`,
        { schema: { tags, summary, querystring } },
        async (request, reply) =>
          sendTable(
            reply,
            await build(
              requireActor(request),
              request.query as z.infer<Q>,
              languageFromHeader(request.headers['accept-language']),
            ),
          ),
      );
    xlsx(
      'monthly',
      '导出月度统计表（各下级地区一行） Export the monthly statistics',
      regionMonthQuery,
      stats.exportMonthly,
    );
    xlsx(
      'people',
      '导出统计数字背后的人员名单 Export the people behind a monthly figure',
      monthPeopleExportQuery,
      stats.exportMonthPeople,
    );
    xlsx(
      'targets',
      '导出目标任务完成进度 Export progress against targets',
      regionMonthQuery,
      stats.exportProgress,
    );
    xlsx('warnings', '导出预警清单 Export the warnings', warningsExportQuery, stats.exportWarnings);
    xlsx(
      'reporting',
      '导出报送情况（完整率、及时率） Export reporting completeness and timeliness',
      regionMonthQuery,
      stats.exportReporting,
    );
  };
}
