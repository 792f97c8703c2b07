// Decisions of monthly monitoring (动态监测), as plain functions: the reporting workflow of a
// village's month, its deadlines and timeliness, and the early-warning rules (风险预警).
// Sources: seed 003 §18–19 (cadence, deadlines 15th/25th, warnings), seed 002/003/004 (零就业家庭).

import type { RegionLevel } from '../regions/regions.rules.js';
import {
  type EmploymentForm,
  type EmploymentStatus,
  employmentFields,
  type LabourAbility,
  type NotWorkingReason,
  type WorkLocation,
} from '../registry/registry.codes.js';

// ——— Months ———————————————————————————————————————————————————————————————

/** A reporting month as `YYYY-MM`. */
export type Month = string;

export function isMonth(text: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 12 && Number(match[1]) >= 2000;
}

export function addMonths(month: Month, delta: number): Month {
  // Sliced, not split: a province's warnings call this millions of times.
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (to − from). */
export function monthsBetween(from: Month, to: Month): number {
  const index = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return index(to) - index(from);
}

export function monthOfDay(day: string): Month {
  return day.slice(0, 7);
}

// ——— Deadlines (policy data) ——————————————————————————————————————————————

/**
 * When a village must submit a month and when the town must have reviewed it. Data with a region
 * and a validity period: Jiangxi (seed 003 §19) says villages by the 15th, towns by the 25th.
 */
export interface ReportingPolicy extends RegionalPolicy {
  villageSubmitDay: number;
  townReviewDay: number;
}

/** Anything set per region for a period: deadlines, warning thresholds. */
export interface RegionalPolicy {
  /** The region it applies to and below; null for everywhere. */
  regionCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/**
 * The policy in force for a place on a day: of those valid that day, the one set for the most
 * specific region containing the place.
 */
export function policyFor<P extends RegionalPolicy>(
  policies: readonly P[],
  placeCode: string,
  day: string,
  prefixOf: (code: string) => string,
): P | undefined {
  return policiesOn(policies, day, prefixOf)(placeCode);
}

/** policyFor for many places on one day: the day's policies are chosen and ordered once. */
export function policiesOn<P extends RegionalPolicy>(
  policies: readonly P[],
  day: string,
  prefixOf: (code: string) => string,
): (placeCode: string) => P | undefined {
  const inForce = policies
    .filter((p) => p.validFrom <= day && (p.validTo === null || p.validTo >= day))
    .map((p) => ({ policy: p, prefix: p.regionCode ? prefixOf(p.regionCode) : '' }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (placeCode) => inForce.find((p) => placeCode.startsWith(p.prefix))?.policy;
}

export type PolicyProblem = {
  field: 'townReviewDay' | 'validTo';
  code: 'policy.reviewBeforeSubmit' | 'policy.endsBeforeStart';
};

/** A deadline policy must give towns time after villages, and end no earlier than it starts. */
export function checkPolicyPeriod(p: {
  validFrom: string;
  validTo: string | null;
  villageSubmitDay?: number;
  townReviewDay?: number;
}): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (
    p.villageSubmitDay !== undefined &&
    p.townReviewDay !== undefined &&
    p.townReviewDay < p.villageSubmitDay
  ) {
    problems.push({ field: 'townReviewDay', code: 'policy.reviewBeforeSubmit' });
  }
  if (p.validTo !== null && p.validTo < p.validFrom)
    problems.push({ field: 'validTo', code: 'policy.endsBeforeStart' });
  return problems;
}

function dayOfMonth(month: Month, day: number): string {
  // A day past the month's end (a policy of "the 31st") means the month's last day.
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export function deadlines(month: Month, policy: Pick<ReportingPolicy, 'villageSubmitDay' | 'townReviewDay'>) {
  return {
    submitBy: dayOfMonth(month, policy.villageSubmitDay),
    reviewBy: dayOfMonth(month, policy.townReviewDay),
  };
}

// ——— The workflow of a village's month ————————————————————————————————————

export const reportStatuses = ['open', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportActions = ['submit', 'return', 'accept', 'reopen'] as const;
export type ReportAction = (typeof reportActions)[number];

export type WorkflowProblem =
  | 'workflow.notAllowedInStatus'
  | 'workflow.levelTooLow'
  | 'workflow.reasonRequired'
  | 'workflow.locked';

/**
 * Who may move a village's month where. Villages submit (a town or county may submit on a village's
 * behalf); towns and above return or accept; only a county or above reopens an accepted month,
 * and returning or reopening needs a reason.
 */
export function applyReportAction(
  current: ReportStatus,
  action: ReportAction,
  actorLevel: RegionLevel,
  reason: string | null,
): { ok: true; status: ReportStatus } | { ok: false; code: WorkflowProblem } {
  const rank: Record<RegionLevel, number> = { province: 1, city: 2, county: 3, town: 4, village: 5 };
  const needsReason = action === 'return' || action === 'reopen';
  if (needsReason && !reason?.trim()) return { ok: false, code: 'workflow.reasonRequired' };
  switch (action) {
    case 'submit':
      if (current !== 'open' && current !== 'returned')
        return { ok: false, code: 'workflow.notAllowedInStatus' };
      return { ok: true, status: 'submitted' };
    case 'return':
    case 'accept':
      if (rank[actorLevel] > rank.town) return { ok: false, code: 'workflow.levelTooLow' };
      if (current !== 'submitted') return { ok: false, code: 'workflow.notAllowedInStatus' };
      return { ok: true, status: action === 'accept' ? 'accepted' : 'returned' };
    case 'reopen':
      if (rank[actorLevel] > rank.county) return { ok: false, code: 'workflow.levelTooLow' };
      if (current !== 'accepted') return { ok: false, code: 'workflow.notAllowedInStatus' };
      return { ok: true, status: 'open' };
  }
}

/** Follow-ups of a month can be written while the village is working on it. */
export function canRecordFollowUps(status: ReportStatus): boolean {
  return status === 'open' || status === 'returned';
}

export type Timeliness = 'onTime' | 'late' | 'missing' | 'pending';

/**
 * DHIS2-style timeliness of one village's month: submitted by the deadline, after it, not at all
 * although the deadline passed, or not yet due.
 */
export function timeliness(submittedOn: string | null, submitBy: string, today: string): Timeliness {
  if (submittedOn) return submittedOn <= submitBy ? 'onTime' : 'late';
  return today > submitBy ? 'missing' : 'pending';
}

// ——— Follow-up records ———————————————————————————————————————————————————

/** One person's employment as recorded for one month (回访记录). */
export interface FollowUpFacts {
  month: Month;
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  workLocation: WorkLocation | null;
  monthlyIncome: number | null;
  notWorkingReason: NotWorkingReason | null;
}

// ——— Early warnings ——————————————————————————————————————————————————————

export const warningRules = [
  /** 就业转失业: employed last month, not this month. */
  'lostJob',
  /** 务工回流: back home from work. */
  'returned',
  /** Able and willing, idle for N months. */
  'idleAble',
  /** 零就业家庭: able, willing members and nobody employed. */
  'zeroEmploymentHousehold',
  /** Income below the line. */
  'lowIncome',
  /** Income down by more than a share from last month. */
  'incomeDrop',
  /** Not followed up for more than a quarter. */
  'notFollowedUp',
] as const;
export type WarningRule = (typeof warningRules)[number];

/** Thresholds of the warning rules: configuration with a region and validity, like deadlines. */
export interface WarningThresholds {
  idleMonths: number;
  /** Yuan per month. */
  incomeFloor: number;
  /** 0.3 = a drop of more than 30 %. */
  incomeDropShare: number;
  /** More than this many months without a follow-up. */
  followUpGapMonths: number;
}

export interface PersonUnderWatch {
  personId: number;
  householdId: number;
  labourAbility: LabourAbility;
  isLabourer: boolean;
  wantsWork: boolean;
  /** This person's follow-ups, any order; only months up to the one being checked count. */
  history: readonly FollowUpFacts[];
}

export interface RaisedWarning {
  rule: WarningRule;
  personId: number | null;
  householdId: number;
  /** Facts behind it, shown to the official (months, incomes). */
  detail: Record<string, string | number | null>;
}

/** The warnings about one person in `month`, from their follow-ups. */
export function personWarnings(
  person: PersonUnderWatch,
  month: Month,
  t: WarningThresholds,
): RaisedWarning[] {
  const history = [...person.history]
    .filter((f) => f.month <= month)
    // Months are YYYY-MM: compared as plain strings (localeCompare is slow for a province's people).
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const raise = (rule: WarningRule, detail: RaisedWarning['detail']): RaisedWarning => ({
    rule,
    personId: person.personId,
    householdId: person.householdId,
    detail,
  });
  const latest = history.at(-1);
  if (!person.isLabourer) return [];
  if (!latest || monthsBetween(latest.month, month) > t.followUpGapMonths) {
    return [raise('notFollowedUp', { lastMonth: latest?.month ?? null })];
  }
  const warnings: RaisedWarning[] = [];
  const current = latest.month === month ? latest : undefined;
  const lastMonth = addMonths(month, -1);
  const previous = history.find((f) => f.month === lastMonth);
  if (!current) return warnings;

  if (previous?.employmentStatus === 'employed' && current.employmentStatus === 'unemployed') {
    warnings.push(
      raise('lostJob', { previousForm: previous.employmentForm, reason: current.notWorkingReason }),
    );
  }
  if (current.employmentStatus === 'unemployed' && current.notWorkingReason === 'returned') {
    warnings.push(raise('returned', { previousLocation: previous?.workLocation ?? null }));
  }
  if (person.wantsWork && current.employmentStatus === 'unemployed') {
    let idle = 0;
    for (let m = month; ; m = addMonths(m, -1)) {
      const record = history.find((f) => f.month === m);
      if (record?.employmentStatus !== 'unemployed') break;
      idle++;
    }
    if (idle >= t.idleMonths) warnings.push(raise('idleAble', { idleMonths: idle }));
  }
  if (current.employmentStatus === 'employed' && current.monthlyIncome !== null) {
    if (current.monthlyIncome < t.incomeFloor) {
      warnings.push(raise('lowIncome', { income: current.monthlyIncome, floor: t.incomeFloor }));
    }
    const before = previous?.employmentStatus === 'employed' ? previous.monthlyIncome : null;
    if (before && before > 0 && (before - current.monthlyIncome) / before > t.incomeDropShare) {
      warnings.push(raise('incomeDrop', { income: current.monthlyIncome, previousIncome: before }));
    }
  }
  return warnings;
}

/** 零就业家庭 in `month`: a member able and willing to work, and nobody employed that month. */
export function householdWarnings(
  householdId: number,
  members: readonly Pick<PersonUnderWatch, 'isLabourer' | 'wantsWork' | 'history'>[],
  month: Month,
): RaisedWarning[] {
  const thisMonth = (m: (typeof members)[number]) => m.history.find((f) => f.month === month);
  const ableAndWilling = members.some((m) => m.isLabourer && m.wantsWork);
  const anyoneEmployed = members.some((m) => thisMonth(m)?.employmentStatus === 'employed');
  const anyFollowedUp = members.some((m) => thisMonth(m) !== undefined);
  if (!ableAndWilling || anyoneEmployed || !anyFollowedUp) return [];
  return [
    { rule: 'zeroEmploymentHousehold', personId: null, householdId, detail: { members: members.length } },
  ];
}

export const warningStates = ['new', 'handling', 'resolved'] as const;
export type WarningState = (typeof warningStates)[number];

/** Warnings move forward: new → handling → resolved; a resolved one may be taken up again. */
export function canMoveWarning(from: WarningState, to: WarningState): boolean {
  return (
    (from === 'new' && (to === 'handling' || to === 'resolved')) ||
    (from === 'handling' && to === 'resolved') ||
    (from === 'resolved' && to === 'handling')
  );
}

// ——— Targets ——————————————————————————————————————————————————————————————

export type BreakdownProblem = { code: 'target.childrenExceedParent'; parent: number; children: number };

/**
 * A breakdown (任务分解) like seed 001's annex: the children's targets must not add up to more than
 * the parent's. Less is allowed (part may be kept at the parent's level) and reported as the
 * undistributed remainder.
 */
export function checkBreakdown(parent: number, children: readonly number[]) {
  const sum = children.reduce((a, b) => a + b, 0);
  if (sum > parent) {
    return {
      ok: false as const,
      problem: { code: 'target.childrenExceedParent', parent, children: sum } satisfies BreakdownProblem,
    };
  }
  return { ok: true as const, undistributed: parent - sum };
}

/** Progress as officials report it: actual against target, and change from the comparison months. */
export function progress(
  actual: number,
  target: number,
  lastMonth: number | null,
  sameMonthLastYear: number | null,
) {
  return {
    actual,
    target,
    percent: target > 0 ? Math.round((actual / target) * 1000) / 10 : null,
    changeFromLastMonth: lastMonth === null ? null : actual - lastMonth,
    changeFromLastYear: sameMonthLastYear === null ? null : actual - sameMonthLastYear,
  };
}

// ——— Follow-ups from a spreadsheet (回访表导入) ————————————————————————————————————

/** What a month's follow-up records about a person's work; the columns of a follow-up sheet. */
export interface FollowUpRecord {
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  workLocation: WorkLocation | null;
  workplace: string | null;
  employer: string | null;
  employmentStart: string | null;
  monthlyIncome: number | null;
  notWorkingReason: NotWorkingReason | null;
  wantsWork: boolean;
  wantsTraining: boolean;
  organizedByCooperation: boolean;
  cooperationName: string | null;
}

export const followUpFields = [
  ...employmentFields,
  'wantsWork',
  'wantsTraining',
] as const satisfies readonly (keyof FollowUpRecord)[];

/** Facts that only hold while someone works: a sheet that says "not working" clears those it does not state. */
const whileWorking = [
  'employmentForm',
  'workLocation',
  'workplace',
  'employer',
  'employmentStart',
  'monthlyIncome',
  'cooperationName',
] as const satisfies readonly (keyof FollowUpRecord)[];

/**
 * A month's follow-up from one spreadsheet row. The row's cells win; a column the sheet lacks keeps
 * what is already known (this month's record if there is one, else the registry's current
 * employment) — except that a person the sheet reports as not working keeps no job facts, one
 * reported as working keeps no reason for not working, and one reported in another job keeps none of
 * the old job's facts. The caller checks the result with the
 * registry's employment rules.
 */
export function followUpFromSheet(stated: Partial<FollowUpRecord>, known: FollowUpRecord): FollowUpRecord {
  const merged: FollowUpRecord = { ...known };
  for (const field of followUpFields) {
    const value = stated[field];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  if (merged.employmentStatus === 'employed') {
    if (stated.notWorkingReason === undefined) merged.notWorkingReason = null;
    // Another job than the one known (status, form, place or employer differ): what the sheet does
    // not say about it is unknown, not the old job's workplace, start or income.
    const sameJob =
      known.employmentStatus === 'employed' &&
      (['employmentForm', 'workLocation', 'employer'] as const).every(
        (field) => stated[field] === undefined || stated[field] === known[field],
      );
    if (!sameJob) {
      for (const field of whileWorking) if (stated[field] === undefined) merged[field] = null;
      if (stated.organizedByCooperation === undefined) merged.organizedByCooperation = false;
    }
  } else {
    for (const field of whileWorking) if (stated[field] === undefined) merged[field] = null;
    if (stated.organizedByCooperation === undefined) merged.organizedByCooperation = false;
  }
  return merged;
}

/** Whether a follow-up says the same as another (a re-imported sheet changes nothing). */
export function sameFollowUp(a: FollowUpRecord, b: FollowUpRecord): boolean {
  return followUpFields.every((field) => {
    const x = a[field];
    const y = b[field];
    return x === y || (typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) < 0.005);
  });
}
