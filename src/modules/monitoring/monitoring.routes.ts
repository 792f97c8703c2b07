// HTTP routes of monthly monitoring: thin — validate, identify the caller, call one service method.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import type { Services } from '../../server/context.js';
import {
  actionBody,
  confirmUnchangedBody,
  moveWarningBody,
  recordFollowUpsBody,
  regionMonthQuery,
  reportingPolicyBody,
  targetBreakdownBody,
  villageMonthParams,
  villageMonthsQuery,
  warningQuery,
  warningThresholdBody,
} from './monitoring.dto.js';

export function monitoringRoutes(services: Services): FastifyPluginAsyncZod {
  const monitoring = services.monitoring;
  const tags = ['monitoring'];
  return async (app) => {
    app.get(
      '/monitoring/villages/:village/months/:month',
      {
        schema: { tags, summary: '村级月度回访 A village month with its people', params: villageMonthParams },
      },
      (request) =>
        monitoring.villageMonth(requireActor(request), request.params.village, request.params.month),
    );
    app.post(
      '/monitoring/villages/:village/months/:month/follow-ups',
      {
        schema: {
          tags,
          summary: '录入回访 Record follow-ups',
          params: villageMonthParams,
          body: recordFollowUpsBody,
        },
      },
      (request) =>
        monitoring.recordFollowUps(
          requireActor(request),
          request.params.village,
          request.params.month,
          request.body.entries,
        ),
    );
    app.post(
      '/monitoring/villages/:village/months/:month/confirm-unchanged',
      {
        schema: {
          tags,
          summary: '批量确认无变化 Confirm "no change" for many',
          params: villageMonthParams,
          body: confirmUnchangedBody,
        },
      },
      (request) =>
        monitoring.confirmUnchanged(
          requireActor(request),
          request.params.village,
          request.params.month,
          request.body.personIds ?? null,
        ),
    );
    app.post(
      '/monitoring/villages/:village/months/:month/actions',
      {
        schema: {
          tags,
          summary: '报送、退回、审核通过、重新打开 Submit, return, accept, reopen',
          params: villageMonthParams,
          body: actionBody,
        },
      },
      (request) =>
        monitoring.act(
          requireActor(request),
          request.params.village,
          request.params.month,
          request.body.action,
          request.body.reason ?? null,
        ),
    );
    app.get(
      '/monitoring/reporting',
      {
        schema: {
          tags,
          summary: '报送及时率与完整率 Reporting completeness and timeliness',
          querystring: regionMonthQuery,
        },
      },
      (request) => monitoring.reporting(requireActor(request), request.query.region, request.query.month),
    );
    app.get(
      '/monitoring/village-months',
      {
        schema: {
          tags,
          summary: '各村月度报送状态 The months of the villages below a region',
          querystring: villageMonthsQuery,
        },
      },
      (request) => monitoring.villageMonths(requireActor(request), request.query),
    );
    app.post(
      '/monitoring/warnings/compute',
      { schema: { tags, summary: '计算预警 Compute warnings for a month', body: regionMonthQuery } },
      (request) => monitoring.computeWarnings(requireActor(request), request.body.region, request.body.month),
    );
    app.get(
      '/monitoring/warnings',
      { schema: { tags, summary: '预警清单 Warnings', querystring: warningQuery } },
      (request) => monitoring.warnings(requireActor(request), request.query),
    );
    app.patch(
      '/monitoring/warnings/:id',
      {
        schema: {
          tags,
          summary: '处理预警 Move a warning to handling or resolved',
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          body: moveWarningBody,
        },
      },
      (request) =>
        monitoring.moveWarning(
          requireActor(request),
          request.params.id,
          request.body.state,
          request.body.note,
        ),
    );
    app.get(
      '/policies',
      { schema: { tags, summary: '报送期限与预警阈值 Deadlines and warning thresholds in force' } },
      (request) => monitoring.policies(requireActor(request)),
    );
    app.post(
      '/policies/reporting',
      {
        schema: {
          tags,
          summary: '设置本地区报送期限 Set reporting deadlines for a region',
          body: reportingPolicyBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await monitoring.addReportingPolicy(requireActor(request), request.body)),
    );
    app.post(
      '/policies/warning-thresholds',
      {
        schema: {
          tags,
          summary: '设置本地区预警阈值 Set warning thresholds for a region',
          body: warningThresholdBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(await monitoring.addWarningThresholds(requireActor(request), request.body)),
    );
    app.put(
      '/targets',
      {
        schema: {
          tags,
          summary: '设置目标任务及分解 Set a target and its breakdown',
          body: targetBreakdownBody,
        },
      },
      (request) => monitoring.setTargets(requireActor(request), request.body),
    );
    app.get(
      '/targets/progress',
      { schema: { tags, summary: '目标完成进度 Progress against targets', querystring: regionMonthQuery } },
      (request) =>
        monitoring.targetProgress(requireActor(request), request.query.region, request.query.month),
    );
  };
}
