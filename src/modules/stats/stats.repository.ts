// Grouped counts for one region, by child region: live from the registry (the current state), or
// from one month's follow-ups (frozen once the month is accepted, since its records cannot change).
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from '../access/scope.js';
import type { Month } from '../monitoring/monitoring.rules.js';
import { employmentForm, workLocation } from '../registry/registry.codes.js';
import { labourerCondition, zeroEmploymentCondition } from '../registry/registry.repository.js';
import type { MonthPeopleFilter } from './stats.dto.js';
import {
  emptyFigures,
  figureKeys,
  type HouseholdGroup,
  type MonthTotals,
  type PersonGroup,
  type RegionFigures,
} from './stats.rules.js';

const child = (column: string, length: number) => sql<string>`left(${sql.ref(column)}, ${length})`;

/** sum(<column>) as <key> for every scalar figure of village_month_figures. */
const figureSums = () => figureKeys.map((key) => sql<number>`sum(${sql.ref(key)})`.as(key));

/**
 * sum(<column> ->> key) for every code of a jsonb column of counts ({"migrantWork": 12, …}), as
 * <alias><index>: plain aggregates in the same pass as the scalar sums, where jsonb_each_text would
 * expand every village row into one row per key (a province's month is tens of thousands of villages).
 */
const jsonSums = (column: 'by_form' | 'by_location', codes: readonly string[], alias: string) =>
  codes.map((code, i) => sql<number>`sum((${sql.ref(column)} ->> ${code})::integer)`.as(`${alias}${i}`));

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

    /**
     * Months' figures below `area` per child region, summed from the villages' monthly figures: one
     * statement and one pass over the village rows for all the months asked (a month and the months it
     * is compared with).
     */
    async monthlyFigures(
      area: RegionScope,
      months: readonly Month[],
      childPrefixLength: number,
    ): Promise<Map<Month, Map<string, RegionFigures>>> {
      const figures = new Map<Month, Map<string, RegionFigures>>(months.map((m) => [m, new Map()]));
      if (months.length === 0) return figures;
      const rows = await db
        .selectFrom('villageMonthFigures')
        .select([
          'month',
          child('villageMonthFigures.villageCode', childPrefixLength).as('child'),
          ...figureSums(),
          ...jsonSums('by_form', employmentForm.codes, 'f'),
          ...jsonSums('by_location', workLocation.codes, 'l'),
        ])
        .where(scope.filter('villageMonthFigures.villageCode'))
        .where(area.filter('villageMonthFigures.villageCode'))
        .where('month', 'in', [...months])
        .groupBy([sql`1`, sql`2`])
        .execute();
      for (const row of rows) {
        const values = row as unknown as Record<string, unknown>;
        const f = emptyFigures();
        for (const key of figureKeys) f[key] = Number(values[key]);
        employmentForm.codes.forEach((code, i) => {
          f.byForm[code] = Number(values[`f${i}`] ?? 0);
        });
        workLocation.codes.forEach((code, i) => {
          f.byLocation[code] = Number(values[`l${i}`] ?? 0);
        });
        figures.get(row.month)?.set(row.child, f);
      }
      return figures;
    },

    /** The region's totals per month over the given months (months with no records are absent). */
    async monthTotals(area: RegionScope, months: readonly Month[]): Promise<Map<Month, MonthTotals>> {
      if (months.length === 0) return new Map();
      const rows = await db
        .selectFrom('villageMonthFigures')
        .select(['month', ...figureSums()])
        .where(scope.filter('villageMonthFigures.villageCode'))
        .where(area.filter('villageMonthFigures.villageCode'))
        .where('month', 'in', [...months])
        .groupBy('month')
        .execute();
      return new Map(
        rows.map((r) => [
          r.month,
          Object.fromEntries(figureKeys.map((k) => [k, Number(r[k])])) as MonthTotals,
        ]),
      );
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

    /**
     * The follow-ups of one month below `area` that a figure counts, with the person and household
     * they are about: the people behind a number, as frozen as the number itself. Paged; `limit`
     * null for every row (exports).
     */
    async monthPeople(
      area: RegionScope,
      filter: Omit<MonthPeopleFilter, 'region'>,
      page: { limit: number | null; offset: number },
    ) {
      const [low, high] = area.bounds();
      // The area's villages as an array probe the (village_code, month) index once per village, so a
      // county's month reads just its rows instead of the whole month of a province (5× faster on 3M
      // records, and the gap grows with the province).
      const inArea = (column: string) =>
        sql<boolean>`${sql.ref(column)} = any(array(select code from regions
          where code between ${low} and ${high} and level = 5))`;
      const where: Expression<SqlBool>[] = [
        scope.filter('f.villageCode'),
        inArea('f.villageCode'),
        sql<boolean>`f.month = ${filter.month}`,
      ];
      const is = (column: string, value: boolean | undefined) => {
        if (value !== undefined)
          where.push(value ? sql<boolean>`${sql.ref(column)}` : sql<boolean>`not ${sql.ref(column)}`);
      };
      if (filter.employed !== undefined)
        where.push(
          filter.employed
            ? sql<boolean>`f.employment_status = 'employed'`
            : sql<boolean>`f.employment_status <> 'employed'`,
        );
      if (filter.employmentStatus) where.push(sql<boolean>`f.employment_status = ${filter.employmentStatus}`);
      if (filter.employmentForm) where.push(sql<boolean>`f.employment_form = ${filter.employmentForm}`);
      if (filter.workLocation) where.push(sql<boolean>`f.work_location = ${filter.workLocation}`);
      is('f.relocated', filter.relocated);
      is('f.labourer', filter.labourer);
      is('f.organizedByCooperation', filter.cooperation);
      if (filter.zeroEmploymentHousehold !== undefined) {
        // 零就业家庭 as village_month_figures counts it: a labourer, and nobody employed that month.
        const zero = sql<boolean>`f.household_id in (
          select z.household_id from follow_ups z
          where z.month = ${filter.month} and ${inArea('z.villageCode')}
          group by z.household_id
          having bool_or(z.labourer) and not bool_or(z.employment_status = 'employed'))`;
        where.push(filter.zeroEmploymentHousehold ? zero : sql<boolean>`not ${zero}`);
      }
      const base = () => {
        let query = db.selectFrom('followUps as f');
        for (const condition of where) query = query.where(condition);
        return query;
      };
      let rows = base()
        .innerJoin('persons', 'persons.id', 'f.personId')
        .innerJoin('households', 'households.id', 'f.householdId')
        .innerJoin('regions', 'regions.code', 'f.villageCode')
        .select([
          'f.month',
          'f.personId',
          'f.householdId',
          'f.villageCode',
          'regions.name as villageName',
          'households.householdNo',
          'persons.name',
          'persons.idNumber',
          'persons.sex',
          'persons.birthDate',
          'f.labourer',
          'f.relocated',
          'f.employmentStatus',
          'f.employmentForm',
          'f.workLocation',
          'f.workplace',
          'f.employer',
          'f.monthlyIncome',
          'f.notWorkingReason',
          'f.organizedByCooperation',
          'f.cooperationName',
          'f.recordedAt',
        ])
        .orderBy('f.villageCode')
        .orderBy('f.householdId')
        .orderBy('f.personId')
        .offset(page.offset);
      if (page.limit !== null) rows = rows.limit(page.limit);
      const [items, total] = await Promise.all([
        rows.execute(),
        base()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows: items, total: Number(total.n) };
    },
  };
}
