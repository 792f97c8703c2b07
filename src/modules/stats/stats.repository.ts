// Grouped counts of the registry for one region, by child region. Counted live from the current
// records; monthly, frozen figures come with the monitoring module.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from '../access/scope.js';
import { labourerCondition, zeroEmploymentCondition } from '../registry/registry.repository.js';
import type { HouseholdGroup, PersonGroup } from './stats.rules.js';

export function statsRepository(db: Kysely<DB>, scope: RegionScope) {
  return {
    /** Groups of people below `region` (within the caller's scope), keyed by the child code prefix. */
    async personGroups(
      region: RegionScope,
      childPrefixLength: number,
      today: string,
    ): Promise<PersonGroup[]> {
      const rows = await db
        .selectFrom('persons')
        .select([
          sql<string>`left(persons.village_code, ${childPrefixLength})`.as('child'),
          sql<boolean>`persons.employment_status = 'employed'`.as('employed'),
          'persons.employmentForm as form',
          'persons.workLocation as location',
          labourerCondition(today).as('labourer'),
          (eb) => eb.fn.countAll<number>().as('n'),
        ])
        .where(scope.filter('persons.villageCode'))
        .where(region.filter('persons.villageCode'))
        .where('persons.deletedAt', 'is', null)
        .groupBy([sql`1`, sql`2`, sql`3`, sql`4`, sql`5`])
        .execute();
      return rows.map((r) => ({ ...r, n: Number(r.n) }));
    },

    async householdGroups(
      region: RegionScope,
      childPrefixLength: number,
      today: string,
    ): Promise<HouseholdGroup[]> {
      const rows = await db
        .selectFrom('households')
        .select([
          sql<string>`left(households.village_code, ${childPrefixLength})`.as('child'),
          sql<number>`count(*)`.as('households'),
          sql<number>`count(*) filter (where households.relocation <> 'none')`.as('relocated'),
          sql<number>`count(*) filter (where households.category = 'monitored')`.as('monitored'),
          sql<number>`count(*) filter (where ${zeroEmploymentCondition(today)})`.as('zeroEmployment'),
        ])
        .where(scope.filter('households.villageCode'))
        .where(region.filter('households.villageCode'))
        .where('households.deletedAt', 'is', null)
        .groupBy(sql`1`)
        .execute();
      return rows.map((r) => ({
        child: r.child,
        households: Number(r.households),
        relocated: Number(r.relocated),
        monitored: Number(r.monitored),
        zeroEmployment: Number(r.zeroEmployment),
      }));
    },
  };
}
