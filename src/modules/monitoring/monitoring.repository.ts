// Queries of monthly monitoring, bound to the caller's region scope like the registry's: every read
// is filtered by it and every write names a village checked against it.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import type { RegionScope } from '../access/scope.js';
import { labourerCondition } from '../registry/registry.repository.js';
import type { Month, ReportingPolicy, ReportStatus, WarningRule, WarningState } from './monitoring.rules.js';
import type { FollowUpTable, TargetMeasure } from './monitoring.tables.js';

export type NewFollowUp = Insertable<FollowUpTable>;

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

    /** The village's people with this month's follow-up and their latest earlier one. */
    async villagePeople(villageCode: string, month: Month, today: string) {
      assertInScope(villageCode);
      return db
        .selectFrom('persons')
        .leftJoin('followUps as current', (join) =>
          join.onRef('current.personId', '=', 'persons.id').on('current.month', '=', month),
        )
        .select([
          'persons.id',
          'persons.householdId',
          'persons.name',
          'persons.idNumber',
          'persons.birthDate',
          'persons.labourAbility',
          'persons.wantsWork',
          labourerCondition(today).as('isLabourer'),
          'current.employmentStatus as currentStatus',
          'current.employmentForm as currentForm',
          'current.workLocation as currentLocation',
          'current.employer as currentEmployer',
          'current.monthlyIncome as currentIncome',
          'current.notWorkingReason as currentReason',
          'current.recordedAt as currentRecordedAt',
        ])
        .where('persons.villageCode', '=', villageCode)
        .where('persons.deletedAt', 'is', null)
        .orderBy('persons.householdId')
        .orderBy('persons.id')
        .execute();
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
     * record when `personIds` is null) gets this month's follow-up copied from their current
     * employment in the registry. One statement, so a village of 500 is one round trip.
     */
    async confirmUnchanged(
      villageCode: string,
      month: Month,
      personIds: readonly number[] | null,
      recordedBy: number | null,
      today: string,
    ) {
      assertInScope(villageCode);
      const result = await sql<{ personId: number }>`
        insert into follow_ups (month, person_id, household_id, village_code, employment_status, employment_form,
          work_location, workplace, employer, employment_start, monthly_income, not_working_reason, wants_work,
          wants_training, organized_by_cooperation, cooperation_name, labourer, relocated, recorded_by)
        select ${month}, p.id, p.household_id, p.village_code, p.employment_status, p.employment_form,
          p.work_location, p.workplace, p.employer, p.employment_start, p.monthly_income, p.not_working_reason,
          p.wants_work, p.wants_training, p.organized_by_cooperation, p.cooperation_name,
          ${labourerCondition(today, 'p')}, h.relocation <> 'none', ${recordedBy}
        from persons p join households h on h.id = p.household_id
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
      await db
        .deleteFrom('villageMonthFigures')
        .where(scope.filter('villageMonthFigures.villageCode'))
        .where(area.filter('villageMonthFigures.villageCode'))
        .where('month', 'in', [...months])
        .execute();
      await sql`
        with g as (
          select f.month, f.village_code, f.household_id, f.employment_status = 'employed' as employed,
            f.employment_form, f.work_location, f.labourer, f.relocated, f.organized_by_cooperation as cooperation,
            h.category = 'monitored' as monitored
          from follow_ups f join households h on h.id = f.household_id
          where f.month = any(${[...months]}::text[]) and f.village_code between ${low} and ${high}
            and ${scope.filter('f.villageCode')}
        ),
        people as (
          select month, village_code, count(*) as persons,
            count(*) filter (where labourer) as labourers,
            count(*) filter (where employed) as employed,
            count(*) filter (where labourer and not employed) as unemployed_labourers,
            count(*) filter (where employed and relocated) as relocated_employed,
            count(*) filter (where employed and cooperation) as cooperation_employed
          from g group by 1, 2
        ),
        forms as (
          select month, village_code, jsonb_object_agg(employment_form, n) as by_form
          from (select month, village_code, employment_form, count(*) as n from g
                where employed and employment_form is not null group by 1, 2, 3) x
          group by 1, 2
        ),
        locations as (
          select month, village_code, jsonb_object_agg(work_location, n) as by_location
          from (select month, village_code, work_location, count(*) as n from g
                where employed and work_location is not null group by 1, 2, 3) x
          group by 1, 2
        ),
        homes as (
          select month, village_code, count(*) as households,
            count(*) filter (where relocated) as relocated_households,
            count(*) filter (where monitored) as monitored_households,
            count(*) filter (where zero) as zero_employment_households
          from (select month, village_code, household_id, bool_or(relocated) as relocated, bool_or(monitored) as monitored,
                  bool_or(labourer) and not bool_or(employed) as zero
                from g group by 1, 2, 3) x
          group by 1, 2
        )
        insert into village_month_figures (month, village_code, persons, labourers, employed, unemployed_labourers,
          relocated_employed, cooperation_employed, by_form, by_location, households, relocated_households,
          monitored_households, zero_employment_households)
        select p.month, p.village_code, p.persons, p.labourers, p.employed, p.unemployed_labourers,
          p.relocated_employed, p.cooperation_employed, coalesce(f.by_form, '{}'), coalesce(l.by_location, '{}'),
          h.households, h.relocated_households, h.monitored_households, h.zero_employment_households
        from people p
        join homes h using (month, village_code)
        left join forms f using (month, village_code)
        left join locations l using (month, village_code)`.execute(db);
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
          and (p.employment_status, p.employment_form, p.work_location, p.employer, p.monthly_income, p.not_working_reason)
            is distinct from (f.employment_status, f.employment_form, f.work_location, f.employer, f.monthly_income, f.not_working_reason)`.execute(
        db,
      );
    },

    /** Villages below `area` that have assisted households: the ones expected to report. */
    async expectedVillages(area: RegionScope) {
      return db
        .selectFrom('households')
        .innerJoin('regions', 'regions.code', 'households.villageCode')
        .select(['households.villageCode', 'regions.name'])
        .distinct()
        .where(scope.filter('households.villageCode'))
        .where(area.filter('households.villageCode'))
        .where('households.deletedAt', 'is', null)
        .orderBy('households.villageCode')
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
      const followUps = await db
        .selectFrom('followUps')
        .select([
          'personId',
          'month',
          'employmentStatus',
          'employmentForm',
          'workLocation',
          'monthlyIncome',
          'notWorkingReason',
        ])
        .where(scope.filter('followUps.villageCode'))
        .where(area.filter('followUps.villageCode'))
        .where('month', '>=', fromMonth)
        .where('month', '<=', month)
        .execute();
      return { people, followUps };
    },

    /**
     * Stores what the rules raised for `month` below `area`: raised warnings are inserted or keep
     * their id and state with fresh details; unhandled ones no longer raised are dropped. Runs in
     * the caller's transaction, whose now() marks what this run touched.
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
          do update set detail = excluded.detail, updated_at = now()`.execute(db);
      }
      await db
        .deleteFrom('warnings')
        .where(scope.filter('warnings.villageCode'))
        .where(area.filter('warnings.villageCode'))
        .where('month', '=', month)
        .where('state', '=', 'new')
        .where('updatedAt', '<', sql<Date>`now()`)
        .execute();
    },

    listWarnings(
      area: RegionScope,
      filter: { month: Month; rule?: WarningRule; state?: WarningState; limit: number; offset: number },
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
  };
}
