// The real HTTP stack over a test database, with logged-in callers.
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Role } from '../modules/access/access.rules.js';
import { buildApp } from '../server/app.js';
import { buildServices } from '../server/context.js';
import { buildUser, testPassword } from './factories.js';

export async function buildTestApp(database: Database, settings: Partial<Config> = {}) {
  // Uploads of its own (test files run in parallel, each database numbering its imports from 1), in
  // the test run's folder, which the global teardown removes.
  const ledgerDir = mkdtempSync(path.join(path.dirname(inject('pgliteTemplate')), 'ledger-'));
  const config = { ...loadConfig({}), dataDir: 'memory://', ledgerDir, ...settings };
  const services = buildServices(database, config);
  const { app, routes } = await buildApp({ database, config, services });

  /** Logs a new account in over HTTP and returns the headers that carry its session. */
  async function loginAs(role: Role, regionCode: string) {
    const user = await buildUser(database, role, regionCode);
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: testPassword },
    });
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
    const token = response.json<{ token: string }>().token;
    return { user, headers: { authorization: `Bearer ${token}` } };
  }

  return { app, routes, services, loginAs };
}

export type Caller = { headers: Record<string, string> };

export function call(app: FastifyInstance, caller: Caller | null, options: InjectOptions) {
  return app.inject({ ...options, headers: { ...(caller?.headers ?? {}), ...(options.headers ?? {}) } });
}
