// The real service for browser tests: a fresh PGlite database with the region tree, a demo
// population over 科左中旗 and the demo accounts, serving a fresh build of the web interface on
// 127.0.0.1 at a free port.
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/config.js';
import { createDemoAccounts, demoPassword, loadDemoPopulation } from '../../../src/demo/demo.loader.js';
import { buildApp } from '../../../src/server/app.js';
import { buildServices } from '../../../src/server/context.js';
import { openTestDatabase, type TestDatabase } from '../../../src/test-support/databases.js';
import { ensureWebBuild } from './web-build.js';

export const kzzqCode = '150521000000';
export { demoPassword };

export interface E2eServer {
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startE2eServer(): Promise<E2eServer> {
  const webRoot = await ensureWebBuild();
  const database = await openTestDatabase('pglite');
  await loadDemoPopulation(database, {
    households: 300,
    seed: 7,
    regionCode: kzzqCode,
    householdsPerVillage: 30,
  });
  await createDemoAccounts(database);
  const config = { ...loadConfig({}), dataDir: 'memory://' };
  const services = buildServices(database, config);
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
