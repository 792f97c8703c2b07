// Messages between the main thread and the PGlite worker thread.

export type WorkerRequest =
  | { id: number; type: 'query'; sql: string; params: readonly unknown[] }
  /** COPY … FROM '/dev/blob' with `data` as the file. */
  | { id: number; type: 'copyIn'; sql: string; data: string }
  /** Write the whole data directory as a tarball (used to clone a migrated test template). */
  | { id: number; type: 'dump'; path: string }
  | { id: number; type: 'close' };

export type WorkerReply =
  | { id: number; ok: true; rows: object[]; affectedRows: number | undefined }
  | { id: number; ok: false; error: SerializedDatabaseError };

/** The fields of a PostgreSQL error that callers branch on, in a form that crosses threads. */
export interface SerializedDatabaseError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

export function serializeDatabaseError(error: unknown): SerializedDatabaseError {
  if (error instanceof Error) {
    const e = error as Error & Partial<SerializedDatabaseError>;
    return {
      message: e.message,
      code: e.code,
      detail: e.detail,
      constraint: e.constraint,
      table: e.table,
      column: e.column,
    };
  }
  return { message: String(error) };
}

/** Rebuilds an Error on the main thread carrying the same fields node-postgres errors carry. */
export function reviveDatabaseError(serialized: SerializedDatabaseError): Error {
  return Object.assign(new Error(serialized.message), serialized);
}
