// Grouped counts for one region, by child region: live from the registry (the current state), or
// from one month's follow-ups (frozen once the month is accepted, since its records cannot change).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from '../access/scope.js';
import type { Month } from '../monitoring/monitoring.rules.js';
import { labourerCondition, zeroEmploymentCondition } from '../registry/registry.repository.js';
import type { HouseholdGroup, PersonGroup } from './stats.rules.js';

const child = (column: string, length: number) => sql<string>`left(${sql.ref(column)}, ${length})`;

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

    /** The people followed up in `month` below `area`, counted by the facts captured in the records. */
    async monthlyPersonGroups(
      area: RegionScope,
      month: Month,
      childPrefixLength: number,
    ): Promise<PersonGroup[]> {
      const rows = await db
        .selectFrom('followUps')
        .select([
          child('followUps.villageCode', childPrefixLength).as('child'),
          sql<boolean>`employment_status = 'employed'`.as('employed'),
          'employmentForm as form',
          'workLocation as location',
          'labourer',
          'relocated',
          'organizedByCooperation as cooperation',
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where(scope.filter('followUps.villageCode'))
        .where(area.filter('followUps.villageCode'))
        .where('month', '=', month)
        .groupBy([sql`1`, sql`2`, sql`3`, sql`4`, sql`5`, sql`6`, sql`7`])
        .execute();
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    },

    /** Households followed up in `month`; 零就业 = a labourer among them and nobody employed that month. */
    async monthlyHouseholdGroups(
      area: RegionScope,
      month: Month,
      childPrefixLength: number,
    ): Promise<HouseholdGroup[]> {
      const rows = await db
        .selectFrom(
          db
            .selectFrom('followUps')
            .innerJoin('households', 'households.id', 'followUps.householdId')
            .select([
              child('followUps.villageCode', childPrefixLength).as('child'),
              sql<boolean>`bool_or(follow_ups.relocated)`.as('relocated'),
              sql<boolean>`bool_or(households.category = 'monitored')`.as('monitored'),
              sql<boolean>`bool_or(follow_ups.labourer) and not bool_or(follow_ups.employment_status = 'employed')`.as(
                'zeroEmployment',
              ),
            ])
            .where(scope.filter('followUps.villageCode'))
            .where(area.filter('followUps.villageCode'))
            .where('followUps.month', '=', month)
            .groupBy([sql`1`, 'followUps.householdId'])
            .as('h'),
        )
        .select([
          'h.child',
          sql<number>`count(*)`.as('households'),
          sql<number>`count(*) filter (where h.relocated)`.as('relocated'),
          sql<number>`count(*) filter (where h.monitored)`.as('monitored'),
          sql<number>`count(*) filter (where h.zero_employment)`.as('zeroEmployment'),
        ])
        .groupBy('h.child')
        .execute();
      return toHouseholdGroups(rows);
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
