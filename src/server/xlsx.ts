// Sends a table as an .xlsx download, streamed as the ledger writer produces it.
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { type Table, writeTable } from '../modules/ledger/ledger.writer.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with the file name in ASCII and in UTF-8 (RFC 6266), so Chinese names survive. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function sendTable<Row>(reply: FastifyReply, table: Table<Row>) {
  const stream = new PassThrough();
  writeTable(stream, table).catch((error: unknown) => stream.destroy(error as Error));
  return reply.type(XLSX_TYPE).header('content-disposition', attachment(table.fileName)).send(stream);
}
