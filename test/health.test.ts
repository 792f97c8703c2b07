// The embedded database must not stall the HTTP server: PGlite runs on a worker thread, so the
// health check answers while a multi-second query is running (stack-notes.md measured the freeze).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../src/test-support/databases.js';
import { buildTestApp } from '../src/test-support/http.js';

describe('health while the embedded database is busy', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let baseUrl: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = await buildTestApp(database);
    baseUrl = await app.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.app.close();
    await database.dispose();
  });

  it('answers /api/health within 100 ms during a multi-second query', async () => {
    // Warm up the HTTP client and route first: the first fetch of a process loads undici.
    for (let i = 0; i < 3; i++) await (await fetch(`${baseUrl}/api/health`)).json();
    const started = Date.now();
    const longQuery = sql`select count(*) from generate_series(1, 8000000) g where g % 7 = 3`.execute(
      database.db,
    );
    // Let the query reach the worker before measuring.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const timings: number[] = [];
    let busySeen = false;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const response = await fetch(`${baseUrl}/api/health`);
      timings.push(performance.now() - t0);
      const body = (await response.json()) as { database: { pendingQueries: number } };
      expect(response.status).toBe(200);
      busySeen ||= body.database.pendingQueries > 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await longQuery;
    const queryMs = Date.now() - started;
    // The measurement only means something if the query really was running the whole time.
    expect(queryMs).toBeGreaterThan(1500);
    expect(busySeen).toBe(true);
    expect(Math.max(...timings)).toBeLessThan(100);
  });
});
