// The figures officials report for a region, with one row per child region for drill-down: the
// current state from the registry (home page), and a month's figures from its follow-ups with
// month-over-month and year-over-year comparison, open warnings and reporting completeness.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDay } from '../../shared/dates.js';
import { AppError } from '../../shared/errors.js';
import { can } from '../access/access.rules.js';
import type { Actor } from '../access/scope.js';
import { addMonths, type Month } from '../monitoring/monitoring.rules.js';
import type { monitoringService } from '../monitoring/monitoring.service.js';
import { type Region, regionsRepository } from '../regions/regions.repository.js';
import { regionLevel } from '../regions/regions.rules.js';
import { statsRepository } from './stats.repository.js';
import { emptyFigures, type RegionFigures, sumFigures, summarize } from './stats.rules.js';

const childPrefixLength = { province: 4, city: 6, county: 9, town: 12, village: 12 } as const;

type Reporting = Pick<ReturnType<typeof monitoringService>, 'reporting'>;

export function statsService(db: Kysely<DB>, now: () => Date, monitoring: Reporting) {
  async function regionOf(actor: Actor, regionCode: string | undefined) {
    if (!can(actor.role, 'registry.read')) throw new AppError('auth.forbidden');
    const region = await regionsRepository(db).get(regionCode ?? actor.scope.regionCode ?? '');
    if (!region) throw new AppError('notFound');
    if (!actor.scope.covers(region.code))
      throw new AppError('region.outOfScope', { params: { region: region.name } });
    const level = regionLevel(region.code);
    const children = level === 'village' ? [] : await regionsRepository(db).children(region.code);
    return {
      region,
      area: actor.scope.narrowTo(region.code),
      prefixLength: childPrefixLength[level],
      children,
    };
  }

  const present = (region: Region) => ({ code: region.code, name: region.name, level: region.level });

  return {
    async regionSummary(actor: Actor, regionCode: string | undefined) {
      const { region, area, prefixLength, children } = await regionOf(actor, regionCode);
      const today = localDay(now());
      const repository = statsRepository(db, actor.scope);
      const [persons, households] = await Promise.all([
        repository.personGroups(area, prefixLength, today),
        repository.householdGroups(area, prefixLength, today),
      ]);
      const summary = summarize(persons, households);
      return {
        region: present(region),
        asOf: today,
        ...summary.total,
        children: children.map((c) => ({
          region: present(c),
          ...(summary.children.get(c.code.slice(0, prefixLength)) ?? emptyFigures()),
        })),
      };
    },

    /** A month's figures from its follow-ups, compared with last month and the same month last year. */
    async monthly(actor: Actor, regionCode: string | undefined, month: Month) {
      const { region, area, prefixLength, children } = await regionOf(actor, regionCode);
      const repository = statsRepository(db, actor.scope);
      const figuresOf = async (m: Month) => {
        const children = await repository.monthlyFigures(area, m, prefixLength);
        return { total: sumFigures(children.values()), children };
      };
      const [current, lastMonth, lastYear, warnings, reporting] = await Promise.all([
        figuresOf(month),
        figuresOf(addMonths(month, -1)),
        figuresOf(addMonths(month, -12)),
        repository.openWarnings(area, month, prefixLength),
        monitoring.reporting(actor, region.code, month),
      ]);
      const change = (a: RegionFigures, b: RegionFigures) =>
        b.persons === 0 ? null : { employed: a.employed - b.employed, labourers: a.labourers - b.labourers };
      const reportingOf = (code: string) => {
        const row = reporting.children.find((c) => c.region.code === code);
        return row
          ? {
              expected: row.expected,
              submitted: row.submitted,
              onTime: row.onTime,
              reportingRate: row.reportingRate,
              onTimeRate: row.onTimeRate,
            }
          : null;
      };
      return {
        region: present(region),
        month,
        ...current.total,
        warningsOpen: [...warnings.values()].reduce((a, b) => a + b, 0),
        reporting: {
          expected: reporting.expected,
          submitted: reporting.submitted,
          onTime: reporting.onTime,
          reportingRate: reporting.reportingRate,
          onTimeRate: reporting.onTimeRate,
        },
        changeFromLastMonth: change(current.total, lastMonth.total),
        changeFromLastYear: change(current.total, lastYear.total),
        children: children.map((c) => {
          const key = c.code.slice(0, prefixLength);
          const figures = current.children.get(key) ?? emptyFigures();
          return {
            region: present(c),
            ...figures,
            warningsOpen: warnings.get(key) ?? 0,
            reporting: reportingOf(c.code),
            changeFromLastMonth: change(figures, lastMonth.children.get(key) ?? emptyFigures()),
            changeFromLastYear: change(figures, lastYear.children.get(key) ?? emptyFigures()),
          };
        }),
      };
    },
  };
}
