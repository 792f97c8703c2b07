import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { maintainDatabase, nextNightlyRun, scheduleMaintenance } from './maintenance.js';

describe('nextNightlyRun', () => {
  it('is the next 03:00 in China (19:00 UTC), strictly later', () => {
    expect(nextNightlyRun(new Date('2026-11-23T15:00:00Z')).toISOString()).toBe('2026-11-23T19:00:00.000Z');
    expect(nextNightlyRun(new Date('2026-11-23T19:00:00Z')).toISOString()).toBe('2026-11-24T19:00:00.000Z');
    // 02:59 in Beijing on the 24th is still the night of the 23rd's run.
    expect(nextNightlyRun(new Date('2026-11-23T18:59:00Z')).toISOString()).toBe('2026-11-23T19:00:00.000Z');
    // Past midnight UTC it is already morning in China: the next run is that evening, UTC.
    expect(nextNightlyRun(new Date('2026-12-31T23:30:00Z')).toISOString()).toBe('2027-01-01T19:00:00.000Z');
  });
});

describe('maintenance of the embedded database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const tableSize = async (table: string) => {
    const result = await sql<{ rows: number; pages: number }>`
      select reltuples::float8 as rows, relpages as pages from pg_class where relname = ${table}`.execute(
      database.db,
    );
    return { rows: Number(result.rows[0]?.rows), pages: Number(result.rows[0]?.pages) };
  };

  it('teaches the planner how large a table has grown and reclaims dead rows, which PGlite never does itself', async () => {
    await sql`create table maintenance_probe (n integer)`.execute(database.db);
    await sql`insert into maintenance_probe select generate_series(1, 5000)`.execute(database.db);
    await sql`delete from maintenance_probe where n > 2500`.execute(database.db);
    // Never analyzed: the planner does not know the table at all.
    expect((await tableSize('maintenance_probe')).rows).toBeLessThan(0);
    await maintainDatabase(database, 'analyze');
    const analyzed = await tableSize('maintenance_probe');
    expect(analyzed.rows).toBe(2500);
    // The deleted rows at the end of the table still take their pages until a vacuum.
    await maintainDatabase(database, 'vacuum');
    const vacuumed = await tableSize('maintenance_probe');
    expect(vacuumed.rows).toBe(2500);
    expect(vacuumed.pages).toBeLessThan(analyzed.pages);
  });

  it('runs the first analyze after start on its own', async () => {
    await sql`create table maintenance_later (n integer)`.execute(database.db);
    await sql`insert into maintenance_later select generate_series(1, 300)`.execute(database.db);
    const messages: string[] = [];
    const stop = scheduleMaintenance(database, { firstDelayMs: 10, log: (m) => messages.push(m) });
    try {
      await expect.poll(() => messages.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(messages[0]).toMatch(/^database analyze: \d+ ms$/);
      expect((await tableSize('maintenance_later')).rows).toBe(300);
    } finally {
      stop();
    }
  });
});
