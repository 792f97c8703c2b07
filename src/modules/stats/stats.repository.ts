// Grouped counts for one region, by child region: live from the registry (the current state), or
// from one month's follow-ups (frozen once the month is accepted, since its records cannot change).
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegionScope } from '../access/scope.js';
import { countsByCode } from '../monitoring/monitoring.repository.js';
import type { Month } from '../monitoring/monitoring.rules.js';
import { prefixLength, REGION_LEVELS } from '../regions/regions.rules.js';
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

/**
 * Levels summed in region_month_figures, lowest first (town, county, city, province), by the length
 * of their code prefix, each with its parent's (0 above a province).
 */
const summedLevels = (['town', 'county', 'city', 'province'] as const).map((level) => {
  const parent = REGION_LEVELS[REGION_LEVELS.indexOf(level) - 1];
  return { level, length: prefixLength(level), parent: parent ? prefixLength(parent) : 0 };
});

/** pg_advisory_xact_lock key: one settle at a time, so a reader never sees sums another is rewriting. */
const settleLock = 2026112301;

/** The figure columns of region_month_figures, summed over the child rows `s`. */
const summedFigures = () => [
  ...figureKeys.map((key) => sql`coalesce(sum(${sql.ref(`s.${key}`)}), 0)`),
  countsByCode(employmentForm.codes, (code) => sql`sum((s.by_form ->> ${code})::integer)`),
  countsByCode(workLocation.codes, (code) => sql`sum((s.by_location ->> ${code})::integer)`),
];
const figureColumns = () => [...figureKeys.map((key) => sql.ref(key)), sql`by_form`, sql`by_location`];

/**
 * Brings region_month_figures up to date for `months`: the towns of every village month pending
 * since the last settle are summed again from their villages, then their counties from the towns,
 * and so up to the province. A write touches one chain of regions; the first read after a load
 * sums every region once.
 */
export async function settleRegionFigures(db: Kysely<DB>, months: readonly Month[]): Promise<void> {
  if (months.length === 0) return;
  // Nothing pending, nothing to wait for: a write committed after this look is like a write
  // committed after the read.
  const pending = await db
    .selectFrom('figuresPending')
    .select('month')
    .where('month', 'in', [...months])
    .limit(1)
    .executeTakeFirst();
  if (!pending) return;
  const settle = async (trx: Kysely<DB>) => {
    await sql`select pg_advisory_xact_lock(${settleLock})`.execute(trx);
    // Deleting the pending rows first: a village month written after this statement stays pending
    // for the next settle, and everything written before it is seen by the sums below.
    const { rows } = await sql<{ month: Month; town: string }>`
      with settled as (
        delete from figures_pending where month = any(${[...months]}::char(7)[])
        returning month, village_code)
      select distinct month, left(village_code, ${prefixLength('town')}) as town from settled`.execute(trx);
    let affected = rows.map((r) => ({ month: r.month, prefix: r.town }));
    for (const level of summedLevels) {
      const keys = new Map(
        affected.map((a) => {
          const prefix = a.prefix.slice(0, level.length);
          return [`${a.month}${prefix}`, { month: a.month, prefix }];
        }),
      );
      affected = [...keys.values()];
      if (affected.length === 0) return;
      const regionMonths = affected.map((a) => a.month);
      const prefixes = affected.map((a) => a.prefix);
      // Each region's children summed in a lateral subquery: index probes per region, where a join
      // was planned as a hash over every village month of the province (700 ms for one write).
      const children =
        level.level === 'town'
          ? sql`village_month_figures s where s.month = a.month
              and s.village_code between rpad(a.prefix, 12, '0')::char(12) and rpad(a.prefix, 12, '9')::char(12)`
          : sql`region_month_figures s where s.month = a.month and s.parent_prefix = a.prefix`;
      await sql`
        insert into region_month_figures (month, region_prefix, parent_prefix, ${sql.join(figureColumns())})
        select a.month, a.prefix, left(a.prefix, ${level.parent}), s.*
        from unnest(${regionMonths}::char(7)[], ${prefixes}::text[]) as a(month, prefix)
        cross join lateral (select ${sql.join(summedFigures())} from ${children}) s
        on conflict (month, region_prefix) do update set
          ${sql.join(figureColumns().map((column) => sql`${column} = excluded.${column}`))}`.execute(trx);
      // A region whose villages have no figures left has no row (every village row counts someone,
      // so no other row has 0 persons, and the cross product of months and prefixes is harmless).
      await sql`delete from region_month_figures
        where month = any(${regionMonths}::char(7)[]) and region_prefix = any(${prefixes}::text[]) and persons = 0`.execute(
        trx,
      );
    }
  };
  if (db.isTransaction) await settle(db);
  else await db.transaction().execute(settle);
}

/** A row of month figures (a village's, or a region's sums) as the figures of one child region. */
function toRegionFigures(
  row: Record<(typeof figureKeys)[number], number> & {
    byForm: Record<string, number>;
    byLocation: Record<string, number>;
  },
): RegionFigures {
  const f = emptyFigures();
  for (const key of figureKeys) f[key] = Number(row[key]);
  for (const code of employmentForm.codes) f.byForm[code] = row.byForm[code] ?? 0;
  for (const code of workLocation.codes) f.byLocation[code] = row.byLocation[code] ?? 0;
  return f;
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
  /** A region's sums hold everyone below it: only for regions inside the caller's scope. */
  const assertInScope = (area: RegionScope) => {
    if (!scope.covers(area.prefix)) throw new Error(`${area.prefix} is outside scope ${scope.prefix}`);
  };

  /**
   * Month rows of the regions one level below `area`, or of `area` itself: the villages' own rows
   * where those are villages, else the settled sums of the regions.
   */
  async function figureRows(area: RegionScope, months: readonly Month[], of: 'children' | 'area') {
    const level = area.level;
    if (level === 'village' || (of === 'children' && level === 'town'))
      return db
        .selectFrom('villageMonthFigures')
        .select(['month', 'villageCode as region', ...figureKeys, 'byForm', 'byLocation'])
        .where(scope.filter('villageCode'))
        .where(area.filter('villageCode'))
        .where('month', 'in', [...months])
        .execute();
    assertInScope(area);
    await settleRegionFigures(db, months);
    return db
      .selectFrom('regionMonthFigures')
      .select(['month', 'regionPrefix as region', ...figureKeys, 'byForm', 'byLocation'])
      .where(of === 'children' ? 'parentPrefix' : 'regionPrefix', '=', area.prefix)
      .where('month', 'in', [...months])
      .execute();
  }

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
     * Months' figures below `area` per child region (a month and the months it is compared with):
     * the villages' own rows below a town or village, the settled sums of the child regions above.
     */
    async monthlyFigures(
      area: RegionScope,
      months: readonly Month[],
    ): Promise<Map<Month, Map<string, RegionFigures>>> {
      const figures = new Map<Month, Map<string, RegionFigures>>(months.map((m) => [m, new Map()]));
      if (months.length === 0) return figures;
      const rows = await figureRows(area, months, 'children');
      for (const row of rows) figures.get(row.month)?.set(row.region, toRegionFigures(row));
      return figures;
    },

    /**
     * The latest month up to `upTo` in which a village below `area` has submitted its follow-ups
     * (submitted, returned or accepted), or null: the month whose figures are worth opening on.
     */
    async latestReportedMonth(area: RegionScope, upTo: Month): Promise<Month | null> {
      const row = await db
        .selectFrom('villageMonths')
        .select((eb) => eb.fn.max('month').as('month'))
        .where(scope.filter('villageCode'))
        .where(area.filter('villageCode'))
        .where('status', '<>', 'open')
        .where('month', '<=', upTo)
        .executeTakeFirst();
      return (row?.month as Month | null | undefined) ?? null;
    },

    /** The region's totals per month over the given months (months with no records are absent). */
    async monthTotals(area: RegionScope, months: readonly Month[]): Promise<Map<Month, MonthTotals>> {
      if (months.length === 0) return new Map();
      const rows = await figureRows(area, months, 'area');
      return new Map(
        rows.map((r) => [
          r.month,
          Object.fromEntries(figureKeys.map((k) => [k, Number(r[k])])) as MonthTotals,
        ]),
      );
    },

    /** Warnings not yet resolved for `month`, per child region (from the villages' counts). */
    async openWarnings(area: RegionScope, month: Month, childPrefixLength: number) {
      const rows = await db
        .selectFrom('villageOpenWarnings')
        .select([
          child('villageOpenWarnings.villageCode', childPrefixLength).as('child'),
          (eb) => eb.fn.sum<number>('warnings').as('n'),
        ])
        .where(scope.filter('villageOpenWarnings.villageCode'))
        .where(area.filter('villageOpenWarnings.villageCode'))
        .where('month', '=', month)
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
