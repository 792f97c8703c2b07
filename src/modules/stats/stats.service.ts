// The figures officials report for a region, with one row per child region for drill-down: the
// current state from the registry (home page), and a month's figures from its follow-ups with
// month-over-month and year-over-year comparison, open warnings and reporting completeness.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { localDay } from '../../shared/dates.js';
import { AppError } from '../../shared/errors.js';
import type { Language } from '../../shared/i18n.js';
import { can } from '../access/access.rules.js';
import { recordAudit } from '../access/audit.js';
import type { Actor } from '../access/scope.js';
import { addMonths, type Month, monthOfDay } from '../monitoring/monitoring.rules.js';
import type { monitoringService } from '../monitoring/monitoring.service.js';
import { type Region, regionsRepository, regionWithin } from '../regions/regions.repository.js';
import { childPrefixLength, regionLevel } from '../regions/regions.rules.js';
import { monthPeopleLabel } from './stats.codes.js';
import type {
  MonthPeopleFilter,
  MonthPeopleQuery,
  RegionMonthQuery,
  WarningsExportQuery,
} from './stats.dto.js';
import {
  monthlyTable,
  monthPeopleTable,
  progressTable,
  reportingTable,
  warningsTable,
} from './stats.export.js';
import { presentMonthPerson } from './stats.presenter.js';
import { statsRepository } from './stats.repository.js';
import { emptyFigures, emptyTotals, type RegionFigures, sumFigures, summarize } from './stats.rules.js';

type Monitoring = Pick<
  ReturnType<typeof monitoringService>,
  'reporting' | 'reportingFigures' | 'targetProgress' | 'warnings'
>;

/** Warnings in one export at most: a county's month has hundreds. */
const maxExportedWarnings = 50_000;

export function statsService(db: Kysely<DB>, now: () => Date, monitoring: Monitoring) {
  /** The region asked for (the caller's own by default), within the caller's scope, and its subtree. */
  async function regionArea(actor: Actor, regionCode: string | undefined) {
    if (!can(actor.role, 'registry.read')) throw new AppError('auth.forbidden');
    const { region, scope: area } = await regionWithin(db, actor.scope, regionCode);
    return { region, area };
  }

  /** The same with the region's children, for figures broken down one level below. */
  async function regionWithChildren(actor: Actor, regionCode: string | undefined) {
    const { region, area } = await regionArea(actor, regionCode);
    const level = regionLevel(region.code);
    const children = level === 'village' ? [] : await regionsRepository(db).children(region.code);
    return { region, area, prefixLength: childPrefixLength(level), children };
  }

  const present = (region: Region) => ({ code: region.code, name: region.name, level: region.level });

  /** Full ID numbers only for roles that may reveal them; such an export is an audited read. */
  const revealFor = (actor: Actor, unmasked: boolean | undefined) => {
    if (unmasked && !can(actor.role, 'pii.reveal')) throw new AppError('auth.forbidden');
    return unmasked === true;
  };

  const service = {
    async regionSummary(actor: Actor, regionCode: string | undefined) {
      const { region, area, prefixLength, children } = await regionWithChildren(actor, regionCode);
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
      const { region, area, prefixLength, children } = await regionWithChildren(actor, regionCode);
      const repository = statsRepository(db, actor.scope);
      const compared = [month, addMonths(month, -1), addMonths(month, -12)] as const;
      const [byMonth, warnings, reporting] = await Promise.all([
        repository.monthlyFigures(area, compared),
        repository.openWarnings(area, month, prefixLength),
        monitoring.reportingFigures(actor, region.code, month),
      ]);
      const figuresOf = (m: Month) => {
        const children = byMonth.get(m) ?? new Map<string, RegionFigures>();
        return { total: sumFigures(children.values()), children };
      };
      const [current, lastMonth, lastYear] = compared.map(figuresOf) as [
        ReturnType<typeof figuresOf>,
        ReturnType<typeof figuresOf>,
        ReturnType<typeof figuresOf>,
      ];
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
        /** The whole figures of the comparison months (null when nothing was recorded then). */
        lastMonth: lastMonth.total.persons === 0 ? null : lastMonth.total,
        sameMonthLastYear: lastYear.total.persons === 0 ? null : lastYear.total,
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

    /**
     * The month the figures screens open on: the latest a village of the region has submitted.
     * Early in a month nothing of it is reported yet (villages submit by mid-month), and opening on
     * an empty month would show officials nothing; the current month when nothing was ever reported.
     */
    async figuresMonth(actor: Actor, regionCode: string | undefined) {
      const { region, area } = await regionArea(actor, regionCode);
      const current = monthOfDay(localDay(now()));
      const reported = await statsRepository(db, actor.scope).latestReportedMonth(area, current);
      return { region: present(region), month: reported ?? current, reported: reported !== null };
    },

    /** A region's month totals over `months` months up to `month`, oldest first, for trend charts. */
    async trend(actor: Actor, regionCode: string | undefined, month: Month, months: number) {
      const { region, area } = await regionArea(actor, regionCode);
      const list = Array.from({ length: months }, (_, i) => addMonths(month, i - months + 1));
      const totals = await statsRepository(db, actor.scope).monthTotals(area, list);
      return {
        region: present(region),
        items: list.map((m) => ({ month: m, recorded: totals.has(m), ...(totals.get(m) ?? emptyTotals()) })),
      };
    },

    /**
     * The people behind a monthly figure: that month's follow-ups below the region matching the
     * filter (for an accepted month, frozen like the figure), paged.
     */
    async monthPeople(actor: Actor, query: MonthPeopleQuery) {
      const { region, area } = await regionArea(actor, query.region);
      const { page, pageSize, region: _r, ...filter } = query;
      const { rows, total } = await statsRepository(db, actor.scope).monthPeople(area, filter, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const today = localDay(now());
      return {
        region: present(region),
        month: query.month,
        total,
        page,
        pageSize,
        items: rows.map((r) => presentMonthPerson(r, { reveal: false, today })),
      };
    },

    async exportMonthly(actor: Actor, query: RegionMonthQuery, lang: Language) {
      return monthlyTable(await service.monthly(actor, query.region, query.month), lang);
    },

    async exportProgress(actor: Actor, query: RegionMonthQuery, lang: Language) {
      return progressTable(await monitoring.targetProgress(actor, query.region, query.month), lang);
    },

    async exportReporting(actor: Actor, query: RegionMonthQuery, lang: Language) {
      return reportingTable(await monitoring.reporting(actor, query.region, query.month), lang);
    },

    async exportWarnings(actor: Actor, query: WarningsExportQuery, lang: Language) {
      const { region } = await regionArea(actor, query.region);
      const list = await monitoring.warnings(actor, {
        ...query,
        region: region.code,
        page: 1,
        pageSize: maxExportedWarnings,
      });
      const table = warningsTable(present(region), query.month, list.items, lang);
      await recordAudit(db, actor, {
        action: 'stats.export',
        entityType: 'warnings',
        entityId: null,
        regionCode: region.code,
        after: { kind: 'warnings', rows: list.items.length, filters: query },
        note: '导出预警清单',
      });
      return table;
    },

    /** The people behind a figure as a sheet; full ID numbers only on request by a role that may. */
    async exportMonthPeople(
      actor: Actor,
      query: MonthPeopleFilter & { unmasked?: boolean | undefined },
      lang: Language,
    ) {
      const { region, area } = await regionArea(actor, query.region);
      const reveal = revealFor(actor, query.unmasked);
      const { region: _r, unmasked: _u, ...filter } = query;
      const { rows } = await statsRepository(db, actor.scope).monthPeople(area, filter, {
        limit: null,
        offset: 0,
      });
      const today = localDay(now());
      const items = rows.map((r) => presentMonthPerson(r, { reveal, today }));
      await recordAudit(db, actor, {
        action: 'stats.export',
        entityType: 'monthPeople',
        entityId: null,
        regionCode: region.code,
        after: { kind: 'monthPeople', rows: items.length, masked: !reveal, filters: filter },
        note: reveal ? '导出完整证件号码（未脱敏）' : '导出（已脱敏）',
      });
      return monthPeopleTable(present(region), query.month, monthPeopleLabel(filter, lang), items, lang);
    },
  };
  return service;
}
