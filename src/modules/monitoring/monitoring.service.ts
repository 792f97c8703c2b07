// Commands and queries of monthly monitoring: recording a month's follow-ups, the village →
// town → county workflow, reporting completeness, early warnings and targets.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDay } from '../../shared/dates.js';
import { AppError, type ErrorCode, type FieldProblem, validationError } from '../../shared/errors.js';
import { can, type Permission } from '../access/access.rules.js';
import { recordAudit } from '../access/audit.js';
import { type Actor, RegionScope } from '../access/scope.js';
import { regionsRepository, regionWithin } from '../regions/regions.repository.js';
import {
  ancestorCodes,
  childPrefixLength,
  normalizeRegionName,
  regionLevel,
  scopePrefix,
} from '../regions/regions.rules.js';
import { checkEmploymentSnapshot, maskIdNumber } from '../registry/registry.rules.js';
import type {
  FollowUpEntry,
  ReportingPolicyBody,
  TargetBreakdownBody,
  WarningThresholdBody,
} from './monitoring.dto.js';
import { monitoringRepository, type NewFollowUp } from './monitoring.repository.js';
import {
  addMonths,
  applyReportAction,
  canMoveWarning,
  canRecordFollowUps,
  checkBreakdown,
  checkPolicyPeriod,
  deadlines,
  type FollowUpFacts,
  householdWarnings,
  type Month,
  monthOfDay,
  type PersonUnderWatch,
  personWarnings,
  policiesOn,
  policyFor,
  progress,
  type RaisedWarning,
  type ReportAction,
  type ReportStatus,
  type Timeliness,
  timeliness,
  type WarningRule,
  type WarningState,
  type WarningThresholds,
} from './monitoring.rules.js';
import type { TargetMeasure } from './monitoring.tables.js';

export interface MonitoringSettings {
  maxMonthlyIncome: number;
  now: () => Date;
}

export function monitoringService(db: Kysely<DB>, settings: MonitoringSettings) {
  const today = () => localDay(settings.now());
  const require = (actor: Actor, permission: Permission) => {
    if (!can(actor.role, permission)) throw new AppError('auth.forbidden');
  };
  const notFuture = (month: Month) => {
    if (month > monthOfDay(today()))
      throw validationError([{ field: 'month', code: 'monitoring.futureMonth' }]);
  };

  async function village(actor: Actor, code: string) {
    const region = await regionsRepository(db).get(code);
    if (!region || regionLevel(region.code) !== 'village') {
      throw validationError([{ field: 'village', code: 'region.notVillage' }]);
    }
    if (!actor.scope.covers(region.code))
      throw new AppError('region.outOfScope', { params: { region: region.name } });
    return region;
  }

  const area = (actor: Actor, code: string | undefined) => regionWithin(db, actor.scope, code);

  async function deadlinesOf(villageCode: string, month: Month) {
    // Reporting policies are national reference data, read without a caller's scope.
    const policies = await monitoringRepository(db, RegionScope.everything()).reportingPolicies();
    const policy = policyFor(policies, villageCode, `${month}-01`, scopePrefix);
    if (!policy) throw new Error('No reporting policy configured');
    return deadlines(month, policy);
  }

  async function addPolicy<T extends { id: number }>(
    actor: Actor,
    body: {
      regionCode: string;
      validFrom: string;
      validTo: string | null;
      villageSubmitDay?: number;
      townReviewDay?: number;
    },
    entityType: string,
    insert: (trx: Kysely<DB>) => Promise<T>,
  ) {
    if (!can(actor.role, 'users.manage')) throw new AppError('auth.forbidden');
    const region = await regionsRepository(db).get(body.regionCode);
    if (!region)
      throw validationError([
        { field: 'regionCode', code: 'region.unknown', params: { value: body.regionCode } },
      ]);
    if (!actor.scope.covers(region.code))
      throw new AppError('region.outOfScope', { params: { region: region.name } });
    const problems = checkPolicyPeriod(body);
    if (problems.length > 0) throw validationError(problems);
    return db.transaction().execute(async (trx) => {
      const created = await insert(trx);
      await recordAudit(trx, actor, {
        action: `${entityType}.add`,
        entityType,
        entityId: created.id,
        regionCode: region.code,
        after: created,
      });
      return created;
    });
  }

  /** Every village below `area` expected to report `month`, with its state, deadlines and timeliness. */
  async function villageStates(actor: Actor, scope: RegionScope, month: Month) {
    const repository = monitoringRepository(db, actor.scope);
    const [expected, months, policies] = await Promise.all([
      repository.expectedVillages(scope),
      repository.villageMonthsBelow(scope, month),
      repository.reportingPolicies(),
    ]);
    const stateOf = new Map(months.map((m) => [m.villageCode, m]));
    const policyOf = policiesOn(policies, `${month}-01`, scopePrefix);
    return expected.map((v) => {
      const state = stateOf.get(v.villageCode);
      const policy = policyOf(v.villageCode);
      const due = deadlines(month, policy ?? { villageSubmitDay: 15, townReviewDay: 25 });
      const submittedOn = state?.submittedAt ? localDay(state.submittedAt) : null;
      return {
        code: v.villageCode,
        name: v.name,
        status: (state?.status ?? 'open') as ReportStatus,
        ...due,
        submittedOn,
        submittedAt: state?.submittedAt ?? null,
        reviewedAt: state?.reviewedAt ?? null,
        returnReason: state?.returnReason ?? null,
        reopenReason: state?.reopenReason ?? null,
        timeliness: timeliness(submittedOn, due.submitBy, today()),
      };
    });
  }

  /** Completeness and timeliness of a list of village states, in all and per child region (DHIS2 style). */
  async function reportingTallies(
    region: { code: string; name: string; level: number },
    month: Month,
    villages: readonly { code: string; status: ReportStatus; timeliness: Timeliness }[],
  ) {
    const tally = (list: readonly { status: ReportStatus; timeliness: Timeliness }[]) => {
      const counts = { onTime: 0, late: 0, missing: 0, pending: 0, accepted: 0 };
      for (const v of list) {
        counts[v.timeliness]++;
        if (v.status === 'accepted') counts.accepted++;
      }
      const submitted = counts.onTime + counts.late;
      return {
        expected: list.length,
        submitted,
        accepted: counts.accepted,
        onTime: counts.onTime,
        late: counts.late,
        missing: counts.missing,
        pending: counts.pending,
        reportingRate: list.length ? Math.round((submitted / list.length) * 1000) / 10 : null,
        onTimeRate: list.length ? Math.round((counts.onTime / list.length) * 1000) / 10 : null,
      };
    };
    const level = regionLevel(region.code);
    const childLength = childPrefixLength(level);
    const children = await regionsRepository(db).children(region.code);
    const byChild = new Map<string, (typeof villages)[number][]>();
    for (const v of villages) {
      const key = v.code.slice(0, childLength);
      const list = byChild.get(key);
      if (list) list.push(v);
      else byChild.set(key, [v]);
    }
    return {
      region: { code: region.code, name: region.name, level: region.level },
      month,
      ...tally(villages),
      children: children
        .map((c) => ({
          region: { code: c.code, name: c.name, level: c.level },
          ...tally(byChild.get(c.code.slice(0, childLength)) ?? []),
        }))
        .filter((c) => c.expected > 0),
    };
  }

  return {
    /**
     * The village clerk's month: its state and deadlines, who submitted and reviewed it, and every
     * person with last month's follow-up (what "no change" records), the registry's current
     * employment (recorded instead when there is none), and this month's with who recorded it.
     */
    async villageMonth(actor: Actor, villageCode: string, month: Month) {
      require(actor, 'registry.read');
      const region = await village(actor, villageCode);
      const repository = monitoringRepository(db, actor.scope);
      const [state, people, due] = await Promise.all([
        repository.villageMonth(region.code, month),
        repository.villagePeople(region.code, month, today()),
        deadlinesOf(region.code, month),
      ]);
      const names = await repository.villageMonthPeople(
        state?.submittedBy ?? null,
        state?.reviewedBy ?? null,
      );
      const submittedOn = state?.submittedAt ? localDay(state.submittedAt) : null;
      return {
        village: { code: region.code, name: region.name },
        month,
        status: state?.status ?? 'open',
        ...due,
        timeliness: timeliness(submittedOn, due.submitBy, today()),
        returnReason: state?.returnReason ?? null,
        reopenReason: state?.reopenReason ?? null,
        submittedAt: state?.submittedAt ?? null,
        submittedBy: state?.submittedBy ? (names.get(state.submittedBy) ?? null) : null,
        reviewedAt: state?.reviewedAt ?? null,
        reviewedBy: state?.reviewedBy ? (names.get(state.reviewedBy) ?? null) : null,
        recorded: people.filter((p) => p.currentStatus !== null).length,
        people: people.map(presentVillagePerson),
      };
    },

    /** Writes this month's follow-ups for some of a village's people; all valid or none written. */
    async recordFollowUps(
      actor: Actor,
      villageCode: string,
      month: Month,
      entries: readonly FollowUpEntry[],
    ) {
      require(actor, 'registry.write');
      notFuture(month);
      const region = await village(actor, villageCode);
      const problems: FieldProblem[] = [];
      entries.forEach((entry, index) => {
        for (const p of checkEmploymentSnapshot({ ...entry, workplace: entry.workplace ?? null }, today(), {
          maxMonthlyIncome: settings.maxMonthlyIncome,
        })) {
          problems.push({
            field: `entries.${index}.${p.field}`,
            code: p.code,
            params: { maximum: settings.maxMonthlyIncome },
          });
        }
      });
      if (problems.length > 0) throw validationError(problems);
      return db.transaction().execute(async (trx) => {
        const repository = monitoringRepository(trx, actor.scope);
        const state = await repository.lockVillageMonth(region.code, month);
        if (!canRecordFollowUps(state.status))
          throw new AppError('monitoring.monthLocked', { params: { month } });
        const people = await repository.personsInVillage(
          region.code,
          entries.map((e) => e.personId),
          today(),
        );
        const personOf = new Map(people.map((p) => [p.id, p]));
        const outside = entries.findIndex((e) => !personOf.has(e.personId));
        if (outside >= 0)
          throw validationError([
            { field: `entries.${outside}.personId`, code: 'monitoring.personNotInVillage' },
          ]);
        const rows: NewFollowUp[] = entries.map((e) => ({
          month,
          personId: e.personId,
          householdId: personOf.get(e.personId)?.householdId as number,
          labourer: personOf.get(e.personId)?.labourer as boolean,
          relocated: personOf.get(e.personId)?.relocated as boolean,
          villageCode: region.code,
          employmentStatus: e.employmentStatus,
          employmentForm: e.employmentForm,
          workLocation: e.workLocation,
          workplace: e.workplace ?? null,
          employer: e.employer,
          employmentStart: e.employmentStart,
          monthlyIncome: e.monthlyIncome,
          notWorkingReason: e.notWorkingReason,
          wantsWork: e.wantsWork,
          wantsTraining: e.wantsTraining,
          organizedByCooperation: e.organizedByCooperation,
          cooperationName: e.cooperationName,
          recordedBy: actor.userId,
        }));
        await repository.upsertFollowUps(rows);
        await repository.refreshFigures(RegionScope.of(region.code), [month]);
        for (const row of rows) {
          await recordAudit(trx, actor, {
            action: 'followUp.record',
            entityType: 'person',
            entityId: row.personId,
            regionCode: region.code,
            after: row,
            note: month,
          });
        }
        return { recorded: rows.length };
      });
    },

    /**
     * "No change" (无变化) for many people at once: last month's record (else the registry's
     * employment) becomes this month's.
     */
    async confirmUnchanged(
      actor: Actor,
      villageCode: string,
      month: Month,
      personIds: readonly number[] | null,
    ) {
      require(actor, 'registry.write');
      notFuture(month);
      const region = await village(actor, villageCode);
      return db.transaction().execute(async (trx) => {
        const repository = monitoringRepository(trx, actor.scope);
        const state = await repository.lockVillageMonth(region.code, month);
        if (!canRecordFollowUps(state.status))
          throw new AppError('monitoring.monthLocked', { params: { month } });
        const confirmed = await repository.confirmUnchanged(
          region.code,
          month,
          personIds,
          actor.userId,
          today(),
        );
        await repository.refreshFigures(RegionScope.of(region.code), [month]);
        await recordAudit(trx, actor, {
          action: 'followUp.confirmUnchanged',
          entityType: 'villageMonth',
          entityId: `${region.code}:${month}`,
          regionCode: region.code,
          after: { personIds: confirmed },
          note: `${confirmed.length} 人无变化`,
        });
        return { confirmed: confirmed.length };
      });
    },

    /** Submit, return, accept or reopen a village's month. Accepting makes it the registry's current state. */
    async act(actor: Actor, villageCode: string, month: Month, action: ReportAction, reason: string | null) {
      require(actor, 'registry.write');
      const region = await village(actor, villageCode);
      const level = actor.scope.level ?? 'province';
      return db.transaction().execute(async (trx) => {
        const repository = monitoringRepository(trx, actor.scope);
        const state = await repository.lockVillageMonth(region.code, month);
        const outcome = applyReportAction(state.status, action, level, reason);
        if (!outcome.ok) throw new AppError(outcome.code as ErrorCode, { params: { status: state.status } });
        const now = settings.now();
        const changes =
          action === 'submit'
            ? { status: outcome.status, submittedAt: now, submittedBy: actor.userId, returnReason: null }
            : action === 'reopen'
              ? { status: outcome.status, reopenReason: reason, reviewedAt: null, reviewedBy: null }
              : {
                  status: outcome.status,
                  reviewedAt: now,
                  reviewedBy: actor.userId,
                  returnReason: action === 'return' ? reason : null,
                };
        const updated = await repository.setVillageMonth(region.code, month, changes);
        if (outcome.status === 'accepted') await repository.applyFollowUpsToRegistry(region.code, month);
        await recordAudit(trx, actor, {
          action: `villageMonth.${action}`,
          entityType: 'villageMonth',
          entityId: `${region.code}:${month}`,
          regionCode: region.code,
          before: { status: state.status },
          after: { status: updated.status },
          note: reason,
        });
        return { village: region.code, month, status: updated.status };
      });
    },

    /** Completeness and timeliness of a month below a region, per child region, DHIS2 style. */
    async reporting(actor: Actor, regionCode: string | undefined, month: Month) {
      require(actor, 'registry.read');
      const { region, scope } = await area(actor, regionCode);
      const villages = await villageStates(actor, scope, month);
      return {
        ...(await reportingTallies(region, month, villages)),
        overdueVillages: villages
          .filter((v) => v.timeliness === 'missing' || v.timeliness === 'late')
          .map(({ code, name, status, submitBy, submittedOn, timeliness }) => ({
            code,
            name,
            status,
            submitBy,
            submittedOn,
            timeliness,
          })),
      };
    },

    /**
     * The figures of `reporting` without the list of overdue villages, for the statistics page: the
     * same rules over lean rows (no names, one timestamp), since a province is tens of thousands of
     * villages and the page asks for this with every region and month.
     */
    async reportingFigures(actor: Actor, regionCode: string | undefined, month: Month) {
      require(actor, 'registry.read');
      const { region, scope } = await area(actor, regionCode);
      const repository = monitoringRepository(db, actor.scope);
      const [rows, policies] = await Promise.all([
        repository.reportingStates(scope, month),
        repository.reportingPolicies(),
      ]);
      const now = today();
      const policyOf = policiesOn(policies, `${month}-01`, scopePrefix);
      // Deadlines are the same for every village under the same policy: computed once per policy.
      const submitByOf = new Map<object | undefined, string>();
      const villages = rows.map((r) => {
        const policy = policyOf(r.villageCode);
        let submitBy = submitByOf.get(policy);
        if (submitBy === undefined) {
          submitBy = deadlines(month, policy ?? { villageSubmitDay: 15, townReviewDay: 25 }).submitBy;
          submitByOf.set(policy, submitBy);
        }
        return {
          code: r.villageCode,
          status: (r.status ?? 'open') as ReportStatus,
          timeliness: timeliness(r.submittedOn, submitBy, now),
        };
      });
      return reportingTallies(region, month, villages);
    },

    /**
     * The months of the villages below a region, one page at a time, for the town's review list and
     * the list of villages not reported or late: state, deadline, when submitted and reviewed, and
     * how many of the village's people have a follow-up.
     */
    async villageMonths(
      actor: Actor,
      filter: {
        region?: string;
        month: Month;
        status?: ReportStatus;
        timeliness?: Timeliness | 'overdue';
        page: number;
        pageSize: number;
      },
    ) {
      require(actor, 'registry.read');
      const { scope } = await area(actor, filter.region);
      const all = await villageStates(actor, scope, filter.month);
      const wanted = all.filter(
        (v) =>
          (!filter.status || v.status === filter.status) &&
          (!filter.timeliness ||
            (filter.timeliness === 'overdue'
              ? v.timeliness === 'late' || v.timeliness === 'missing'
              : v.timeliness === filter.timeliness)),
      );
      const page = wanted.slice((filter.page - 1) * filter.pageSize, filter.page * filter.pageSize);
      const [progress, towns] = await Promise.all([
        monitoringRepository(db, actor.scope).villageProgress(
          page.map((v) => v.code),
          filter.month,
        ),
        regionsRepository(db).getMany([...new Set(page.map((v) => `${v.code.slice(0, 9)}000`))]),
      ]);
      const townName = new Map(towns.map((t) => [t.code, t.name]));
      const countBy = <K extends string>(key: (v: (typeof all)[number]) => K) =>
        all.reduce<Partial<Record<K, number>>>((acc, v) => {
          acc[key(v)] = (acc[key(v)] ?? 0) + 1;
          return acc;
        }, {});
      return {
        month: filter.month,
        total: wanted.length,
        page: filter.page,
        pageSize: filter.pageSize,
        byStatus: countBy((v) => v.status),
        byTimeliness: countBy((v) => v.timeliness),
        items: page.map((v) => ({
          village: { code: v.code, name: v.name },
          town: { code: `${v.code.slice(0, 9)}000`, name: townName.get(`${v.code.slice(0, 9)}000`) ?? null },
          status: v.status,
          submitBy: v.submitBy,
          reviewBy: v.reviewBy,
          submittedAt: v.submittedAt,
          reviewedAt: v.reviewedAt,
          timeliness: v.timeliness,
          returnReason: v.returnReason,
          reopenReason: v.reopenReason,
          people: progress.get(v.code)?.people ?? 0,
          recorded: progress.get(v.code)?.recorded ?? 0,
        })),
      };
    },

    /** Runs every warning rule for a month below a region and stores what they raise. */
    async computeWarnings(actor: Actor, regionCode: string | undefined, month: Month) {
      require(actor, 'registry.write');
      const { region, scope } = await area(actor, regionCode);
      const repository = monitoringRepository(db, actor.scope);
      const thresholds = policyFor(
        await repository.warningThresholds(today()),
        region.code,
        today(),
        scopePrefix,
      );
      if (!thresholds) throw new Error('No warning thresholds configured');
      const lookBack = Math.max(thresholds.idleMonths, thresholds.followUpGapMonths) + 1;
      // A county at a time: a province's people and months of records never sit in memory at once,
      // and each county's warnings land in their own transaction.
      const level = regionLevel(region.code);
      const units =
        level === 'province' || level === 'city'
          ? (await repository.countiesBelow(scope)).map(RegionScope.of)
          : [scope];
      const byRule: Partial<Record<WarningRule, number>> = {};
      let peopleWatched = 0;
      const watch = (unit: RegionScope) =>
        repository.watchList(unit, addMonths(month, -lookBack), month, today());
      // The next county's records are read (on another connection of a server's pool) while this
      // county's rules run and its warnings are stored.
      let next = units[0] ? watch(units[0]) : undefined;
      try {
        for (const [index, unit] of units.entries()) {
          const { people, followUps } = await (next as ReturnType<typeof watch>);
          const following = units[index + 1];
          next = following ? watch(following) : undefined;
          if (people.length === 0) continue;
          peopleWatched += people.length;
          const raised = raiseWarnings(people, followUps, month, thresholds);
          await db
            .transaction()
            .execute((trx) => monitoringRepository(trx, actor.scope).replaceWarnings(unit, month, raised));
          for (const w of raised) byRule[w.rule] = (byRule[w.rule] ?? 0) + 1;
        }
      } finally {
        // A failure leaves no read behind to reject unobserved.
        await next?.catch(() => undefined);
      }
      const raisedCount = Object.values(byRule).reduce((a, b) => a + b, 0);
      await recordAudit(db, actor, {
        action: 'warnings.compute',
        entityType: 'region',
        entityId: region.code,
        regionCode: region.code,
        note: `${month}: ${raisedCount}`,
      });
      return { month, people: peopleWatched, raised: raisedCount, byRule };
    },

    async warnings(
      actor: Actor,
      filter: {
        region?: string;
        month: Month;
        rule?: WarningRule;
        state?: WarningState;
        open?: boolean;
        page: number;
        pageSize: number;
      },
    ) {
      require(actor, 'registry.read');
      const { scope } = await area(actor, filter.region);
      const repository = monitoringRepository(db, actor.scope);
      const [items, counts] = await Promise.all([
        repository.listWarnings(scope, {
          month: filter.month,
          rule: filter.rule,
          state: filter.state,
          open: filter.open,
          limit: filter.pageSize,
          offset: (filter.page - 1) * filter.pageSize,
        }),
        repository.countWarnings(scope, filter.month),
      ]);
      return { items, counts: counts.map((c) => ({ ...c, n: Number(c.n) })) };
    },

    async moveWarning(actor: Actor, id: number, state: WarningState, note: string | null) {
      require(actor, 'registry.write');
      return db.transaction().execute(async (trx) => {
        const repository = monitoringRepository(trx, actor.scope);
        const warning = await repository.getWarning(id);
        if (!warning) throw new AppError('notFound');
        if (!canMoveWarning(warning.state, state))
          throw new AppError('warning.badTransition', { params: { from: warning.state, to: state } });
        const updated = await repository.updateWarning(id, { state, note, handledBy: actor.userId });
        await recordAudit(trx, actor, {
          action: 'warning.move',
          entityType: 'warning',
          entityId: id,
          regionCode: warning.villageCode,
          before: { state: warning.state },
          after: { state },
          note,
        });
        return updated;
      });
    },

    /** The deadline and threshold policies that apply in the caller's region: national, above and below it. */
    async policies(actor: Actor) {
      require(actor, 'registry.read');
      const repository = monitoringRepository(db, RegionScope.everything());
      const above = actor.scope.regionCode ? ancestorCodes(actor.scope.regionCode) : [];
      const applies = (p: { regionCode: string | null }) =>
        p.regionCode === null || actor.scope.covers(p.regionCode) || above.includes(p.regionCode);
      const [reporting, thresholds] = await Promise.all([
        repository.reportingPolicies(),
        repository.allWarningThresholds(),
      ]);
      return { reporting: reporting.filter(applies), warningThresholds: thresholds.filter(applies) };
    },

    /** Sets deadlines for a region from a date on (an administrator, within their region). */
    async addReportingPolicy(actor: Actor, body: ReportingPolicyBody) {
      return addPolicy(actor, body, 'reportingPolicy', (trx) =>
        monitoringRepository(trx, actor.scope).insertReportingPolicy(body),
      );
    },

    async addWarningThresholds(actor: Actor, body: WarningThresholdBody) {
      return addPolicy(actor, body, 'warningThresholds', (trx) =>
        monitoringRepository(trx, actor.scope).insertWarningThresholds(body),
      );
    },

    /**
     * A breakdown table (任务分解) like seed 001's annex: the parent's target and its children's, the
     * regions written as officials write them (科左中旗). Children may not add up to more than the parent.
     */
    async setTargets(actor: Actor, body: TargetBreakdownBody) {
      require(actor, 'registry.write');
      const regions = regionsRepository(db);
      const resolve = async (text: string, within: string | null, field: string) => {
        const code = /^\d{12}$/.test(text.trim()) ? text.trim() : null;
        const found = code
          ? [await regions.get(code)].filter((r) => r !== undefined)
          : // Region names are public: resolve in the whole tree, then refuse what lies outside the scope.
            await regions.findByName(
              normalizeRegionName(text),
              within ? RegionScope.of(within) : RegionScope.everything(),
            );
        const direct = within ? found.filter((r) => r.parentCode === within) : found;
        const chosen = direct.length === 1 ? direct[0] : found.length === 1 ? found[0] : undefined;
        if (!chosen)
          throw validationError([
            {
              field,
              code: found.length > 1 ? 'region.ambiguous' : 'region.unknown',
              params: { value: text },
            },
          ]);
        if (!actor.scope.covers(chosen.code))
          throw new AppError('region.outOfScope', { params: { region: chosen.name } });
        return chosen;
      };
      const parent = await resolve(body.region, null, 'region');
      const children = [];
      for (const [index, child] of body.children.entries()) {
        const region = await resolve(child.region, parent.code, `children.${index}.region`);
        if (region.parentCode !== parent.code) {
          throw validationError([
            { field: `children.${index}.region`, code: 'target.notAChild', params: { value: child.region } },
          ]);
        }
        children.push({ region, value: child.value });
      }
      const check = checkBreakdown(
        body.value,
        children.map((c) => c.value),
      );
      if (!check.ok) {
        throw validationError([
          {
            field: 'children',
            code: 'target.childrenExceedParent',
            params: { parent: body.value, children: check.problem.children },
          },
        ]);
      }
      const cooperationName = body.measure === 'cooperationEmployed' ? (body.cooperationName ?? '') : '';
      if (body.measure === 'cooperationEmployed' && !cooperationName) {
        throw validationError([{ field: 'cooperationName', code: 'required' }]);
      }
      const rows = [{ region: parent, value: body.value }, ...children].map((r) => ({
        year: body.year,
        regionCode: r.region.code,
        measure: body.measure,
        cooperationName,
        value: r.value,
        source: body.source ?? null,
      }));
      return db.transaction().execute(async (trx) => {
        await monitoringRepository(trx, actor.scope).upsertTargets(rows);
        await recordAudit(trx, actor, {
          action: 'targets.set',
          entityType: 'targets',
          entityId: `${body.year}:${body.measure}:${parent.code}`,
          regionCode: parent.code,
          after: rows,
          note: body.source ?? null,
        });
        return {
          year: body.year,
          measure: body.measure,
          region: parent.code,
          undistributed: check.undistributed,
          rows: rows.length,
        };
      });
    },

    /** Progress against the year's targets for a region and its children in a month. */
    async targetProgress(actor: Actor, regionCode: string | undefined, month: Month) {
      require(actor, 'registry.read');
      const { region } = await area(actor, regionCode);
      const year = Number(month.slice(0, 4));
      const children = (await regionsRepository(db).children(region.code)).filter((c) =>
        actor.scope.covers(c.code),
      );
      const places = [region, ...children];
      const repository = monitoringRepository(db, actor.scope);
      const targets = await repository.targetsFor(
        places.map((p) => p.code),
        year,
      );
      const comparisonMonths = [month, addMonths(month, -1), addMonths(month, -12)];
      const rows = [];
      for (const place of places) {
        const own = targets.filter((t) => t.regionCode === place.code);
        if (own.length === 0) continue;
        const placeScope = actor.scope.narrowTo(place.code);
        const [employed, cooperation] = await Promise.all([
          repository.employedCounts(placeScope, comparisonMonths),
          repository.cooperationCounts(placeScope, comparisonMonths),
        ]);
        const actualOf = (measure: TargetMeasure, cooperationName: string, m: Month): number | null => {
          const row = employed.find((e) => e.month === m);
          if (!row) return null;
          if (measure === 'employed') return Number(row.employed);
          if (measure === 'relocatedEmployed') return Number(row.relocatedEmployed);
          if (measure === 'cooperationEmployed') {
            return cooperation
              .filter((c) => c.month === m && (c.cooperationName ?? '').includes(cooperationName))
              .reduce((a, c) => a + Number(c.n), 0);
          }
          // People from other provinces employed here are counted by the jobs module (not yet built).
          return null;
        };
        for (const target of own) {
          const actual = actualOf(target.measure, target.cooperationName, month);
          rows.push({
            region: { code: place.code, name: place.name, level: place.level },
            measure: target.measure,
            cooperationName: target.cooperationName || null,
            measured: actual !== null,
            ...progress(
              actual ?? 0,
              target.value,
              actualOf(target.measure, target.cooperationName, comparisonMonths[1] as Month),
              actualOf(target.measure, target.cooperationName, comparisonMonths[2] as Month),
            ),
          });
        }
      }
      return {
        region: { code: region.code, name: region.name, level: region.level },
        year,
        month,
        items: rows,
      };
    },
  };
}

/** Runs the warning rules over one unit's people and their recent follow-ups. */
function raiseWarnings(
  people: readonly {
    id: number;
    householdId: number;
    villageCode: string;
    labourAbility: PersonUnderWatch['labourAbility'];
    isLabourer: boolean;
    wantsWork: boolean;
  }[],
  followUps: readonly (FollowUpFacts & { personId: number })[],
  month: Month,
  thresholds: WarningThresholds,
) {
  const historyOf = new Map<number, FollowUpFacts[]>();
  for (const f of followUps) {
    const list = historyOf.get(f.personId) ?? [];
    list.push(f);
    historyOf.set(f.personId, list);
  }
  const villageOf = new Map<number, string>();
  const members = new Map<number, PersonUnderWatch[]>();
  const raised: RaisedWarning[] = [];
  for (const p of people) {
    const watched: PersonUnderWatch = {
      personId: p.id,
      householdId: p.householdId,
      labourAbility: p.labourAbility,
      isLabourer: p.isLabourer,
      wantsWork: p.wantsWork,
      history: historyOf.get(p.id) ?? [],
    };
    villageOf.set(p.householdId, p.villageCode);
    const list = members.get(p.householdId);
    if (list) list.push(watched);
    else members.set(p.householdId, [watched]);
    raised.push(...personWarnings(watched, month, thresholds));
  }
  for (const [householdId, list] of members) raised.push(...householdWarnings(householdId, list, month));
  return raised.map((w) => ({ ...w, villageCode: villageOf.get(w.householdId) as string }));
}

/** One person of a village's month: last month's record, the registry's employment, and this month's. */
function presentVillagePerson(
  p: Awaited<ReturnType<ReturnType<typeof monitoringRepository>['villagePeople']>>[number],
) {
  return {
    id: p.id,
    householdId: p.householdId,
    name: p.name,
    idNumber: maskIdNumber(p.idNumber),
    birthDate: p.birthDate,
    labourAbility: p.labourAbility,
    isLabourer: p.isLabourer,
    registered: {
      employmentStatus: p.employmentStatus,
      employmentForm: p.employmentForm,
      workLocation: p.workLocation,
      workplace: p.workplace,
      employer: p.employer,
      employmentStart: p.employmentStart,
      monthlyIncome: p.monthlyIncome === null ? null : Number(p.monthlyIncome),
      notWorkingReason: p.notWorkingReason,
      wantsWork: p.wantsWork,
      wantsTraining: p.wantsTraining,
      organizedByCooperation: p.organizedByCooperation,
      cooperationName: p.cooperationName,
    },
    record:
      p.currentStatus === null
        ? null
        : {
            employmentStatus: p.currentStatus,
            employmentForm: p.currentForm,
            workLocation: p.currentLocation,
            workplace: p.currentWorkplace,
            employer: p.currentEmployer,
            employmentStart: p.currentStart,
            monthlyIncome: p.currentIncome === null ? null : Number(p.currentIncome),
            notWorkingReason: p.currentReason,
            wantsWork: p.currentWantsWork as boolean,
            wantsTraining: p.currentWantsTraining as boolean,
            organizedByCooperation: p.currentCooperation as boolean,
            cooperationName: p.currentCooperationName,
            recordedAt: p.currentRecordedAt,
            recordedBy: p.currentRecordedBy,
          },
    lastMonth:
      p.lastStatus === null
        ? null
        : {
            employmentStatus: p.lastStatus,
            employmentForm: p.lastForm,
            workLocation: p.lastLocation,
            workplace: p.lastWorkplace,
            employer: p.lastEmployer,
            employmentStart: p.lastStart,
            monthlyIncome: p.lastIncome === null ? null : Number(p.lastIncome),
            notWorkingReason: p.lastReason,
            wantsWork: p.lastWantsWork as boolean,
            wantsTraining: p.lastWantsTraining as boolean,
            organizedByCooperation: p.lastCooperation as boolean,
            cooperationName: p.lastCooperationName,
          },
  };
}
