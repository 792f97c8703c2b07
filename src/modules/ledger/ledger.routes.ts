// HTTP routes of the ledger: upload → preview and check → confirm → progress → rejected rows, and
// the .xlsx exports. Thin: validate, identify the caller, call one service method, send the file.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { requireActor } from '../../server/auth.js';
import type { Services } from '../../server/context.js';
import { AppError } from '../../shared/errors.js';
import {
  followUpUploadQuery,
  householdsExportQuery,
  importIdParam,
  importListQuery,
  importQuery,
  ledgerExportQuery,
  personsExportQuery,
  uploadQuery,
} from './ledger.dto.js';
import { saveUpload } from './ledger.upload.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The bytes of an uploaded multipart file, failing at the end if the size limit cut it short:
 * @fastify/multipart ends such a stream early without an error, which would store half a file.
 */
async function* untruncated(file: Readable & { truncated?: boolean }) {
  for await (const chunk of file) yield chunk as Buffer;
  if (file.truncated) throw new AppError('request.tooLarge');
}

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

/** The uploaded file of a request: multipart (field "file") or the body itself. */
async function withUpload<T>(
  request: FastifyRequest,
  givenName: string | undefined,
  use: (stream: Readable, fileName: string) => Promise<T>,
): Promise<T> {
  let stream: Readable;
  let fileName = givenName ?? '';
  if (request.isMultipart()) {
    const part = await request.file();
    if (!part)
      throw new AppError('ledger.badFile', { params: { reason: '没有收到文件（字段名应为 file）' } });
    stream = Readable.from(untruncated(part.file));
    fileName = part.filename || fileName;
  } else if (request.body && typeof (request.body as Readable).pipe === 'function') {
    stream = request.body as Readable;
  } else {
    throw new AppError('request.unsupportedMediaType');
  }
  try {
    return await use(stream, fileName);
  } catch (error) {
    // A multipart file over the limit ends the stream early; say so instead of "bad file".
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('request.tooLarge');
    throw error;
  }
}

export function ledgerRoutes(
  services: Services,
  config: Pick<Config, 'uploadLimit' | 'ledgerDir'>,
): FastifyPluginAsyncZod {
  const ledger = services.ledger;
  /** The upload saved to a file of its own for the work, removed afterwards. */
  const withSavedUpload = <T>(
    request: FastifyRequest,
    givenName: string | undefined,
    use: (file: string, fileName: string) => Promise<T>,
  ) =>
    withUpload(request, givenName, async (stream, fileName) => {
      const saved = await saveUpload(stream, config.ledgerDir, config.uploadLimit);
      try {
        return await use(saved.file, path.basename(fileName || '回访表').slice(0, 200));
      } finally {
        await rm(saved.file, { force: true });
      }
    });
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
        const created = await withUpload(request, request.query.fileName, (stream, fileName) =>
          ledger.upload(actor, { stream, fileName, region: request.query.region }),
        );
        return reply.status(202).send(created);
      },
    );

    app.post(
      '/ledger/follow-ups',
      {
        schema: {
          tags,
          summary:
            '导入某月的回访表（身份证号码、姓名和就业状况各列），返回与台账导入相同格式的报告 Import a month of follow-ups',
          description:
            'The sheet as multipart/form-data (field "file") or as the body. With dryRun=true nothing is ' +
            'written and the report says what the import would do. One transaction per file.',
          querystring: followUpUploadQuery,
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { month, region, dryRun } = request.query;
        return withSavedUpload(request, request.query.fileName, (file, fileName) =>
          services.followUpImport.importFile(actor, file, { month, region, dryRun, fileName }),
        );
      },
    );

    app.post(
      '/ledger/follow-ups/rejected.xlsx',
      {
        schema: {
          tags,
          summary:
            '回访表中不能导入的行（含原因列），不写入数据库 The rows of a follow-up sheet that cannot be imported',
          querystring: followUpUploadQuery,
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const { month, region } = request.query;
        const rejected = await withSavedUpload(request, request.query.fileName, async (file, fileName) => {
          const report = await services.followUpImport.importFile(actor, file, {
            month,
            region,
            dryRun: true,
            fileName,
          });
          const out = `${file}.rejected.xlsx`;
          await ledger.writeRejectedRows(file, report, out);
          return { file: out, fileName: `${fileName.replace(/\.[^.]+$/, '')}_未导入的行.xlsx` };
        });
        return sendFile(reply, rejected);
      },
    );

    app.get(
      '/ledger/imports',
      {
        schema: {
          tags,
          summary: '本地区的台账导入记录（谁、何时、文件、条数） Ledger imports into a region',
          description: 'Newest first (at most 100); `uploadLimit` is the largest file accepted, in bytes.',
          querystring: importListQuery,
        },
      },
      async (request) => ({
        items: await ledger.listImports(requireActor(request), request.query.region),
        uploadLimit: config.uploadLimit,
      }),
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
      (request) =>
        ledger.getImport(
          requireActor(request),
          request.params.id,
          request.query.errors,
          request.query.errorOffset,
        ),
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
