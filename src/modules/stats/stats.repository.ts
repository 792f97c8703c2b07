// Grouped counts for one region, by child region: live from the registry (the current state), or
// from one month's follow-ups (frozen once the month is accepted, since its records cannot change).
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from '../access/scope.js';
import type { Month } from '../monitoring/monitoring.rules.js';
import type { EmploymentForm, WorkLocation } from '../registry/registry.codes.js';
import { labourerCondition, zeroEmploymentCondition } from '../registry/registry.repository.js';
import { emptyFigures, type HouseholdGroup, type PersonGroup, type RegionFigures } from './stats.rules.js';

const child = (column: string, length: number) => sql<string>`left(${sql.ref(column)}, ${length})`;

const figureKeys = [
  'persons',
  'labourers',
  'employed',
  'unemployedLabourers',
  'relocatedEmployed',
  'cooperationEmployed',
  'households',
  'relocatedHouseholds',
  'monitoredHouseholds',
  'zeroEmploymentHouseholds',
] as const;

/** Per child region and key, the sum of a jsonb column of counts ({"migrantWork": 12, …}). */
function jsonSums(
  villages: SelectQueryBuilder<DB, 'villageMonthFigures', object>,
  column: 'by_form' | 'by_location',
  childPrefixLength: number,
) {
  return villages
    .innerJoin(sql<{ key: string; value: string }>`jsonb_each_text(${sql.ref(column)})`.as('e'), (join) =>
      join.onTrue(),
    )
    .select([
      child('villageMonthFigures.villageCode', childPrefixLength).as('child'),
      sql<string>`e.key`.as('key'),
      sql<number>`sum(e.value::integer)`.as('n'),
    ])
    .groupBy([sql`1`, sql`2`])
    .execute();
}

function toHouseholdGroups(
  rows: {
    child: string;
    households: unknown;
    relocated: unknown;
    monitored: unknown;
    zeroEmployment: unknown;
  }[],
): HouseholdGroup[] {
  return rows.map((r) => ({
    child: r.child,
    households: Number(r.households),
    relocated: Number(r.relocated),
    monitored: Number(r.monitored),
    zeroEmployment: Number(r.zeroEmployment),
  }));
}

export function statsRepository(db: Kysely<DB>, scope: RegionScope) {
  return {
    /** People below `area` in the registry now, grouped by child code prefix and what is counted. */
    async personGroups(area: RegionScope, childPrefixLength: number, today: string): Promise<PersonGroup[]> {
      const rows = await db
        .selectFrom('persons')
        .innerJoin('households', 'households.id', 'persons.householdId')
        .select([
          child('persons.villageCode', childPrefixLength).as('child'),
          sql<boolean>`persons.employment_status = 'employed'`.as('employed'),
          'persons.employmentForm as form',
          'persons.workLocation as location',
          labourerCondition(today).as('labourer'),
          sql<boolean>`households.relocation <> 'none'`.as('relocated'),
          'persons.organizedByCooperation as cooperation',
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where(scope.filter('persons.villageCode'))
        .where(area.filter('persons.villageCode'))
        .where('persons.deletedAt', 'is', null)
        .groupBy([sql`1`, sql`2`, sql`3`, sql`4`, sql`5`, sql`6`, sql`7`])
        .execute();
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    },

    async householdGroups(
      area: RegionScope,
      childPrefixLength: number,
      today: string,
    ): Promise<HouseholdGroup[]> {
      const rows = await db
        .selectFrom('households')
        .select([
          child('households.villageCode', childPrefixLength).as('child'),
          sql<number>`count(*)`.as('households'),
          sql<number>`count(*) filter (where households.relocation <> 'none')`.as('relocated'),
          sql<number>`count(*) filter (where households.category = 'monitored')`.as('monitored'),
          sql<number>`count(*) filter (where ${zeroEmploymentCondition(today)})`.as('zeroEmployment'),
        ])
        .where(scope.filter('households.villageCode'))
        .where(area.filter('households.villageCode'))
        .where('households.deletedAt', 'is', null)
        .groupBy(sql`1`)
        .execute();
      return toHouseholdGroups(rows);
    },

    /** A month's figures below `area` per child region, summed from the villages' monthly figures. */
    async monthlyFigures(
      area: RegionScope,
      month: Month,
      childPrefixLength: number,
    ): Promise<Map<string, RegionFigures>> {
      const villages = () =>
        db
          .selectFrom('villageMonthFigures')
          .where(scope.filter('villageMonthFigures.villageCode'))
          .where(area.filter('villageMonthFigures.villageCode'))
          .where('month', '=', month);
      const [sums, forms, locations] = await Promise.all([
        villages()
          .select([
            child('villageMonthFigures.villageCode', childPrefixLength).as('child'),
            sql<number>`sum(persons)`.as('persons'),
            sql<number>`sum(labourers)`.as('labourers'),
            sql<number>`sum(employed)`.as('employed'),
            sql<number>`sum(unemployed_labourers)`.as('unemployedLabourers'),
            sql<number>`sum(relocated_employed)`.as('relocatedEmployed'),
            sql<number>`sum(cooperation_employed)`.as('cooperationEmployed'),
            sql<number>`sum(households)`.as('households'),
            sql<number>`sum(relocated_households)`.as('relocatedHouseholds'),
            sql<number>`sum(monitored_households)`.as('monitoredHouseholds'),
            sql<number>`sum(zero_employment_households)`.as('zeroEmploymentHouseholds'),
          ])
          .groupBy(sql`1`)
          .execute(),
        jsonSums(villages(), 'by_form', childPrefixLength),
        jsonSums(villages(), 'by_location', childPrefixLength),
      ]);
      const figures = new Map<string, RegionFigures>();
      for (const row of sums) {
        const f = emptyFigures();
        for (const key of figureKeys) f[key] = Number(row[key]);
        figures.set(row.child, f);
      }
      for (const row of forms) {
        const f = figures.get(row.child);
        if (f && row.key in f.byForm) f.byForm[row.key as EmploymentForm] = Number(row.n);
      }
      for (const row of locations) {
        const f = figures.get(row.child);
        if (f && row.key in f.byLocation) f.byLocation[row.key as WorkLocation] = Number(row.n);
      }
      return figures;
    },

    /** Warnings not yet resolved for `month`, per child region. */
    async openWarnings(area: RegionScope, month: Month, childPrefixLength: number) {
      const rows = await db
        .selectFrom('warnings')
        .select([
          child('warnings.villageCode', childPrefixLength).as('child'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where(scope.filter('warnings.villageCode'))
        .where(area.filter('warnings.villageCode'))
        .where('month', '=', month)
        .where('state', '<>', 'resolved')
        .groupBy(sql`1`)
        .execute();
      return new Map(rows.map((r) => [r.child, Number(r.n)]));
    },
  };
}
