// The real service for browser tests: a fresh PGlite database with the region tree, a demo
// population over 科左中旗 and the demo accounts, serving a fresh build of the web interface on
// 127.0.0.1 at a free port.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createDemoAccounts, demoPassword, loadDemoPopulation } from '../../../src/demo/demo.loader.js';
import { loadDemoMonitoring, loadDemoTargets } from '../../../src/demo/demo.monitoring.js';
import { systemActor } from '../../../src/modules/access/scope.js';
import { addMonths } from '../../../src/modules/monitoring/monitoring.rules.js';
import { buildApp } from '../../../src/server/app.js';
import { buildServices } from '../../../src/server/context.js';
import { localDay } from '../../../src/shared/dates.js';
import { openTestDatabase, type TestDatabase } from '../../../src/test-support/databases.js';
import { ensureWebBuild } from './web-build.js';

export const kzzqCode = '150521000000';
export { demoPassword };

export interface E2eServer {
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface E2eOptions {
  /** Also months of follow-ups, seed 001's targets and the warnings of the last two months, as in the demo. */
  monitoring?: boolean;
  /** The largest upload accepted, in bytes (default: the service's). */
  uploadLimit?: number;
  /** The monthly income the service refuses from (default: the service's), as a deployment may lower it. */
  maxMonthlyIncome?: number;
}

export async function startE2eServer(options: E2eOptions = {}): Promise<E2eServer> {
  const webRoot = await ensureWebBuild();
  const database = await openTestDatabase('pglite');
  await loadDemoPopulation(database, {
    households: 300,
    seed: 7,
    regionCode: kzzqCode,
    householdsPerVillage: 30,
  });
  await createDemoAccounts(database);
  // Uploads in the test run's folder (removed by the global teardown), apart from other test files'.
  const ledgerDir = mkdtempSync(path.join(path.dirname(inject('pgliteTemplate')), 'e2e-ledger-'));
  const defaults = loadConfig({});
  const config = {
    ...defaults,
    dataDir: 'memory://',
    ledgerDir,
    uploadLimit: options.uploadLimit ?? defaults.uploadLimit,
    maxMonthlyIncome: options.maxMonthlyIncome ?? defaults.maxMonthlyIncome,
  };
  const services = buildServices(database, config);
  if (options.monitoring) {
    const today = localDay(new Date());
    await loadDemoMonitoring(database, { months: 14, seed: 7, regionCode: kzzqCode, today });
    // Targets for the year of last month too: in January the month every village has reported is
    // in the year before.
    for (const year of new Set([addMonths(today.slice(0, 7), -1), today].map((d) => Number(d.slice(0, 4)))))
      await loadDemoTargets(services, year);
    for (const month of [addMonths(today.slice(0, 7), -1), today.slice(0, 7)])
      await services.monitoring.computeWarnings(systemActor(), kzzqCode, month);
  }
  const { app } = await buildApp({ database, config, services }, { webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
