// Anything a user can type or paste, into every route: each path and query parameter and each field
// of a JSON body (from the service's own OpenAPI document, so a new route is covered the day it is
// added) gets text officials do type — nothing, words, numbers out of range, days that do not exist,
// another region's code, 5,000 characters, SQL — as a county administrator. The service answers
// with a refusal (4xx) or a result, never a server error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPopulation } from '../src/demo/demo.loader.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../src/test-support/databases.js';
import { buildTestApp, type Caller, call } from '../src/test-support/http.js';

const county = '150521000000';

// biome-ignore format: a list of values
const typed = [
  '', 'abc', '中文', '-1', '0', '1', '100000', '99999999999999999999', '1e9', 'true', '[]', '%00',
  "'; drop table persons; --", '2026-13', '2026-02-30', '1900-01', '2999-12', '2026-01-01',
  '110000000000', '150521100000', county, 'employed', 'migrantWork', 'x'.repeat(5000),
];

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

describe.each(testDatabaseKinds())('bad input on every route (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Caller;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadDemoPopulation(database, {
      households: 60,
      seed: 3,
      regionCode: county,
      householdsPerVillage: 20,
    });
    app = await buildTestApp(database);
    admin = await app.loginAs('admin', county);
  });
  afterAll(async () => {
    await app.services.ledger.idle();
    await app.app.close();
    await database.dispose();
  });

  it('answers everything typed with a refusal or a result, never a server error', async () => {
    const spec = (await call(app.app, admin, { method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const serverErrors: string[] = [];
    const statuses = new Map<number, number>();
    for (const [route, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        // Logging out would end the session the rest of the requests use (scope.test.ts covers it).
        if (route === '/api/auth/logout') continue;
        const parameters = operation.parameters ?? [];
        const fields = Object.keys(
          operation.requestBody?.content?.['application/json']?.schema?.properties ?? {},
        );
        for (const value of typed) {
          const query = parameters
            .filter((p) => p.in === 'query')
            .map((p) => `${p.name}=${encodeURIComponent(value)}`)
            .join('&');
          const url =
            route.replace(/\{\w+\}/g, encodeURIComponent(value || 'x')) + (query ? `?${query}` : '');
          const response = await call(app.app, admin, {
            method: method.toUpperCase() as 'GET',
            url,
            ...(fields.length > 0 ? { payload: Object.fromEntries(fields.map((f) => [f, value])) } : {}),
          });
          // A wrong user name or password is 401 by right; anywhere else it would mean a lost session.
          if (route !== '/api/auth/login')
            statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode >= 500)
            serverErrors.push(
              `${method.toUpperCase()} ${url.slice(0, 120)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
        }
      }
    }
    expect(serverErrors).toEqual([]);
    // The requests reached the routes (the session held): most refused as invalid, some answered.
    expect(statuses.get(401) ?? 0).toBe(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(20);
  });
});
