// Loads months of demo monitoring over the demo population: follow-ups, how villages reported
// them, the registry brought up to the latest accepted month, seed 001's targets, and warnings.
// One county at a time, so memory stays bounded at province scale.
import { sql } from 'kysely';
import type { CopyRow } from '../db/copy-text.js';
import type { Database } from '../db/database.js';
import { RegionScope, systemActor } from '../modules/access/scope.js';
import { monitoringRepository } from '../modules/monitoring/monitoring.repository.js';
import { followUpFields } from '../modules/monitoring/monitoring.rules.js';
import { scopePrefix } from '../modules/regions/regions.rules.js';
import { isLabourer } from '../modules/registry/registry.rules.js';
import type { PersonRow } from '../modules/registry/registry.tables.js';
import { settleRegionFigures } from '../modules/stats/stats.repository.js';
import type { Services } from '../server/context.js';
import { localDay } from '../shared/dates.js';
import {
  type JobState,
  monthsUpTo,
  simulateFollowUps,
  type TrackedPerson,
  villageReporting,
} from './monitoring-history.js';

const followUpColumns = [
  'month',
  'personId',
  'householdId',
  'villageCode',
  ...followUpFields,
  'labourer',
  'relocated',
] as const;

export interface DemoMonitoringOptions {
  months: number;
  seed: number;
  regionCode: string;
  today?: string;
  onProgress?: (done: number, total: number) => void;
}

export async function loadDemoMonitoring(database: Database, options: DemoMonitoringOptions) {
  const today = options.today ?? localDay(new Date());
  const months = monthsUpTo(today, options.months);
  const counties = await database.db
    .selectFrom('regions')
    .select('code')
    .where('level', '=', 3)
    .where('code', 'like', `${scopePrefix(options.regionCode)}%`)
    .orderBy('code')
    .execute();
  let followUps = 0;
  let done = 0;
  for (const county of counties) {
    const people = await database.db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .selectAll('persons')
      .select('households.relocation')
      .where('persons.villageCode', 'like', `${county.code.slice(0, 6)}%`)
      .where('persons.deletedAt', 'is', null)
      .execute();
    done++;
    if (people.length === 0) {
      options.onProgress?.(done, counties.length);
      continue;
    }
    const villages = [...new Set(people.map((p) => p.villageCode))].sort();
    const reporting = villageReporting(
      villages,
      months,
      today,
      options.seed + Number(county.code.slice(0, 6)),
    );
    const reported = new Set(
      reporting.filter((r) => r.status !== 'open').map((r) => `${r.villageCode}:${r.month}`),
    );
    const tracked = people.map((p) => track(p, today));
    const byId = new Map(people.map((p) => [p.id, p]));
    // Streamed into COPY month by month as simulated: a county's 24 months are millions of rows at
    // province scale, never held in memory at once.
    function* rows(): Generator<CopyRow> {
      for (const { month, states } of simulateFollowUps(tracked, months, options.seed)) {
        for (const [personId, state] of states) {
          const person = byId.get(personId) as (typeof people)[number];
          if (!reported.has(`${person.villageCode}:${month}`)) continue;
          yield followUpRow(person, state, isLabourer(person, today));
        }
      }
    }
    await database.bulkLoad(async (loader) => {
      followUps += await loader.copy('followUps', followUpColumns, rows());
      await loader.copy(
        'villageMonths',
        ['villageCode', 'month', 'status', 'submittedAt', 'reviewedAt', 'returnReason'],
        reporting.map((r) => [
          r.villageCode,
          r.month,
          r.status,
          r.submittedOn && `${r.submittedOn}T10:00:00+08:00`,
          r.reviewedOn && `${r.reviewedOn}T16:00:00+08:00`,
          r.returnReason,
        ]),
      );
    });
    await monitoringRepository(database.db, RegionScope.everything()).refreshFigures(
      RegionScope.of(county.code),
      months,
    );
    options.onProgress?.(done, counties.length);
  }
  // Every region's sums now, rather than on the first statistics page someone opens.
  await settleRegionFigures(database.db, months);
  await bringRegistryToLatestAcceptedMonth(database);
  return { months: months.length, followUps };
}

function track(p: PersonRow & { relocation: string }, today: string): TrackedPerson {
  return {
    id: p.id,
    villageCode: p.villageCode,
    labourer: isLabourer(p, today),
    wantsWork: p.wantsWork,
    start: {
      employmentStatus: p.employmentStatus,
      employmentForm: p.employmentForm,
      workLocation: p.workLocation,
      workplace: p.workplace,
      employer: p.employer,
      employmentStart: p.employmentStart,
      monthlyIncome: p.monthlyIncome,
      notWorkingReason: p.notWorkingReason,
      organizedByCooperation: p.organizedByCooperation,
      cooperationName: p.cooperationName,
    },
  };
}

function followUpRow(p: PersonRow & { relocation: string }, s: JobState, labourer: boolean): CopyRow {
  // Work wishes are the person's; the rest of the record is the simulated month's.
  const record = { ...s, wantsWork: p.wantsWork, wantsTraining: p.wantsTraining };
  return [
    s.month,
    p.id,
    p.householdId,
    p.villageCode,
    ...followUpFields.map((field) => record[field]),
    labourer,
    p.relocation !== 'none',
  ];
}

/** The registry's current employment is each person's record of their village's latest accepted month. */
async function bringRegistryToLatestAcceptedMonth(database: Database) {
  await sql`
    update persons p set
      employment_status = f.employment_status, employment_form = f.employment_form,
      work_location = f.work_location, workplace = f.workplace, employer = f.employer,
      employment_start = f.employment_start, monthly_income = f.monthly_income,
      not_working_reason = f.not_working_reason, organized_by_cooperation = f.organized_by_cooperation,
      cooperation_name = f.cooperation_name
    from (
      select distinct on (f.person_id) f.*
      from follow_ups f
      join village_months vm on vm.village_code = f.village_code and vm.month = f.month and vm.status = 'accepted'
      order by f.person_id, f.month desc
    ) f
    where f.person_id = p.id`.execute(database.db);
}

/**
 * Seed 001's targets for Tongliao, set for the current year so the demo shows progress against them:
 * 37,500 people in work, 7,000 of them through Beijing–Inner Mongolia cooperation, and the annex's
 * breakdown of 1,000 relocated people in work.
 */
export async function loadDemoTargets(services: Services, year: number) {
  const source = '演示：按通辽市2022年就业帮扶目标任务（含附件任务分解表）设置';
  const actor = systemActor();
  await services.monitoring.setTargets(actor, {
    year,
    measure: 'employed',
    region: '通辽市',
    value: 37_500,
    children: [],
    source,
  });
  await services.monitoring.setTargets(actor, {
    year,
    measure: 'cooperationEmployed',
    cooperationName: '京蒙',
    region: '通辽市',
    value: 7_000,
    children: [],
    source,
  });
  await services.monitoring.setTargets(actor, {
    year,
    measure: 'relocatedEmployed',
    region: '通辽市',
    value: 1_000,
    children: [
      { region: '科左中旗', value: 400 },
      { region: '开鲁县', value: 20 },
      { region: '库伦旗', value: 30 },
      { region: '奈曼旗', value: 400 },
      { region: '扎鲁特旗', value: 150 },
    ],
    source,
  });
}
