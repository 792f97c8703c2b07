// Live households per village, kept by the database itself: the villages expected to report a month
// are the ones with live households, and a province's reporting figures read 329,000 households to
// find them on every request (75–98 ms; docs/benchmarks.md). Statement-level triggers keep the
// counts whatever writes households — the registry's forms, ledger imports, the demo loader's COPY —
// with one aggregate per statement over its transition tables. Counts move by addition, so
// concurrent writers in one village wait for each other's row but never lose an update.
import { type Kysely, sql } from 'kysely';

/** Adds the live households of `changes` (village_code, change ±1) to the villages' counts. */
const apply = (changes: string) => `
  insert into village_households as v (village_code, households)
    select village_code, sum(change) from (${changes}) c
    group by village_code having sum(change) <> 0
    -- Villages in code order, so statements touching the same villages lock them in the same order.
    order by village_code
  on conflict (village_code) do update set households = v.households + excluded.households;`;
const added = 'select village_code, 1 as change from new_rows where deleted_at is null';
const removed = 'select village_code, -1 as change from old_rows where deleted_at is null';

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

    create function village_households_count() returns trigger language plpgsql as $$
    begin
      -- A trigger with transition tables has a single event, and names only the tables it has.
      if tg_op = 'INSERT' then ${apply(added)}
      elsif tg_op = 'DELETE' then ${apply(removed)}
      else ${apply(`${added} union all ${removed}`)}
      end if;
      return null;
    end $$;
    create trigger households_count_inserted after insert on households
      referencing new table as new_rows for each statement execute function village_households_count();
    create trigger households_count_updated after update on households
      referencing old table as old_rows new table as new_rows
      for each statement execute function village_households_count();
    create trigger households_count_deleted after delete on households
      referencing old table as old_rows for each statement execute function village_households_count();
  `)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table village_households; drop function village_households_count() cascade`.execute(db);
}
