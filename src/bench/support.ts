// What the benchmarks share: server databases by name, psql, the columns of the \copy floor, numbers.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { snakeCase } from '../db/database.js';
import { householdColumns, personColumns } from '../demo/demo.rows.js';

const run = promisify(execFile);

/** The same server URL with another database. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** One statement on its own connection (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(url: string, sqlText: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sqlText);
  } finally {
    await client.end();
  }
}

export async function recreateServerDatabase(serverUrl: string, name: string) {
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(serverUrl, `create database ${name}`);
}

/** Runs one psql command (e.g. \copy); returns its wall time in seconds. */
export async function psql(url: string, command: string): Promise<number> {
  const started = performance.now();
  await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return (performance.now() - started) / 1000;
}

/** The household columns the loaders write, for the \copy floor. */
export const householdColumnList = householdColumns.map(snakeCase);

/** The person columns the demo loader gives COPY (ids are left to the identity default). */
export const personColumnList = personColumns.map(snakeCase);

/** A positive whole number from an option or a variable (1_000_000 allowed), or the fallback. */
export function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number: ${value}`);
  return n;
}

export const mb = (bytes: number) => Math.round(bytes / 1_048_576);
export const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

/** Percentiles of request times in ms (nearest rank). */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
}
