// Builds one migrated database with the region tree per kind, once per test run; each test file
// then starts from a copy of it (test-support/databases.ts) instead of migrating again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { syncRegions } from '../src/modules/regions/regions.repository.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    serverTemplate: string | null;
  }
}

export async function setup(project: TestProject) {
  const folder = mkdtempSync(path.join(tmpdir(), 'bangfu-test-'));
  const pgliteTemplate = path.join(folder, 'template.tar');
  const embedded = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(embedded.db as never);
  await syncRegions(embedded);
  await embedded.dumpTo?.(pgliteTemplate);
  await embedded.close();
  project.provide('pgliteTemplate', pgliteTemplate);

  const serverUrl = process.env.TEST_DATABASE_URL;
  let serverTemplate: string | null = null;
  if (serverUrl) {
    serverTemplate = `bangfu_template_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${serverTemplate}`);
    const server = await openDatabase({ url: withDatabase(serverUrl, serverTemplate), poolSize: 2 });
    await migrateToLatest(server.db as never);
    await syncRegions(server);
    await server.close();
  }
  project.provide('serverTemplate', serverTemplate);

  return async () => {
    rmSync(folder, { recursive: true, force: true });
    if (serverUrl && serverTemplate) await adminQuery(serverUrl, `drop database if exists ${serverTemplate}`);
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function adminQuery(url: string, sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}
