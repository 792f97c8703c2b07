// Live households per village, kept by the database itself: the villages expected to report a month
// are the ones with live households, and a province's reporting figures read 329,000 households to
// find them on every request (75–98 ms; docs/benchmarks.md). Triggers keep the counts whatever
// writes households — the registry's forms, ledger imports, the demo loader's COPY.
import { type Kysely, sql } from 'kysely';
import { countingTriggers } from '../counting-triggers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    create table village_households (
      village_code char(12) collate "C" primary key references regions (code),
      -- No check (households >= 0): an upsert checks the row it proposes (−1) before finding the conflict.
      households integer not null
    );
    insert into village_households (village_code, households)
      select village_code, count(*) from households where deleted_at is null group by village_code;
    ${countingTriggers({
      name: 'village_households_count',
      table: 'households',
      counts: 'village_households',
      keys: ['village_code'],
      column: 'households',
      counted: 'deleted_at is null',
    })}`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table village_households; drop function village_households_count() cascade`.execute(db);
}
