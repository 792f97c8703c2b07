// A Kysely dialect whose single connection is a PGlite instance on a worker thread.
// PGlite is one session, so the driver hands out that one connection under a mutex: a
// transaction holds it from BEGIN to COMMIT and every other query waits its turn, which gives
// the same isolation a pooled server connection would.
import type { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { startWorker } from '../shared/worker-thread.js';
import type { WorkerReply, WorkerRequest } from './pglite-protocol.js';
import { reviveDatabaseError } from './pglite-protocol.js';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Owns the worker thread and matches replies to requests. */
export class PgliteWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve: (r: WorkerReply & { ok: true }) => void; reject: (e: Error) => void }
  >();
  readonly #ready: Promise<void>;
  #nextId = 1;

  constructor(options: { dataDir?: string; loadDataDir?: string }) {
    this.#worker = startWorker(import.meta.url, 'pglite.worker', {
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
    });
    this.#ready = new Promise((resolve, reject) => {
      this.#pending.set(0, { resolve: () => resolve(), reject });
    });
    this.#worker.on('message', (reply: WorkerReply) => {
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return;
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(reviveDatabaseError(reply.error));
    });
    this.#worker.on('error', (error) => this.#failAll(error));
    this.#worker.on('exit', (code) => this.#failAll(new Error(`PGlite worker exited with code ${code}`)));
  }

  get ready(): Promise<void> {
    return this.#ready;
  }

  /** Requests sent and not yet answered: a long query shows here while the main thread stays free. */
  get inFlight(): number {
    return this.#pending.size;
  }

  send(request: Request): Promise<WorkerReply & { ok: true }> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  async close(): Promise<void> {
    try {
      await this.send({ type: 'close' });
    } finally {
      await this.#worker.terminate();
    }
  }

  #failAll(error: Error): void {
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}

/** A promise-chain mutex: callers get the lock in the order they asked for it. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

export class PgliteConnection implements DatabaseConnection {
  #cursors = 0;
  /** Set by the driver between BEGIN and COMMIT/ROLLBACK; a cursor needs a transaction around it. */
  inTransaction = false;

  constructor(readonly worker: PgliteWorker) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.worker.send({
      type: 'query',
      sql: compiledQuery.sql,
      params: compiledQuery.parameters,
    });
    const affected = reply.affectedRows;
    return {
      rows: reply.rows as R[],
      numAffectedRows: affected === undefined ? undefined : BigInt(affected),
    };
  }

  // Kysely holds this connection for the whole stream, so a server-side cursor is safe here.
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    const cursor = `bangfu_cursor_${++this.#cursors}`;
    const ownTransaction = !this.inTransaction;
    if (ownTransaction) await this.executeQuery(CompiledQuery.raw('begin'));
    try {
      await this.executeQuery({
        ...compiledQuery,
        sql: `declare ${cursor} no scroll cursor for ${compiledQuery.sql}`,
      });
      for (;;) {
        const chunk = await this.executeQuery<R>(CompiledQuery.raw(`fetch ${chunkSize} from ${cursor}`));
        if (chunk.rows.length === 0) break;
        yield { rows: chunk.rows };
      }
      await this.executeQuery(CompiledQuery.raw(`close ${cursor}`));
      if (ownTransaction) await this.executeQuery(CompiledQuery.raw('commit'));
    } catch (error) {
      if (ownTransaction) await this.executeQuery(CompiledQuery.raw('rollback'));
      throw error;
    }
  }
}

class PgliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: PgliteConnection;
  #release: (() => void) | undefined;

  constructor(readonly worker: PgliteWorker) {
    this.#connection = new PgliteConnection(worker);
  }

  async init(): Promise<void> {
    await this.worker.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#mutex.acquire();
    return this.#connection;
  }

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await this.#connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
    this.#connection.inTransaction = true;
  }

  async commitTransaction(): Promise<void> {
    this.#connection.inTransaction = false;
    await this.#connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(): Promise<void> {
    this.#connection.inTransaction = false;
    await this.#connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.worker.close();
  }
}

export class PgliteWorkerDialect implements Dialect {
  constructor(readonly worker: PgliteWorker) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PgliteDriver(this.worker);
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
