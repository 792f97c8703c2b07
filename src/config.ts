// Settings read from the environment, in one place, with the defaults a fresh checkout needs.
import os from 'node:os';
import path from 'node:path';

export interface Config {
  /** PostgreSQL server URL; when absent the embedded PGlite is used. */
  databaseUrl: string | undefined;
  /** PGlite data folder. */
  dataDir: string;
  port: number;
  host: string;
  sessionHours: number;
  /** Monthly income above this (yuan) is refused as implausible. */
  maxMonthlyIncome: number;
  /** Request bodies larger than this are refused (bytes). */
  bodyLimit: number;
  /** Largest ledger file accepted for upload (bytes). */
  uploadLimit: number;
  /** Where uploaded ledgers wait for their import (and exports are written before sending). */
  ledgerDir: string;
}

function numberFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.BANGFU_DATA_DIR || 'data'),
    port: numberFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '0.0.0.0',
    sessionHours: numberFrom(env.BANGFU_SESSION_HOURS, 12, 'BANGFU_SESSION_HOURS'),
    maxMonthlyIncome: numberFrom(env.BANGFU_MAX_MONTHLY_INCOME, 100_000, 'BANGFU_MAX_MONTHLY_INCOME'),
    bodyLimit: numberFrom(env.BANGFU_BODY_LIMIT, 1_048_576, 'BANGFU_BODY_LIMIT'),
    uploadLimit: numberFrom(env.BANGFU_UPLOAD_LIMIT, 314_572_800, 'BANGFU_UPLOAD_LIMIT'),
    ledgerDir: path.resolve(env.BANGFU_LEDGER_DIR || path.join(os.tmpdir(), 'bangfu-ledger')),
  };
}
