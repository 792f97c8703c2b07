import { describe, expect, it } from 'vitest';
import { scopePrefix } from '../regions/regions.rules.js';
import {
  addMonths,
  applyReportAction,
  canMoveWarning,
  canRecordFollowUps,
  checkBreakdown,
  checkPolicyPeriod,
  deadlines,
  type FollowUpFacts,
  type FollowUpRecord,
  followUpFromSheet,
  householdWarnings,
  isMonth,
  monthsBetween,
  type PersonUnderWatch,
  personWarnings,
  policyFor,
  progress,
  type ReportingPolicy,
  sameFollowUp,
  timeliness,
  type WarningThresholds,
} from './monitoring.rules.js';

describe('months', () => {
  it.each([
    ['2026-01', -1, '2025-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-03', -14, '2025-01'],
    ['2026-03', 0, '2026-03'],
  ])('%s %+d → %s', (month, delta, expected) => {
    expect(addMonths(month, delta)).toBe(expected);
  });
  it('counts months between', () => {
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
  });
  it.each([
    ['2026-11', true],
    ['2026-13', false],
    ['2026-1', false],
    ['1999-05', false],
  ])('isMonth(%s) = %s', (text, ok) => expect(isMonth(text)).toBe(ok));
});

describe('deadlines are policy data', () => {
  const policies: ReportingPolicy[] = [
    { regionCode: null, validFrom: '2000-01-01', validTo: null, villageSubmitDay: 15, townReviewDay: 25 },
    {
      regionCode: '150521000000',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      villageSubmitDay: 10,
      townReviewDay: 20,
    },
  ];
  it('takes the most specific policy valid on the day', () => {
    expect(policyFor(policies, '150521100200', '2026-06-01', scopePrefix)?.villageSubmitDay).toBe(10);
    expect(policyFor(policies, '150521100200', '2027-01-05', scopePrefix)?.villageSubmitDay).toBe(15);
    expect(policyFor(policies, '360102001001', '2026-06-01', scopePrefix)?.villageSubmitDay).toBe(15);
  });
  it('puts the days in the month, clamping to its end', () => {
    expect(deadlines('2026-02', { villageSubmitDay: 15, townReviewDay: 31 })).toEqual({
      submitBy: '2026-02-15',
      reviewBy: '2026-02-28',
    });
  });
});

describe('the workflow of a village month', () => {
  it.each([
    ['open', 'submit', 'village', null, 'submitted'],
    ['returned', 'submit', 'village', null, 'submitted'],
    ['submitted', 'accept', 'town', null, 'accepted'],
    ['submitted', 'return', 'town', '就业单位填写不全', 'returned'],
    ['submitted', 'accept', 'county', null, 'accepted'],
    ['accepted', 'reopen', 'county', '核查发现错报', 'open'],
  ] as const)('%s --%s by %s--> %s', (from, action, level, reason, to) => {
    expect(applyReportAction(from, action, level, reason)).toEqual({ ok: true, status: to });
  });

  it.each([
    ['submitted', 'submit', 'village', null, 'workflow.notAllowedInStatus'],
    ['accepted', 'submit', 'village', null, 'workflow.notAllowedInStatus'],
    ['submitted', 'accept', 'village', null, 'workflow.levelTooLow'],
    ['submitted', 'return', 'town', '  ', 'workflow.reasonRequired'],
    ['accepted', 'reopen', 'town', '原因', 'workflow.levelTooLow'],
    ['accepted', 'reopen', 'county', null, 'workflow.reasonRequired'],
    ['open', 'accept', 'county', null, 'workflow.notAllowedInStatus'],
  ] as const)('refuses %s --%s by %s', (from, action, level, reason, code) => {
    expect(applyReportAction(from, action, level, reason)).toEqual({ ok: false, code });
  });

  it('lets follow-ups be written only while the village works on the month', () => {
    expect(canRecordFollowUps('open')).toBe(true);
    expect(canRecordFollowUps('returned')).toBe(true);
    expect(canRecordFollowUps('submitted')).toBe(false);
    expect(canRecordFollowUps('accepted')).toBe(false);
  });

  it.each([
    ['2026-11-14', '2026-11-15', '2026-11-20', 'onTime'],
    ['2026-11-15', '2026-11-15', '2026-11-20', 'onTime'],
    ['2026-11-16', '2026-11-15', '2026-11-20', 'late'],
    [null, '2026-11-15', '2026-11-16', 'missing'],
    [null, '2026-11-15', '2026-11-15', 'pending'],
  ] as const)('submitted %s, due %s, today %s → %s', (submitted, due, today, expected) => {
    expect(timeliness(submitted, due, today)).toBe(expected);
  });
});

describe('early warnings', () => {
  const t: WarningThresholds = {
    idleMonths: 3,
    incomeFloor: 1000,
    incomeDropShare: 0.3,
    followUpGapMonths: 3,
  };
  const employed = (month: string, income = 3000): FollowUpFacts => ({
    month,
    employmentStatus: 'employed',
    employmentForm: 'migrantWork',
    workLocation: 'outOfProvince',
    monthlyIncome: income,
    notWorkingReason: null,
  });
  const idle = (month: string, reason: FollowUpFacts['notWorkingReason'] = 'idle'): FollowUpFacts => ({
    month,
    employmentStatus: 'unemployed',
    employmentForm: null,
    workLocation: null,
    monthlyIncome: null,
    notWorkingReason: reason,
  });
  const person = (history: FollowUpFacts[], extra: Partial<PersonUnderWatch> = {}): PersonUnderWatch => ({
    personId: 1,
    householdId: 10,
    labourAbility: 'ordinary',
    isLabourer: true,
    wantsWork: true,
    history,
    ...extra,
  });
  const rules = (p: PersonUnderWatch, month = '2026-11') => personWarnings(p, month, t).map((w) => w.rule);

  it('raises lostJob and returned when a migrant worker comes home', () => {
    expect(rules(person([employed('2026-10'), idle('2026-11', 'returned')]))).toEqual([
      'lostJob',
      'returned',
    ]);
  });
  it('raises nothing for steady work', () => {
    expect(rules(person([employed('2026-09'), employed('2026-10'), employed('2026-11')]))).toEqual([]);
  });
  it('raises idleAble after N idle months for the able and willing only', () => {
    const history = [idle('2026-09'), idle('2026-10'), idle('2026-11')];
    expect(rules(person(history))).toEqual(['idleAble']);
    expect(rules(person(history.slice(1)))).toEqual([]);
    expect(rules(person(history, { wantsWork: false }))).toEqual([]);
  });
  it('raises lowIncome below the line and incomeDrop on a fall of more than the share', () => {
    expect(rules(person([employed('2026-11', 800)]))).toEqual(['lowIncome']);
    expect(rules(person([employed('2026-10', 5000), employed('2026-11', 3000)]))).toEqual(['incomeDrop']);
    expect(rules(person([employed('2026-10', 5000), employed('2026-11', 4000)]))).toEqual([]);
  });
  it('raises notFollowedUp after more than a quarter without a record, and for never followed up', () => {
    expect(rules(person([employed('2026-07')]))).toEqual(['notFollowedUp']);
    expect(rules(person([employed('2026-08')]))).toEqual([]);
    expect(rules(person([]))).toEqual(['notFollowedUp']);
  });
  it('ignores people who are not labourers and records after the month checked', () => {
    expect(rules(person([employed('2026-10'), idle('2026-11')], { isLabourer: false }))).toEqual([]);
    expect(rules(person([employed('2026-10'), idle('2026-12')]), '2026-11')).toEqual([]);
  });

  it('flags a zero-employment household only with an able, willing member and nobody employed', () => {
    const able = { isLabourer: true, wantsWork: true, history: [idle('2026-11')] };
    const elder = { isLabourer: false, wantsWork: false, history: [idle('2026-11', 'unable')] };
    expect(householdWarnings(10, [able, elder], '2026-11').map((w) => w.rule)).toEqual([
      'zeroEmploymentHousehold',
    ]);
    expect(householdWarnings(10, [able, { ...elder, history: [employed('2026-11')] }], '2026-11')).toEqual(
      [],
    );
    expect(householdWarnings(10, [{ ...able, wantsWork: false }, elder], '2026-11')).toEqual([]);
    expect(householdWarnings(10, [{ ...able, history: [] }], '2026-11')).toEqual([]);
  });

  it('moves warning states forward only', () => {
    expect(canMoveWarning('new', 'handling')).toBe(true);
    expect(canMoveWarning('handling', 'resolved')).toBe(true);
    expect(canMoveWarning('resolved', 'new')).toBe(false);
    expect(canMoveWarning('handling', 'new')).toBe(false);
  });
});

describe('targets', () => {
  it("accepts seed 001's annex: 全市 1000 = 400 + 20 + 30 + 400 + 150", () => {
    expect(checkBreakdown(1000, [400, 20, 30, 400, 150])).toEqual({ ok: true, undistributed: 0 });
  });
  it('reports the undistributed remainder and refuses children over the parent', () => {
    expect(checkBreakdown(1000, [400, 400])).toEqual({ ok: true, undistributed: 200 });
    expect(checkBreakdown(1000, [600, 401])).toEqual({
      ok: false,
      problem: { code: 'target.childrenExceedParent', parent: 1000, children: 1001 },
    });
  });
  it('computes progress and changes', () => {
    expect(progress(750, 1000, 700, 600)).toEqual({
      actual: 750,
      target: 1000,
      percent: 75,
      changeFromLastMonth: 50,
      changeFromLastYear: 150,
    });
    expect(progress(5, 0, null, null).percent).toBeNull();
  });
});

describe('policy periods', () => {
  it('needs the town review on or after the village deadline and a period that does not end before it starts', () => {
    expect(
      checkPolicyPeriod({ validFrom: '2026-01-01', validTo: null, villageSubmitDay: 15, townReviewDay: 25 }),
    ).toEqual([]);
    expect(
      checkPolicyPeriod({
        validFrom: '2026-01-01',
        validTo: '2025-12-31',
        villageSubmitDay: 20,
        townReviewDay: 10,
      }),
    ).toEqual([
      { field: 'townReviewDay', code: 'policy.reviewBeforeSubmit' },
      { field: 'validTo', code: 'policy.endsBeforeStart' },
    ]);
  });
});

describe('a follow-up from a spreadsheet row', () => {
  const working: FollowUpRecord = {
    employmentStatus: 'employed',
    employmentForm: 'migrantWork',
    workLocation: 'outOfProvince',
    workplace: '北京市大兴区',
    employer: '北京某物流有限公司',
    employmentStart: '2022-06-01',
    monthlyIncome: 4500,
    notWorkingReason: null,
    wantsWork: true,
    wantsTraining: false,
    organizedByCooperation: true,
    cooperationName: '京蒙协作',
  };

  it("takes the row's cells and keeps what is known for the columns the sheet lacks", () => {
    expect(followUpFromSheet({ employmentStatus: 'employed', monthlyIncome: 4800 }, working)).toEqual({
      ...working,
      monthlyIncome: 4800,
    });
  });

  it('keeps no job facts for someone the sheet reports as not working', () => {
    expect(
      followUpFromSheet(
        { employmentStatus: 'unemployed', notWorkingReason: 'returned', employer: null },
        working,
      ),
    ).toEqual({
      ...working,
      employmentStatus: 'unemployed',
      employmentForm: null,
      workLocation: null,
      workplace: null,
      employer: null,
      employmentStart: null,
      monthlyIncome: null,
      notWorkingReason: 'returned',
      organizedByCooperation: false,
      cooperationName: null,
    });
  });

  it('keeps what the sheet states even when it contradicts (the employment rules report it)', () => {
    const merged = followUpFromSheet({ employmentStatus: 'unemployed', employer: '某建筑公司' }, working);
    expect(merged.employer).toBe('某建筑公司');
    expect(merged.employmentForm).toBeNull();
  });

  it('drops the reason for not working when the sheet reports work', () => {
    const idle: FollowUpRecord = {
      ...working,
      employmentStatus: 'unemployed',
      employmentForm: null,
      workLocation: null,
      notWorkingReason: 'idle',
    };
    const merged = followUpFromSheet(
      { employmentStatus: 'employed', employmentForm: 'farming', workLocation: 'inCounty' },
      idle,
    );
    expect(merged.notWorkingReason).toBeNull();
    expect(merged.employmentForm).toBe('farming');
  });

  it("keeps none of the old job's facts for someone the sheet reports in another job", () => {
    const merged = followUpFromSheet(
      { employmentStatus: 'employed', employmentForm: 'publicWelfarePost', workLocation: 'inCounty' },
      working,
    );
    expect(merged).toMatchObject({
      employmentForm: 'publicWelfarePost',
      workLocation: 'inCounty',
      workplace: null,
      employer: null,
      employmentStart: null,
      monthlyIncome: null,
      organizedByCooperation: false,
      cooperationName: null,
    });
  });

  it('tells an unchanged record from a changed one, incomes compared to the fen', () => {
    expect(sameFollowUp(working, { ...working })).toBe(true);
    expect(sameFollowUp(working, { ...working, monthlyIncome: 4500.001 })).toBe(true);
    expect(sameFollowUp(working, { ...working, monthlyIncome: 4500.5 })).toBe(false);
    expect(sameFollowUp(working, { ...working, employer: '别的公司' })).toBe(false);
  });
});
