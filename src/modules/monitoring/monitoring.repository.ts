// Queries of monthly monitoring, bound to the caller's region scope like the registry's: every read
// is filtered by it and every write names a village checked against it.
import { type Insertable, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { RegionScope } from '../access/scope.js';
import { employmentForm, workLocation } from '../registry/registry.codes.js';
import { labourerCondition } from '../registry/registry.repository.js';
import {
  addMonths,
  type Month,
  type ReportingPolicy,
  type ReportStatus,
  type WarningRule,
  type WarningState,
} from './monitoring.rules.js';
import type { FollowUpTable, TargetMeasure } from './monitoring.tables.js';

export type NewFollowUp = Insertable<FollowUpTable>;

/** The columns a follow-up records about a person's work, named alike in persons and follow_ups. */
const recordColumns = [
  'employment_status',
  'employment_form',
  'work_location',
  'workplace',
  'employer',
  'employment_start',
  'monthly_income',
  'not_working_reason',
  'wants_work',
  'wants_training',
  'organized_by_cooperation',
  'cooperation_name',
] as const;

/**
 * The shape of village_month_figures' by_form and by_location: a jsonb object of the non-zero counts
 * per code ({"migrantWork": 12, …}), from one summed expression per code.
 */
export const countsByCode = (
  codes: readonly string[],
  summed: (code: string, index: number) => RawBuilder<unknown>,
) =>
  sql<Record<string, number>>`jsonb_strip_nulls(jsonb_build_object(${sql.join(
    codes.map((code, i) => sql`${code}::text, nullif(${summed(code, i)}, 0)`),
  )}))`;

/** What the warning rules read of a follow-up. */
type WatchedFollowUp = Pick<
  Selectable<FollowUpTable>,
  | 'personId'
  | 'month'
  | 'employmentStatus'
  | 'employmentForm'
  | 'workLocation'
  | 'monthlyIncome'
  | 'notWorkingReason'
>;

export function monitoringRepository(db: Kysely<DB>, scope: RegionScope) {
  const assertInScope = (villageCode: string) => {
    if (!scope.covers(villageCode))
      throw new AppError('region.outOfScope', { params: { region: villageCode } });
  };

  return {
    assertInScope,

    async reportingPolicies(): Promise<(ReportingPolicy & { id: number; source: string })[]> {
      return db.selectFrom('reportingPolicies').selectAll().orderBy('id').execute();
    },

    allWarningThresholds() {
      return db.selectFrom('warningThresholds').selectAll().orderBy('id').execute();
    },

    insertReportingPolicy(policy: Insertable<DB['reportingPolicies']>) {
      if (policy.regionCode) assertInScope(policy.regionCode);
      return db.insertInto('reportingPolicies').values(policy).returningAll().executeTakeFirstOrThrow();
    },

    insertWarningThresholds(thresholds: Insertable<DB['warningThresholds']>) {
      if (thresholds.regionCode) assertInScope(thresholds.regionCode);
      return db.insertInto('warningThresholds').values(thresholds).returningAll().executeTakeFirstOrThrow();
    },

    /** Warning thresholds valid on `day`; the service picks the one for the most specific region. */
    async warningThresholds(day: string) {
      const rows = await db
        .selectFrom('warningThresholds')
        .selectAll()
        .where('validFrom', '<=', day)
        .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', day)]))
        .execute();
      return rows.map((r) => ({
        regionCode: r.regionCode,
        validFrom: r.validFrom,
        validTo: r.validTo,
        idleMonths: r.idleMonths,
        incomeFloor: Number(r.incomeFloor),
        incomeDropShare: Number(r.incomeDropShare),
        followUpGapMonths: r.followUpGapMonths,
      }));
    },

    async villageMonth(villageCode: string, month: Month) {
      assertInScope(villageCode);
      return db
        .selectFrom('villageMonths')
        .selectAll()
        .where('villageCode', '=', villageCode)
        .where('month', '=', month)
        .executeTakeFirst();
    },

    /** Locks the village's month row (creating it as open) so concurrent actions queue. */
    async lockVillageMonth(villageCode: string, month: Month) {
      assertInScope(villageCode);
      await db
        .insertInto('villageMonths')
        .values({ villageCode, month })
        .onConflict((oc) => oc.columns(['villageCode', 'month']).doNothing())
        .execute();
      return db
        .selectFrom('villageMonths')
        .selectAll()
        .where('villageCode', '=', villageCode)
        .where('month', '=', month)
        .forUpdate()
        .executeTakeFirstOrThrow();
    },

    async setVillageMonth(
      villageCode: string,
      month: Month,
      changes: {
        status: ReportStatus;
        submittedAt?: Date | null;
        submittedBy?: number | null;
        reviewedAt?: Date | null;
        reviewedBy?: number | null;
        returnReason?: string | null;
        reopenReason?: string | null;
      },
    ) {
      assertInScope(villageCode);
      return db
        .updateTable('villageMonths')
        .set({ ...changes, updatedAt: new Date() })
        .where('villageCode', '=', villageCode)
        .where('month', '=', month)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * The village's people with the registry's current employment, this month's follow-up (with who
     * recorded it) and last month's, for the clerk's month screen.
     */
    async villagePeople(villageCode: string, month: Month, today: string) {
      assertInScope(villageCode);
      return db
        .selectFrom('persons')
        .leftJoin('followUps as current', (join) =>
          join.onRef('current.personId', '=', 'persons.id').on('current.month', '=', month),
        )
        .leftJoin('followUps as last', (join) =>
          join.onRef('last.personId', '=', 'persons.id').on('last.month', '=', addMonths(month, -1)),
        )
        .leftJoin('users as recorder', 'recorder.id', 'current.recordedBy')
        .select([
          'persons.id',
          'persons.householdId',
          'persons.name',
          'persons.idNumber',
          'persons.birthDate',
          'persons.labourAbility',
          labourerCondition(today).as('isLabourer'),
          'persons.employmentStatus',
          'persons.employmentForm',
          'persons.workLocation',
          'persons.workplace',
          'persons.employer',
          'persons.employmentStart',
          'persons.monthlyIncome',
          'persons.notWorkingReason',
          'persons.wantsWork',
          'persons.wantsTraining',
          'persons.organizedByCooperation',
          'persons.cooperationName',
          'current.employmentStatus as currentStatus',
          'current.employmentForm as currentForm',
          'current.workLocation as currentLocation',
          'current.workplace as currentWorkplace',
          'current.employer as currentEmployer',
          'current.employmentStart as currentStart',
          'current.monthlyIncome as currentIncome',
          'current.notWorkingReason as currentReason',
          'current.wantsWork as currentWantsWork',
          'current.wantsTraining as currentWantsTraining',
          'current.organizedByCooperation as currentCooperation',
          'current.cooperationName as currentCooperationName',
          'current.recordedAt as currentRecordedAt',
          'recorder.displayName as currentRecordedBy',
          'last.employmentStatus as lastStatus',
          'last.employmentForm as lastForm',
          'last.workLocation as lastLocation',
          'last.workplace as lastWorkplace',
          'last.employer as lastEmployer',
          'last.employmentStart as lastStart',
          'last.monthlyIncome as lastIncome',
          'last.notWorkingReason as lastReason',
          'last.wantsWork as lastWantsWork',
          'last.wantsTraining as lastWantsTraining',
          'last.organizedByCooperation as lastCooperation',
          'last.cooperationName as lastCooperationName',
        ])
        .where('persons.villageCode', '=', villageCode)
        .where('persons.deletedAt', 'is', null)
        .orderBy('persons.householdId')
        .orderBy('persons.id')
        .execute();
    },

    /** Who submitted and who last reviewed a village's month, by display name. */
    async villageMonthPeople(submittedBy: number | null, reviewedBy: number | null) {
      const ids = [submittedBy, reviewedBy].filter((id): id is number => id !== null);
      if (ids.length === 0) return new Map<number, string>();
      const rows = await db
        .selectFrom('users')
        .select(['id', 'displayName'])
        .where('id', 'in', ids)
        .execute();
      return new Map(rows.map((r) => [r.id, r.displayName]));
    },

    /** How many people of each listed village have a follow-up of `month`, and how many people it has. */
    async villageProgress(villageCodes: readonly string[], month: Month) {
      for (const code of villageCodes) assertInScope(code);
      if (villageCodes.length === 0) return new Map<string, { people: number; recorded: number }>();
      const rows = await db
        .selectFrom('persons')
        .leftJoin('followUps', (join) =>
          join.onRef('followUps.personId', '=', 'persons.id').on('followUps.month', '=', month),
        )
        .select((eb) => [
          'persons.villageCode',
          eb.fn.countAll<number>().as('people'),
          eb.fn.count<number>('followUps.personId').as('recorded'),
        ])
        .where('persons.villageCode', 'in', [...villageCodes])
        .where('persons.deletedAt', 'is', null)
        .groupBy('persons.villageCode')
        .execute();
      return new Map(
        rows.map((r) => [r.villageCode, { people: Number(r.people), recorded: Number(r.recorded) }]),
      );
    },

    /** The listed people of a village with the facts a follow-up captures (劳动力, relocated). */
    personsInVillage(villageCode: string, personIds: readonly number[], today: string) {
      assertInScope(villageCode);
      if (personIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('persons')
        .innerJoin('households', 'households.id', 'persons.householdId')
        .select([
          'persons.id',
          'persons.householdId',
          'persons.villageCode',
          labourerCondition(today).as('labourer'),
          sql<boolean>`households.relocation <> 'none'`.as('relocated'),
        ])
        .where('persons.villageCode', '=', villageCode)
        .where('persons.deletedAt', 'is', null)
        .where('persons.id', 'in', personIds)
        .execute();
    },

    async upsertFollowUps(rows: readonly NewFollowUp[]) {
      for (const row of rows) assertInScope(row.villageCode);
      if (rows.length === 0) return;
      await db
        .insertInto('followUps')
        .values([...rows])
        .onConflict((oc) =>
          oc.columns(['month', 'personId']).doUpdateSet((eb) => ({
            employmentStatus: eb.ref('excluded.employmentStatus'),
            employmentForm: eb.ref('excluded.employmentForm'),
            workLocation: eb.ref('excluded.workLocation'),
            workplace: eb.ref('excluded.workplace'),
            employer: eb.ref('excluded.employer'),
            employmentStart: eb.ref('excluded.employmentStart'),
            monthlyIncome: eb.ref('excluded.monthlyIncome'),
            notWorkingReason: eb.ref('excluded.notWorkingReason'),
            wantsWork: eb.ref('excluded.wantsWork'),
            wantsTraining: eb.ref('excluded.wantsTraining'),
            organizedByCooperation: eb.ref('excluded.organizedByCooperation'),
            cooperationName: eb.ref('excluded.cooperationName'),
            labourer: eb.ref('excluded.labourer'),
            relocated: eb.ref('excluded.relocated'),
            recordedBy: eb.ref('excluded.recordedBy'),
            recordedAt: sql`now()`,
          })),
        )
        .execute();
    },

    /**
     * "No change" for many people at once: each listed person (all of the village's people without a
     * record when `personIds` is null) gets this month's follow-up copied from last month's — what
     * the clerk sees beside it — or, without one, from their current employment in the registry.
     * One statement, so a village of 500 is one round trip.
     */
    async confirmUnchanged(
      villageCode: string,
      month: Month,
      personIds: readonly number[] | null,
      recordedBy: number | null,
      today: string,
    ) {
      assertInScope(villageCode);
      const carried = sql.join(
        recordColumns.map((c) => sql.raw(`case when l.person_id is null then p.${c} else l.${c} end`)),
      );
      const result = await sql<{ personId: number }>`
        insert into follow_ups (month, person_id, household_id, village_code, employment_status, employment_form,
          work_location, workplace, employer, employment_start, monthly_income, not_working_reason, wants_work,
          wants_training, organized_by_cooperation, cooperation_name, labourer, relocated, recorded_by)
        select ${month}, p.id, p.household_id, p.village_code, ${carried},
          ${labourerCondition(today, 'p')}, h.relocation <> 'none', ${recordedBy}
        from persons p join households h on h.id = p.household_id
          left join follow_ups l on l.month = ${addMonths(month, -1)} and l.person_id = p.id
        where p.village_code = ${villageCode} and p.deleted_at is null
          and ${personIds === null ? sql`true` : sql`p.id = any(${[...personIds]}::bigint[])`}
          and not exists (select 1 from follow_ups f where f.month = ${month} and f.person_id = p.id)
        returning person_id`.execute(db);
      return result.rows.map((r) => Number(r.personId));
    },

    /**
     * Rewrites the figures of the villages below `area` for `months` from their follow-ups. Called in
     * the same transaction as every change to follow-ups, for just the village and month touched.
     */
    async refreshFigures(area: RegionScope, months: readonly Month[]) {
      const [low, high] = area.bounds();
      // Every village month removed or written is pending for its regions' sums (stats.repository.ts
      // settles them): in the same statements, so they commit or roll back with the figures.
      await sql`
        with gone as (
          delete from village_month_figures
          where month = any(${[...months]}::char(7)[]) and village_code between ${low} and ${high}
            and ${scope.filter('villageCode')}
          returning month, village_code)
        insert into figures_pending (month, village_code) select month, village_code from gone`.execute(db);
      // Two plain aggregations, households within villages, with no join between aggregates: the
      // plan stays linear however wrong the row estimates (rows just copied in have no statistics
      // yet, and a county's 24 months are hundreds of thousands of them).
      const employed = sql`f.employment_status = 'employed'`;
      const counted = (column: string, codes: readonly string[], alias: string) =>
        sql.join(
          codes.map(
            (code, i) =>
              sql`count(*) filter (where ${employed} and ${sql.ref(column)} = ${code}) as ${sql.ref(`${alias}${i}`)}`,
          ),
        );
      const asJson = (codes: readonly string[], alias: string) =>
        countsByCode(codes, (_, i) => sql`sum(${sql.ref(`x.${alias}${i}`)})`);
      await sql`
        with fresh as (
        insert into village_month_figures (month, village_code, persons, labourers, employed, unemployed_labourers,
          relocated_employed, cooperation_employed, by_form, by_location, households, relocated_households,
          monitored_households, zero_employment_households)
        select x.month, x.village_code, sum(x.persons), sum(x.labourers), sum(x.employed),
          sum(x.unemployed_labourers), sum(x.relocated_employed), sum(x.cooperation_employed),
          ${asJson(employmentForm.codes, 'form')}, ${asJson(workLocation.codes, 'location')},
          count(*), count(*) filter (where x.relocated), count(*) filter (where h.category = 'monitored'),
          count(*) filter (where x.zero)
        from (
          select f.month, f.village_code, f.household_id, count(*) as persons,
            count(*) filter (where f.labourer) as labourers,
            count(*) filter (where ${employed}) as employed,
            count(*) filter (where f.labourer and not ${employed}) as unemployed_labourers,
            count(*) filter (where ${employed} and f.relocated) as relocated_employed,
            count(*) filter (where ${employed} and f.organized_by_cooperation) as cooperation_employed,
            ${counted('f.employmentForm', employmentForm.codes, 'form')},
            ${counted('f.workLocation', workLocation.codes, 'location')},
            bool_or(f.relocated) as relocated,
            bool_or(f.labourer) and not bool_or(${employed}) as zero
          from follow_ups f
          where f.month = any(${[...months]}::text[]) and f.village_code between ${low} and ${high}
            and ${scope.filter('f.villageCode')}
          group by f.month, f.village_code, f.household_id
        ) x
        join households h on h.id = x.household_id
        group by x.month, x.village_code
        returning month, village_code)
        insert into figures_pending (month, village_code) select month, village_code from fresh`.execute(db);
    },

    /** When a month is accepted the registry's current employment becomes that month's record. */
    async applyFollowUpsToRegistry(villageCode: string, month: Month) {
      assertInScope(villageCode);
      await sql`
        update persons p set
          employment_status = f.employment_status, employment_form = f.employment_form,
          work_location = f.work_location, workplace = f.workplace, employer = f.employer,
          employment_start = f.employment_start, monthly_income = f.monthly_income,
          not_working_reason = f.not_working_reason, wants_work = f.wants_work, wants_training = f.wants_training,
          organized_by_cooperation = f.organized_by_cooperation, cooperation_name = f.cooperation_name,
          updated_at = now(), version = p.version + 1
        from follow_ups f
        where f.month = ${month} and f.village_code = ${villageCode} and f.person_id = p.id
          and p.deleted_at is null
          -- A reopened older month accepted again does not replace a later accepted month's state.
          and not exists (select 1 from village_months later where later.village_code = ${villageCode}
            and later.month > ${month} and later.status = 'accepted')
          and (p.employment_status, p.employment_form, p.work_location, p.employer, p.monthly_income, p.not_working_reason)
            is distinct from (f.employment_status, f.employment_form, f.work_location, f.employer, f.monthly_income, f.not_working_reason)`.execute(
        db,
      );
    },

    /** Villages below `area` that have assisted households: the ones expected to report. */
    async expectedVillages(area: RegionScope) {
      return db
        .selectFrom('villageHouseholds as v')
        .innerJoin('regions', 'regions.code', 'v.villageCode')
        .select(['v.villageCode', 'regions.name'])
        .where(scope.filter('v.villageCode'))
        .where(area.filter('v.villageCode'))
        .where('v.households', '>', 0)
        .orderBy('v.villageCode')
        .execute();
    },

    /**
     * For completeness figures alone: each village expected to report below `area` with its month's
     * status and the day in China it was submitted, and nothing else — a province is tens of
     * thousands of villages, so no names and no timestamps to decode.
     */
    async reportingStates(area: RegionScope, month: Month) {
      return db
        .selectFrom('villageHouseholds as v')
        .leftJoin('villageMonths as m', (join) =>
          join.onRef('m.villageCode', '=', 'v.villageCode').on('m.month', '=', month),
        )
        .select([
          'v.villageCode',
          'm.status',
          // The calendar day as shared/dates.ts localDay gives it.
          sql<string | null>`to_char(m.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as(
            'submittedOn',
          ),
        ])
        .where(scope.filter('v.villageCode'))
        .where(area.filter('v.villageCode'))
        .where('v.households', '>', 0)
        .execute();
    },

    villageMonthsBelow(area: RegionScope, month: Month) {
      return db
        .selectFrom('villageMonths')
        .selectAll()
        .where(scope.filter('villageMonths.villageCode'))
        .where(area.filter('villageMonths.villageCode'))
        .where('month', '=', month)
        .execute();
    },

    async countiesBelow(area: RegionScope): Promise<string[]> {
      const rows = await db
        .selectFrom('regions')
        .select('code')
        .where('level', '=', 3)
        .where(area.filter('regions.code'))
        .where(scope.filter('regions.code'))
        .orderBy('code')
        .execute();
      return rows.map((r) => r.code);
    },

    /** Labourers below `area` with their follow-ups from `fromMonth` to `month`, for the warning rules. */
    async watchList(area: RegionScope, fromMonth: Month, month: Month, today: string) {
      const people = await db
        .selectFrom('persons')
        .select([
          'id',
          'householdId',
          'villageCode',
          'labourAbility',
          'wantsWork',
          labourerCondition(today).as('isLabourer'),
        ])
        .where(scope.filter('persons.villageCode'))
        .where(area.filter('persons.villageCode'))
        .where('deletedAt', 'is', null)
        .execute();
      // A province's month reads millions of these rows: without the CamelCasePlugin, whose renaming
      // of every key of every row cost ≈ 40 % of the read (12 counties, 363,000 rows: 1.99 → 1.17 s),
      // the names given here instead.
      const { rows: followUps } = await sql<WatchedFollowUp>`
        select person_id as "personId", month, employment_status as "employmentStatus",
          employment_form as "employmentForm", work_location as "workLocation",
          monthly_income as "monthlyIncome", not_working_reason as "notWorkingReason"
        from follow_ups
        where ${scope.filter('village_code')} and ${area.filter('village_code')}
          and month between ${fromMonth} and ${month}`.execute(db.withoutPlugins());
      return { people, followUps };
    },

    /**
     * Stores what the rules raised for `month` below `area`: raised warnings are inserted, or keep
     * their id and state and get the fresh details (rewritten only when the details changed, so a
     * recomputed month that changed little writes little); unhandled ones no longer raised are
     * dropped. Runs in the caller's transaction.
     */
    async replaceWarnings(
      area: RegionScope,
      month: Month,
      raised: readonly {
        rule: WarningRule;
        personId: number | null;
        householdId: number;
        villageCode: string;
        detail: object;
      }[],
    ) {
      for (let i = 0; i < raised.length; i += 1000) {
        const slice = raised.slice(i, i + 1000);
        for (const w of slice) assertInScope(w.villageCode);
        await sql`
          insert into warnings (rule, month, person_id, household_id, village_code, detail)
          select * from unnest(${slice.map((w) => w.rule)}::text[], ${slice.map(() => month)}::text[],
            ${slice.map((w) => w.personId)}::bigint[], ${slice.map((w) => w.householdId)}::bigint[],
            ${slice.map((w) => w.villageCode)}::text[], ${slice.map((w) => JSON.stringify(w.detail))}::jsonb[])
          on conflict (rule, month, household_id, coalesce(person_id, 0))
          do update set detail = excluded.detail, updated_at = now()
          where warnings.detail is distinct from excluded.detail`.execute(db);
      }
      // Unhandled warnings no longer raised, found by their key in memory: an anti-join against the
      // raised keys sent as arrays was planned as a nested loop (the rows just written have no
      // statistics yet) and grew with the square of a county's warnings.
      const keyOf = (w: { rule: string; householdId: number; personId: number | null }) =>
        `${w.rule}:${w.householdId}:${w.personId ?? 0}`;
      const raisedKeys = new Set(raised.map(keyOf));
      const unhandled = await db
        .selectFrom('warnings')
        .select(['id', 'rule', 'householdId', 'personId'])
        .where(scope.filter('warnings.villageCode'))
        .where(area.filter('warnings.villageCode'))
        .where('month', '=', month)
        .where('state', '=', 'new')
        .execute();
      const stale = unhandled.filter((w) => !raisedKeys.has(keyOf(w))).map((w) => w.id);
      for (let i = 0; i < stale.length; i += 5000) {
        await db
          .deleteFrom('warnings')
          .where('id', '=', sql<number>`any(${stale.slice(i, i + 5000)}::bigint[])`)
          .where(scope.filter('warnings.villageCode'))
          .execute();
      }
    },

    listWarnings(
      area: RegionScope,
      filter: {
        month: Month;
        rule?: WarningRule;
        state?: WarningState;
        open?: boolean | undefined;
        limit: number;
        offset: number;
      },
    ) {
      let query = db
        .selectFrom('warnings')
        .innerJoin('regions', 'regions.code', 'warnings.villageCode')
        .leftJoin('persons', 'persons.id', 'warnings.personId')
        .leftJoin('households', 'households.id', 'warnings.householdId')
        .leftJoin('users', 'users.id', 'warnings.handledBy')
        .select([
          'warnings.id',
          'warnings.rule',
          'warnings.month',
          'warnings.personId',
          'warnings.householdId',
          'warnings.villageCode',
          'regions.name as villageName',
          'persons.name as personName',
          'households.householdNo',
          'warnings.detail',
          'warnings.state',
          'warnings.note',
          'users.displayName as handledByName',
          'warnings.updatedAt',
        ])
        .where(scope.filter('warnings.villageCode'))
        .where(area.filter('warnings.villageCode'))
        .where('warnings.month', '=', filter.month);
      if (filter.rule) query = query.where('warnings.rule', '=', filter.rule);
      if (filter.state) query = query.where('warnings.state', '=', filter.state);
      if (filter.open) query = query.where('warnings.state', '<>', 'resolved');
      return query
        .orderBy('warnings.villageCode')
        .orderBy('warnings.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
    },

    async countWarnings(area: RegionScope, month: Month) {
      return db
        .selectFrom('warnings')
        .select(['rule', 'state', (eb) => eb.fn.countAll<number>().as('n')])
        .where(scope.filter('warnings.villageCode'))
        .where(area.filter('warnings.villageCode'))
        .where('month', '=', month)
        .groupBy(['rule', 'state'])
        .execute();
    },

    getWarning(id: number) {
      return db
        .selectFrom('warnings')
        .selectAll()
        .where('id', '=', id)
        .where(scope.filter('warnings.villageCode'))
        .executeTakeFirst();
    },

    updateWarning(
      id: number,
      changes: { state: WarningState; note: string | null; handledBy: number | null },
    ) {
      return db
        .updateTable('warnings')
        .set({ ...changes, updatedAt: new Date() })
        .where('id', '=', id)
        .where(scope.filter('warnings.villageCode'))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async upsertTargets(
      rows: readonly {
        year: number;
        regionCode: string;
        measure: TargetMeasure;
        cooperationName: string;
        value: number;
        source: string | null;
      }[],
    ) {
      for (const row of rows) {
        if (!scope.covers(row.regionCode))
          throw new AppError('region.outOfScope', { params: { region: row.regionCode } });
        await db
          .insertInto('targets')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['year', 'regionCode', 'measure', 'cooperationName']).doUpdateSet({
              value: row.value,
              source: row.source,
              updatedAt: new Date(),
            }),
          )
          .execute();
      }
    },

    targetsFor(regionCodes: readonly string[], year: number) {
      if (regionCodes.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('targets')
        .selectAll()
        .where('year', '=', year)
        .where('regionCode', 'in', regionCodes)
        .execute();
    },

    /** People in work per measure below `area` in the given months, from the follow-ups. */
    async employedCounts(area: RegionScope, months: readonly Month[]) {
      return db
        .selectFrom('followUps')
        .select([
          'followUps.month',
          sql<number>`count(*) filter (where employment_status = 'employed')`.as('employed'),
          sql<number>`count(*) filter (where employment_status = 'employed' and relocated)`.as(
            'relocatedEmployed',
          ),
        ])
        .where(scope.filter('followUps.villageCode'))
        .where(area.filter('followUps.villageCode'))
        .where('followUps.month', 'in', [...months])
        .groupBy('followUps.month')
        .execute();
    },

    async cooperationCounts(area: RegionScope, months: readonly Month[]) {
      return db
        .selectFrom('followUps')
        .select(['month', 'cooperationName', (eb) => eb.fn.countAll<number>().as('n')])
        .where(scope.filter('followUps.villageCode'))
        .where(area.filter('followUps.villageCode'))
        .where('month', 'in', [...months])
        .where('employmentStatus', '=', 'employed')
        .where('organizedByCooperation', '=', true)
        .groupBy(['month', 'cooperationName'])
        .execute();
    },

    /**
     * For a follow-up sheet: the people with these ID numbers within the scope, with the facts a
     * follow-up captures, their registry employment and their record of `month` if they have one.
     */
    async followUpBasis(idNumbers: readonly string[], month: Month, today: string) {
      if (idNumbers.length === 0) return [];
      const record = (prefix: string) =>
        sql.raw(recordColumns.map((c) => `${prefix}.${c} as ${prefix}_${c}`).join(', '));
      const result = await sql<FollowUpBasisRow>`
        select p.id, p.id_number, p.name, p.village_code, p.household_id,
          ${labourerCondition(today, 'p')} as labourer, h.relocation <> 'none' as relocated,
          f.person_id is not null as recorded, ${record('p')}, ${record('f')}
        from persons p
        join households h on h.id = p.household_id
        left join follow_ups f on f.month = ${month} and f.person_id = p.id
        where p.id_number = any(${[...idNumbers]}::text[]) and p.deleted_at is null
          and ${scope.filter('p.villageCode')}`.execute(db);
      return result.rows;
    },
  };
}

/** One person as a follow-up sheet needs them: `p…` the registry's employment, `f…` this month's record. */
export interface FollowUpBasisRow {
  id: number;
  idNumber: string;
  name: string;
  villageCode: string;
  householdId: number;
  labourer: boolean;
  relocated: boolean;
  recorded: boolean;
  [column: string]: unknown;
}
