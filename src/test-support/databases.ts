// Test databases: every database suite runs on PGlite, and again on the PostgreSQL server when
// TEST_DATABASE_URL is set. Each call returns a fresh copy of the migrated template.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { adminQuery, withDatabase } from '../../test/global-setup.js';
import { type Database, type DatabaseKind, openDatabase } from '../db/database.js';

export function testDatabaseKinds(): DatabaseKind[] {
  return inject('serverTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** Closes and, on the server, drops the copy. */
  dispose(): Promise<void>;
  /** Server only: the copy's URL, for child processes (DATABASE_URL). */
  url?: string;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ loadDataDir: inject('pgliteTemplate') });
    return Object.assign(database, { dispose: () => database.close() });
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `bangfu_test_${randomBytes(6).toString('hex')}`;
  await createFromTemplate(url, name, inject('serverTemplate') as string);
  const database = await openDatabase({ url: withDatabase(url, name), poolSize: 4 });
  return Object.assign(database, {
    url: withDatabase(url, name),
    async dispose() {
      await database.close();
      await adminQuery(url, `drop database if exists ${name}`);
    },
  });
}

/**
 * A copy of the migrated template in a PGlite data folder (not in memory), for a child process to
 * open with BANGFU_DATA_DIR. Written and closed again: only one process may hold the folder.
 */
export async function makePgliteFolder(folder: string): Promise<void> {
  const database = await openDatabase({ dataDir: folder, loadDataDir: inject('pgliteTemplate') });
  await database.close();
}

/** PostgreSQL refuses to copy a template while another CREATE DATABASE reads it: retry briefly. */
async function createFromTemplate(url: string, name: string, template: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(url, `create database ${name} template ${template}`);
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}
