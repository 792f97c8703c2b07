// Housekeeping the embedded database cannot do itself. PGlite runs PostgreSQL as a single session:
// no autovacuum and no statistics collector, so the planner would never learn how large the tables
// have grown (a county's follow-ups grow by every assisted person every month) and dead rows (every
// update leaves one) would never be reclaimed. The server does it instead: ANALYZE soon after start,
// and VACUUM (ANALYZE) every night at 03:00 China time, when no clerk is at work — PGlite answers
// nothing else while it runs. A PostgreSQL server's own autovacuum does this; nothing is scheduled there.
import { sql } from 'kysely';
import type { Database } from './database.js';

/** China has one time zone and no daylight saving: UTC+8. */
const chinaOffsetMs = 8 * 3_600_000;
const nightlyHour = 3;

/** The next 03:00 in China strictly after `now`. */
export function nextNightlyRun(now: Date): Date {
  const china = new Date(now.getTime() + chinaOffsetMs);
  const run = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate(), nightlyHour);
  const next = run > china.getTime() ? run : run + 86_400_000;
  return new Date(next - chinaOffsetMs);
}

export type MaintenanceStep = 'analyze' | 'vacuum';

/** Updates the planner's statistics (analyze) or also reclaims dead rows (vacuum). */
export async function maintainDatabase(database: Database, step: MaintenanceStep): Promise<void> {
  if (step === 'vacuum') await sql`vacuum (analyze)`.execute(database.db);
  else await sql`analyze`.execute(database.db);
}

export interface MaintenanceOptions {
  now?: () => Date;
  /** Delay of the first ANALYZE after start, so that start-up requests come first. */
  firstDelayMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Schedules the housekeeping of an embedded database; does nothing on a server. Returns a stop function. */
export function scheduleMaintenance(database: Database, options: MaintenanceOptions = {}): () => void {
  if (database.kind !== 'pglite') return () => undefined;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async (step: MaintenanceStep) => {
    const started = performance.now();
    try {
      await maintainDatabase(database, step);
      log(`database ${step}: ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      log(`database ${step} failed`, error);
    }
  };
  const schedule = (delayMs: number, step: MaintenanceStep) => {
    if (stopped) return;
    timer = setTimeout(async () => {
      await run(step);
      schedule(nextNightlyRun(now()).getTime() - now().getTime(), 'vacuum');
    }, delayMs);
    // Never keeps the process alive on its own.
    timer.unref();
  };
  schedule(options.firstDelayMs ?? 30_000, 'analyze');
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
