// HTTP routes of the ledger: upload → preview and check → confirm → progress → rejected rows, and
// the .xlsx exports. Thin: validate, identify the caller, call one service method, send the file.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { requireActor } from '../../server/auth.js';
import type { Services } from '../../server/context.js';
import { AppError } from '../../shared/errors.js';
import {
  householdsExportQuery,
  importIdParam,
  importQuery,
  ledgerExportQuery,
  personsExportQuery,
  uploadQuery,
} from './ledger.dto.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file and removes it once sent (or the client went away). */
function sendFile(reply: FastifyReply, file: { file: string; fileName: string }) {
  const stream = createReadStream(file.file);
  stream.on('close', () => void rm(file.file, { force: true }));
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return reply
    .type(XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .send(stream);
}

export function ledgerRoutes(services: Services, config: Pick<Config, 'uploadLimit'>): FastifyPluginAsyncZod {
  const ledger = services.ledger;
  return async (app) => {
    // Uploads only here: the rest of the API stays JSON-only.
    await app.register(multipart, { limits: { fileSize: config.uploadLimit, files: 1, fields: 10 } });
    app.addContentTypeParser(
      ['application/octet-stream', 'text/csv', XLSX, 'application/vnd.ms-excel'],
      (_request, payload, done) => done(null, payload),
    );
    const tags = ['ledger'];

    app.post(
      '/ledger/imports',
      {
        schema: {
          tags,
          summary:
            '上传台账（.xlsx 或 .csv），返回表头识别结果和前几行，并开始试导入检查 Upload a ledger: preview and dry run',
          description:
            'multipart/form-data with the file in field "file", or the file itself as the body ' +
            '(application/octet-stream, text/csv or the .xlsx media type) with ?fileName=. Answers 202; ' +
            'poll GET /ledger/imports/{id} for the check, then POST …/confirm.',
          querystring: uploadQuery,
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        let stream: Readable;
        let fileName = request.query.fileName ?? '';
        if (request.isMultipart()) {
          const part = await request.file();
          if (!part)
            throw new AppError('ledger.badFile', { params: { reason: '没有收到文件（字段名应为 file）' } });
          stream = part.file;
          fileName = part.filename || fileName;
        } else if (request.body && typeof (request.body as Readable).pipe === 'function') {
          stream = request.body as Readable;
        } else {
          throw new AppError('request.unsupportedMediaType');
        }
        try {
          const created = await ledger.upload(actor, { stream, fileName, region: request.query.region });
          return reply.status(202).send(created);
        } catch (error) {
          // A multipart file over the limit ends the stream early; say so instead of "bad file".
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError('request.tooLarge');
          throw error;
        }
      },
    );

    app.get(
      '/ledger/imports',
      { schema: { tags, summary: '我的台账导入 My ledger imports' } },
      async (request) => ({ items: await ledger.listImports(requireActor(request)) }),
    );

    app.get(
      '/ledger/imports/:id',
      {
        schema: {
          tags,
          summary:
            '导入任务：状态、进度、预览、检查结果和导入结果 Import status, progress, preview and reports',
          params: importIdParam,
          querystring: importQuery,
        },
      },
      (request) => ledger.getImport(requireActor(request), request.params.id, request.query.errors),
    );

    app.post(
      '/ledger/imports/:id/confirm',
      {
        schema: {
          tags,
          summary: '确认导入（一个文件一个事务；中断后再次确认即可完成） Confirm the import',
          params: importIdParam,
        },
      },
      async (request, reply) =>
        reply.status(202).send(await ledger.confirmImport(requireActor(request), request.params.id)),
    );

    app.get(
      '/ledger/imports/:id/rejected.xlsx',
      {
        schema: {
          tags,
          summary: '未导入的行（含原因列，改正后可直接重新导入） Rejected rows with reasons',
          params: importIdParam,
        },
      },
      async (request, reply) =>
        sendFile(reply, await ledger.rejectedRows(requireActor(request), request.params.id)),
    );

    app.get(
      '/ledger/export/persons.xlsx',
      {
        schema: {
          tags,
          summary: '导出人员名单（与人员查询相同的筛选条件） Export the person list',
          querystring: personsExportQuery,
        },
      },
      async (request, reply) => {
        const { page: _p, pageSize: _s, sort: _o, order: _d, ...filter } = request.query;
        return sendFile(reply, await ledger.exportPersons(requireActor(request), filter));
      },
    );

    app.get(
      '/ledger/export/households.xlsx',
      {
        schema: {
          tags,
          summary: '导出家庭名单（与家庭查询相同的筛选条件） Export the household list',
          querystring: householdsExportQuery,
        },
      },
      async (request, reply) => {
        const { page: _p, pageSize: _s, ...filter } = request.query;
        return sendFile(reply, await ledger.exportHouseholds(requireActor(request), filter));
      },
    );

    app.get(
      '/ledger/export/ledger.xlsx',
      {
        schema: {
          tags,
          summary: '导出标准台账（可直接重新导入） Export the standard ledger of a region',
          querystring: ledgerExportQuery,
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await ledger.exportLedger(requireActor(request), request.query.region, request.query.unmasked),
        ),
    );
  };
}
