// Everything a demo installation gets, in order: a population over Tongliao's villages, months of
// follow-ups with their reporting history, seed 001's targets, the warnings those months raise.
import type { Database } from '../db/database.js';
import { systemActor } from '../modules/access/scope.js';
import { addMonths } from '../modules/monitoring/monitoring.rules.js';
import type { Services } from '../server/context.js';
import { localDay } from '../shared/dates.js';
import { demoCityCode, loadDemoKeyCounties, loadDemoPopulation } from './demo.loader.js';
import { loadDemoMonitoring, loadDemoTargets } from './demo.monitoring.js';

export interface DemoOptions {
  households: number;
  seed: number;
  /** Months of follow-up history, ending with the current month. */
  months: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export async function loadDemo(database: Database, services: Services, options: DemoOptions) {
  const today = localDay(new Date());
  const population = await loadDemoPopulation(database, {
    households: options.households,
    seed: options.seed,
    regionCode: demoCityCode,
    today,
    onProgress: (done, total) => options.onProgress?.('population', done, total),
  });
  await loadDemoKeyCounties(database);
  const monitoring = await loadDemoMonitoring(database, {
    months: options.months,
    seed: options.seed,
    regionCode: demoCityCode,
    today,
    onProgress: (done, total) => options.onProgress?.('monitoring', done, total),
  });
  await loadDemoTargets(services, Number(today.slice(0, 4)));
  const month = today.slice(0, 7);
  for (const m of [addMonths(month, -1), month]) {
    await services.monitoring.computeWarnings(systemActor(), demoCityCode, m);
  }
  return { ...population, followUps: monitoring.followUps, months: monitoring.months };
}
