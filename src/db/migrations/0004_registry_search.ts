// Name searches in a region, served by two indexes the planner chooses between, each with both the
// region and the name prefix as index conditions (text_pattern_ops), so no row is read from the
// table only to be thrown away:
//   (village_code, id, name): the region's people in list order (village, then id): a common
//     surname stops after a page of matches, the count reads only the index;
//   (name, village_code): a rare name, found by its prefix, the region checked in the index.
// They replace (village_code, name), which had to sort every match before the first page, and
// (name), which fetched every person of that name in the country to keep those of one county
// (measured on 1,000,000 people: the slowest county searches went from 30–300 ms to under 10 ms;
// docs/benchmarks.md).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index persons_village_id_name_idx on persons (village_code, id, name text_pattern_ops)
      where deleted_at is null;
    create index persons_name_village_idx on persons (name text_pattern_ops, village_code)
      where deleted_at is null;
    drop index persons_village_name_idx;
    drop index persons_name_idx;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index persons_village_name_idx on persons (village_code, name text_pattern_ops)
      where deleted_at is null;
    create index persons_name_idx on persons (name text_pattern_ops) where deleted_at is null;
    drop index persons_village_id_name_idx;
    drop index persons_name_village_idx;
  `.execute(db);
}
