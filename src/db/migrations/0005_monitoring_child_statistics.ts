// Statistics on the child-region prefixes that monthly figures and warnings are grouped by
// (left(village_code, 4|6|9): city, county, town). Without them the planner takes the number of
// groups for the number of villages, sorts a province's village rows on disk (work_mem) before
// grouping them into a dozen cities; with them it hashes into the few groups there are (measured on
// a province's month: 130 → 78 ms for village_month_figures; docs/benchmarks.md).
import { type Kysely, sql } from 'kysely';

const tables = ['village_month_figures', 'warnings'] as const;
const lengths = [4, 6, 9] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables)
    for (const length of lengths)
      await sql
        .raw(
          `create statistics ${table}_child${length} on (left(village_code::text, ${length})) from ${table}`,
        )
        .execute(db);
  await sql.raw(`analyze ${tables.join(', ')}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables)
    for (const length of lengths) await sql.raw(`drop statistics ${table}_child${length}`).execute(db);
}
