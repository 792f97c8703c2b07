// Months of plausible follow-ups for a demo population, and how each village reported them: jobs
// lost and found, migrant workers home for the Spring Festival and leaving again after it, incomes
// drifting, and villages that report late or not at all. Pure and deterministic (seeded).
import type { FollowUpFacts, Month, ReportStatus } from '../modules/monitoring/monitoring.rules.js';
import { addMonths } from '../modules/monitoring/monitoring.rules.js';
import type { NotWorkingReason } from '../modules/registry/registry.codes.js';
import { Rng } from './population.js';

/** What a month's follow-up says about one person's work. */
export interface JobState extends FollowUpFacts {
  workplace: string | null;
  employer: string | null;
  employmentStart: string | null;
  organizedByCooperation: boolean;
  cooperationName: string | null;
}

export interface TrackedPerson {
  id: number;
  villageCode: string;
  labourer: boolean;
  wantsWork: boolean;
  /** The person's state before the first simulated month (the registry's current snapshot). */
  start: Omit<JobState, 'month'>;
}

/** Monthly chances of change, with the Spring Festival season (January home, February–March out). */
function chances(month: Month) {
  const calendarMonth = Number(month.slice(5));
  return {
    migrantReturns: calendarMonth === 1 ? 0.25 : calendarMonth === 12 ? 0.08 : 0.015,
    loseJob: 0.02,
    findJob: calendarMonth === 2 || calendarMonth === 3 ? 0.3 : 0.08,
  };
}

/**
 * Simulates `months` (oldest first) for every person and yields each month's states. People
 * without labour ability keep their state; a job found is a copy of the job of another employed
 * person in the same village, so forms, places and pay keep the village's mix.
 */
export function* simulateFollowUps(
  people: readonly TrackedPerson[],
  months: readonly Month[],
  seed: number,
): Generator<{ month: Month; states: Map<number, JobState> }> {
  const rng = new Rng(seed, 7);
  let current = new Map(people.map((p) => [p.id, { ...p.start, month: months[0] ?? '' } as JobState]));
  const byVillage = new Map<string, TrackedPerson[]>();
  for (const p of people) {
    const residents = byVillage.get(p.villageCode);
    if (residents) residents.push(p);
    else byVillage.set(p.villageCode, [p]);
  }

  for (const month of months) {
    const odds = chances(month);
    const next = new Map<number, JobState>();
    for (const residents of byVillage.values()) {
      const jobs = residents
        .map((r) => current.get(r.id))
        .filter((s): s is JobState => s?.employmentStatus === 'employed');
      for (const person of residents) {
        const state = { ...(current.get(person.id) as JobState), month };
        next.set(person.id, state);
        if (!person.labourer) continue;
        if (state.employmentStatus === 'employed') {
          const migrant = state.employmentForm === 'migrantWork';
          if (migrant && rng.chance(odds.migrantReturns)) next.set(person.id, notWorking(month, 'returned'));
          else if (rng.chance(odds.loseJob))
            next.set(person.id, notWorking(month, rng.chance(0.7) ? 'idle' : 'caringForFamily'));
          else if (state.monthlyIncome !== null) {
            state.monthlyIncome = Math.max(0, Math.round(state.monthlyIncome * (0.95 + rng.next() * 0.1)));
          }
        } else if (person.wantsWork && jobs.length > 0 && rng.chance(odds.findJob)) {
          const job = rng.pick(jobs);
          next.set(person.id, { ...job, month, employmentStart: `${month}-01`, notWorkingReason: null });
        }
      }
    }
    current = next;
    yield { month, states: next };
  }
}

function notWorking(month: Month, reason: NotWorkingReason): JobState {
  return {
    month,
    employmentStatus: 'unemployed',
    employmentForm: null,
    workLocation: null,
    workplace: null,
    employer: null,
    employmentStart: null,
    monthlyIncome: null,
    notWorkingReason: reason,
    organizedByCooperation: false,
    cooperationName: null,
  };
}

export interface VillageMonthHistory {
  villageCode: string;
  month: Month;
  status: ReportStatus;
  /** China local dates. */
  submittedOn: string | null;
  reviewedOn: string | null;
  returnReason: string | null;
}

/**
 * How villages reported each month: most submit by the 15th and are accepted by the 25th, some are
 * late, a few were returned once; in the latest month some have not reported yet. Months after
 * `today` are not reported.
 */
export function villageReporting(
  villageCodes: readonly string[],
  months: readonly Month[],
  today: string,
  seed: number,
): VillageMonthHistory[] {
  const rng = new Rng(seed, 11);
  const latest = months.at(-1);
  const rows: VillageMonthHistory[] = [];
  for (const villageCode of villageCodes) {
    // Some villages are habitually late.
    const lateness = rng.chance(0.15) ? 0.5 : 0.08;
    for (const month of months) {
      const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
      const submitDay = rng.chance(lateness) ? rng.int(16, 24) : rng.int(5, 15);
      const submittedOn = day(submitDay);
      if (submittedOn > today || (month === latest && rng.chance(0.12))) {
        rows.push({
          villageCode,
          month,
          status: 'open',
          submittedOn: null,
          reviewedOn: null,
          returnReason: null,
        });
        continue;
      }
      const reviewedOn = day(Math.min(28, submitDay + rng.int(1, 6)));
      if (reviewedOn > today) {
        rows.push({
          villageCode,
          month,
          status: 'submitted',
          submittedOn,
          reviewedOn: null,
          returnReason: null,
        });
      } else if (month === latest && rng.chance(0.05)) {
        rows.push({
          villageCode,
          month,
          status: 'returned',
          submittedOn,
          reviewedOn,
          returnReason: '部分人员收入未填写，请补充后重新报送',
        });
      } else {
        rows.push({ villageCode, month, status: 'accepted', submittedOn, reviewedOn, returnReason: null });
      }
    }
  }
  return rows;
}

/** The `count` months ending with the month of `today`, oldest first. */
export function monthsUpTo(today: string, count: number): Month[] {
  const last = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}
