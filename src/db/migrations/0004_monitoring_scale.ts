// Indexes the province-scale benchmark (src/bench/monitoring.bench.ts, docs/benchmarks.md) showed
// were missing:
// - the villages expected to report below a region are the distinct villages of live households: a
//   partial index on them is read alone (an index-only scan), where the unique (village, number)
//   index needed a visit to every household row to see whether it was deleted;
// - warnings are always read for one month below a region, and accumulate month after month: keyed
//   month first (like follow_ups), a month's warnings of a province are one index range instead of a
//   scan through every month's warnings of the province.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index households_live_village_idx on households (village_code) where deleted_at is null;
    drop index warnings_village_idx;
    create index warnings_month_village_idx on warnings (month, village_code, state);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index warnings_month_village_idx;
    create index warnings_village_idx on warnings (village_code, month, state);
    drop index households_live_village_idx;
  `.execute(db);
}
