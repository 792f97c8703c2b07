import { describe, expect, it } from 'vitest';
import { monthsUpTo, simulateFollowUps, type TrackedPerson, villageReporting } from './monitoring-history.js';

const migrant = (id: number, labourer = true): TrackedPerson => ({
  id,
  villageCode: '150521100200',
  labourer,
  wantsWork: true,
  start: {
    employmentStatus: 'employed',
    employmentForm: 'migrantWork',
    workLocation: 'outOfProvince',
    workplace: '广东省东莞市',
    employer: '东莞市某电子厂',
    employmentStart: '2024-03-01',
    monthlyIncome: 5000,
    notWorkingReason: null,
    organizedByCooperation: false,
    cooperationName: null,
  },
});

describe('simulated follow-ups', () => {
  const people = Array.from({ length: 400 }, (_, i) => migrant(i + 1));
  const months = monthsUpTo('2026-11-23', 14);

  it('lists the months up to today, oldest first', () => {
    expect(months[0]).toBe('2025-10');
    expect(months.at(-1)).toBe('2026-11');
  });

  it('is deterministic for a seed', () => {
    const run = (seed: number) =>
      [...simulateFollowUps(people, months, seed)].map((m) => [...m.states.values()]);
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('brings migrant workers home for the Spring Festival, as returned, and sends many out again by March', () => {
    const byMonth = new Map(
      [...simulateFollowUps(people, months, 1)].map((m) => [m.month, [...m.states.values()]]),
    );
    const home = (m: string) =>
      (byMonth.get(m) ?? []).filter((s) => s.notWorkingReason === 'returned').length;
    expect(home('2026-01')).toBeGreaterThan(home('2025-11') + 40);
    expect(home('2026-03')).toBeLessThan(home('2026-01'));
    for (const state of byMonth.get('2026-01') ?? []) {
      if (state.employmentStatus === 'unemployed') expect(state.employer).toBeNull();
    }
  });

  it('leaves people without labour ability as they were', () => {
    const states = [...simulateFollowUps([migrant(1, false)], months, 1)].map(
      (m) => m.states.get(1)?.employmentStatus,
    );
    expect(new Set(states)).toEqual(new Set(['employed']));
  });
});

describe('village reporting history', () => {
  const villages = Array.from({ length: 200 }, (_, i) => `1505211002${String(i).padStart(2, '0')}`);
  const months = monthsUpTo('2026-11-23', 3);
  const rows = villageReporting(villages, months, '2026-11-23', 9);

  it('has one row per village and month, never submitted after today', () => {
    expect(rows).toHaveLength(600);
    expect(rows.every((r) => r.submittedOn === null || r.submittedOn <= '2026-11-23')).toBe(true);
  });

  it('accepts earlier months and leaves some villages of the latest month unreported, some late', () => {
    const earlier = rows.filter((r) => r.month === '2026-09');
    expect(earlier.every((r) => r.status === 'accepted')).toBe(true);
    const latest = rows.filter((r) => r.month === '2026-11');
    expect(latest.filter((r) => r.status === 'open').length).toBeGreaterThan(5);
    const late = rows.filter((r) => r.submittedOn && r.submittedOn.slice(8) > '15');
    expect(late.length).toBeGreaterThan(10);
  });
});
