// Runs embedded PostgreSQL (PGlite) on a worker thread. PGlite executes queries synchronously on
// the thread that owns it, so on the main thread a multi-second query would freeze the HTTP
// server (measured in stack-notes.md). The main thread talks to this worker by messages; see
// pglite-dialect.ts for the other side and the protocol.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { WorkerReply, WorkerRequest } from './pglite-protocol.js';
import { serializeDatabaseError } from './pglite-protocol.js';

const { dataDir, loadDataDir } = workerData as {
  dataDir: string | undefined;
  loadDataDir: string | undefined;
};
const port = parentPort;
if (!port) throw new Error('pglite.worker must run as a worker thread');

// Same value shapes as the node-postgres pool in database.ts: int8 and numeric as numbers, dates as text.
const parsers = {
  20: (v: string) => Number(v),
  1700: (v: string) => Number(v),
  1082: (v: string) => v,
};

async function openPglite(): Promise<PGlite> {
  const options: PGliteOptions = { parsers };
  if (loadDataDir) {
    const { readFile } = await import('node:fs/promises');
    options.loadDataDir = new Blob([await readFile(loadDataDir)]);
  }
  const pg = new PGlite(dataDir ?? 'memory://', options);
  await pg.waitReady;
  return pg;
}

const pglite = openPglite();

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  const pg = await pglite;
  try {
    switch (request.type) {
      case 'query': {
        // Like node-postgres: without parameters use the simple protocol, which allows several
        // statements (migrations); the last statement's result is the answer.
        const result =
          request.params.length === 0
            ? (await pg.exec(request.sql)).at(-1)
            : await pg.query(request.sql, request.params as unknown[]);
        return {
          id: request.id,
          ok: true,
          rows: (result?.rows ?? []) as object[],
          affectedRows: result?.affectedRows,
        };
      }
      case 'copyIn': {
        const result = await pg.query(request.sql, [], { blob: new Blob([request.data]) });
        return { id: request.id, ok: true, rows: [], affectedRows: result.affectedRows };
      }
      case 'dump': {
        const { writeFile } = await import('node:fs/promises');
        const file = await pg.dumpDataDir('none');
        await writeFile(request.path, Buffer.from(await file.arrayBuffer()));
        return { id: request.id, ok: true, rows: [], affectedRows: 0 };
      }
      case 'close': {
        await pg.close();
        return { id: request.id, ok: true, rows: [], affectedRows: 0 };
      }
    }
  } catch (error) {
    return { id: request.id, ok: false, error: serializeDatabaseError(error) };
  }
}

port.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => port.postMessage(reply));
});

pglite.then(
  () => port.postMessage({ id: 0, ok: true, rows: [], affectedRows: 0 } satisfies WorkerReply),
  (error: unknown) =>
    port.postMessage({ id: 0, ok: false, error: serializeDatabaseError(error) } satisfies WorkerReply),
);
