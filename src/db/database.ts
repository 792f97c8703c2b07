// Opens the one database the program uses: a PostgreSQL server when given a URL, otherwise the
// embedded PGlite in a data folder (on a worker thread). Everything above this file sees the same
// Kysely instance and the same bulk-load call, whichever it is.
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import pgCopyStreams from 'pg-copy-streams';
import Cursor from 'pg-cursor';
import { type CopyRow, copyLine } from './copy-text.js';
import { PgliteWorker, PgliteWorkerDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** A row, or a row already written as one line of COPY's CSV (copyLine): compact to hold in memory. */
export type CopyInput = CopyRow | string;

export interface BulkLoader {
  /** COPY rows into a table inside the bulk load's transaction; returns the number copied. */
  copy(
    table: string,
    columns: readonly string[],
    rows: AsyncIterable<CopyInput> | Iterable<CopyInput>,
  ): Promise<number>;
  /** Run one SQL statement in the same transaction. */
  execute(sqlText: string, parameters?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Several COPYs and statements in one transaction on one connection: all land or none. */
  bulkLoad<T>(work: (loader: BulkLoader) => Promise<T>): Promise<T>;
  /** Queries sent to the database and not yet answered (used by the health check, never blocks). */
  pendingQueries(): number;
  /** PGlite only: write the data directory as a tarball (test templates). */
  dumpTo?(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — use a PostgreSQL server. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` or undefined for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** PGlite only: start from this data-directory tarball instead of an empty cluster. */
  loadDataDir?: string | undefined;
  /** Server only: connections in the pool. */
  poolSize?: number;
}

const camelCase = new CamelCasePlugin();

export function snakeCase(identifier: string): string {
  return identifier.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openServer(options.url, options.poolSize ?? 10) : openPglite(options);
}

// Same value shapes as the PGlite worker: int8 and numeric as numbers, dates as YYYY-MM-DD text.
const typeParsers: Record<number, (v: string) => unknown> = {
  20: Number,
  1700: Number,
  1082: (v) => v,
};

async function openServer(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  let pending = 0;
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }), plugins: [camelCase] });
  return {
    kind: 'postgres',
    db,
    pendingQueries: () => pending + pool.waitingCount,
    async bulkLoad(work) {
      const client = await pool.connect();
      pending++;
      try {
        await client.query('begin');
        const result = await work({
          async copy(table, columns, rows) {
            const sqlText = copySql(table, columns, 'stdin');
            const stream = client.query(pgCopyStreams.from(sqlText));
            await pipeline(Readable.from(csvChunks(rows)), stream);
            return Number(stream.rowCount);
          },
          async execute(sqlText, parameters = []) {
            const result = await client.query(sqlText, parameters as unknown[]);
            return { rows: result.rows };
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        pending--;
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const worker = new PgliteWorker({ dataDir, loadDataDir: options.loadDataDir });
  await worker.ready;
  const db = new Kysely<DB>({ dialect: new PgliteWorkerDialect(worker), plugins: [camelCase] });
  return {
    kind: 'pglite',
    db,
    pendingQueries: () => worker.inFlight,
    async bulkLoad(work) {
      // Holding a Kysely connection keeps every other query out until the load commits.
      return db.connection().execute(async (connection) => {
        const run = (sqlText: string, parameters: readonly unknown[] = []) =>
          connection.executeQuery<Record<string, unknown>>(CompiledQuery.raw(sqlText, [...parameters]));
        await run('begin');
        try {
          const result = await work({
            async copy(table, columns, rows) {
              const sqlText = copySql(table, columns, "'/dev/blob'");
              let copied = 0;
              // PGlite reads a COPY's input from one in-memory blob: send it in slices.
              for await (const slice of csvChunks(rows, 20_000)) {
                const reply = await worker.send({ type: 'copyIn', sql: sqlText, data: slice });
                copied += reply.affectedRows ?? 0;
              }
              return copied;
            },
            execute: (sqlText, parameters) => run(sqlText, parameters),
          });
          await run('commit');
          return result;
        } catch (error) {
          await run('rollback').catch(() => undefined);
          throw error;
        }
      });
    },
    async dumpTo(path) {
      await worker.send({ type: 'dump', path });
    },
    async close() {
      await db.destroy();
    },
  };
}

function copySql(table: string, columns: readonly string[], source: string): string {
  const columnList = columns.map((c) => `"${snakeCase(c)}"`).join(', ');
  return `copy "${snakeCase(table)}" (${columnList}) from ${source} with (format csv)`;
}

/** CSV text for COPY, in slices of `rowsPerSlice` rows. */
function csvChunks(
  rows: AsyncIterable<CopyInput> | Iterable<CopyInput>,
  rowsPerSlice = 2_000,
): Iterable<string> | AsyncIterable<string> {
  // A list is sliced without awaiting each row: for-await over a chunk's 20,000 rows cost the
  // import more CPU than writing them.
  return Symbol.asyncIterator in rows ? asyncCsvChunks(rows, rowsPerSlice) : csvSlices(rows, rowsPerSlice);
}

function* csvSlices(rows: Iterable<CopyInput>, rowsPerSlice: number) {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(typeof row === 'string' ? row : copyLine(row));
    if (lines.length >= rowsPerSlice) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

async function* asyncCsvChunks(rows: AsyncIterable<CopyInput>, rowsPerSlice: number) {
  let batch: CopyInput[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= rowsPerSlice) {
      yield* csvSlices(batch, rowsPerSlice);
      batch = [];
    }
  }
  yield* csvSlices(batch, rowsPerSlice);
}
