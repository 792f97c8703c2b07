// Monthly figures summed per region at every level above the village (town, county, city,
// province), so a province's statistics page reads a dozen city rows instead of summing 3 × 21,933
// village rows on every request (167–191 ms on the slower benchmark machine; docs/benchmarks.md).
//
// They are kept by "pending and settle": every refresh of a village's month figures adds a row to
// figures_pending in the same transaction, and a reader of region figures first settles the months
// it reads (stats.repository.ts). Appends never wait on each other, so follow-up writes in one
// province do not queue behind a province-wide row, as they would if every write updated the
// province's sums itself.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table region_month_figures (
      month char(7) collate "C" not null,
      -- The region's significant code prefix: 2 digits a province, 4 a city, 6 a county, 9 a town.
      region_prefix text collate "C" not null,
      parent_prefix text collate "C" not null,
      persons integer not null,
      labourers integer not null,
      employed integer not null,
      unemployed_labourers integer not null,
      relocated_employed integer not null,
      cooperation_employed integer not null,
      by_form jsonb not null,
      by_location jsonb not null,
      households integer not null,
      relocated_households integer not null,
      monitored_households integer not null,
      zero_employment_households integer not null,
      primary key (month, region_prefix)
    );
    create index region_month_figures_children_idx on region_month_figures (month, parent_prefix);

    -- Village months whose figures changed since their regions' sums were last settled. No key:
    -- a unique key would make a writer wait on a settler deleting the same row, or skip its row.
    create table figures_pending (
      month char(7) collate "C" not null,
      village_code char(12) collate "C" not null
    );
    -- Most reads find nothing pending for their months: one index probe, not a scan of whatever
    -- dead rows earlier settles left until vacuum.
    create index figures_pending_month_idx on figures_pending (month);
    -- Existing village figures are summed by the first settle of their months.
    insert into figures_pending (month, village_code) select month, village_code from village_month_figures;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table figures_pending, region_month_figures`.execute(db);
}
