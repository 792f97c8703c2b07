// Open (not resolved) warnings per village and month, kept by the database itself: a province's
// statistics page counted its month's warnings per city on every request, 120–210 ms for the
// 181,935 warnings of a month (docs/benchmarks.md); the counts are a few thousand rows. Triggers keep
// them whatever writes warnings — the county-by-county computation and officials handling them.
import { type Kysely, sql } from 'kysely';
import { countingTriggers } from '../counting-triggers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    create table village_open_warnings (
      month char(7) collate "C" not null,
      village_code char(12) collate "C" not null references regions (code),
      warnings integer not null,
      primary key (month, village_code)
    );
    insert into village_open_warnings (month, village_code, warnings)
      select month, village_code, count(*) from warnings where state <> 'resolved' group by month, village_code;
    ${countingTriggers({
      name: 'village_open_warnings_count',
      table: 'warnings',
      counts: 'village_open_warnings',
      keys: ['month', 'village_code'],
      column: 'warnings',
      counted: `state <> 'resolved'`,
    })}`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table village_open_warnings; drop function village_open_warnings_count() cascade`.execute(
    db,
  );
}
