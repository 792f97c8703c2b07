// Turns grouped counts into the figures officials report for a region and each of its children
// (统计口径, domain.md "Statistics"): people, labourers, employed by form and by where.
import {
  type EmploymentForm,
  employmentForm,
  type WorkLocation,
  workLocation,
} from '../registry/registry.codes.js';

/** One group of people as the database counts them. */
export interface PersonGroup {
  child: string;
  employed: boolean;
  form: EmploymentForm | null;
  location: WorkLocation | null;
  labourer: boolean;
  /** Household relocated (易地搬迁). */
  relocated: boolean;
  /** Work organised through labour cooperation (劳务协作). */
  cooperation: boolean;
  n: number;
}

export interface HouseholdGroup {
  child: string;
  households: number;
  relocated: number;
  monitored: number;
  zeroEmployment: number;
}

export interface RegionFigures {
  persons: number;
  labourers: number;
  employed: number;
  /** Labourers not in work. */
  unemployedLabourers: number;
  /** Employed people of relocated households (搬迁劳动力就业). */
  relocatedEmployed: number;
  /** Employed through labour cooperation (劳务协作组织输出). */
  cooperationEmployed: number;
  byForm: Record<EmploymentForm, number>;
  byLocation: Record<WorkLocation, number>;
  households: number;
  relocatedHouseholds: number;
  monitoredHouseholds: number;
  /** 零就业家庭 */
  zeroEmploymentHouseholds: number;
}

export function emptyFigures(): RegionFigures {
  return {
    persons: 0,
    labourers: 0,
    employed: 0,
    unemployedLabourers: 0,
    relocatedEmployed: 0,
    cooperationEmployed: 0,
    byForm: Object.fromEntries(employmentForm.codes.map((c) => [c, 0])) as Record<EmploymentForm, number>,
    byLocation: Object.fromEntries(workLocation.codes.map((c) => [c, 0])) as Record<WorkLocation, number>,
    households: 0,
    relocatedHouseholds: 0,
    monitoredHouseholds: 0,
    zeroEmploymentHouseholds: 0,
  };
}

function addPersons(figures: RegionFigures, group: PersonGroup) {
  figures.persons += group.n;
  if (group.labourer) figures.labourers += group.n;
  if (group.employed) {
    figures.employed += group.n;
    if (group.relocated) figures.relocatedEmployed += group.n;
    if (group.cooperation) figures.cooperationEmployed += group.n;
    if (group.form) figures.byForm[group.form] += group.n;
    if (group.location) figures.byLocation[group.location] += group.n;
  } else if (group.labourer) {
    figures.unemployedLabourers += group.n;
  }
}

function addHouseholds(figures: RegionFigures, group: HouseholdGroup) {
  figures.households += group.households;
  figures.relocatedHouseholds += group.relocated;
  figures.monitoredHouseholds += group.monitored;
  figures.zeroEmploymentHouseholds += group.zeroEmployment;
}

/** Totals for the region and per child code; children with nothing counted are not listed. */
export function summarize(persons: readonly PersonGroup[], households: readonly HouseholdGroup[]) {
  const total = emptyFigures();
  const children = new Map<string, RegionFigures>();
  const childFigures = (code: string) => {
    let figures = children.get(code);
    if (!figures) {
      figures = emptyFigures();
      children.set(code, figures);
    }
    return figures;
  };
  for (const group of persons) {
    addPersons(total, group);
    addPersons(childFigures(group.child), group);
  }
  for (const group of households) {
    addHouseholds(total, group);
    addHouseholds(childFigures(group.child), group);
  }
  return { total, children };
}

/** The figures of several regions added up (a parent from its children). */
export function sumFigures(parts: Iterable<RegionFigures>): RegionFigures {
  const total = emptyFigures();
  for (const part of parts) {
    for (const key of Object.keys(total) as (keyof RegionFigures)[]) {
      const value = part[key];
      if (typeof value === 'number') (total[key] as number) += value;
    }
    for (const form of Object.keys(total.byForm) as EmploymentForm[]) total.byForm[form] += part.byForm[form];
    for (const place of Object.keys(total.byLocation) as WorkLocation[])
      total.byLocation[place] += part.byLocation[place];
  }
  return total;
}

/** The scalar figures (no breakdowns): what a village's month row holds and a trend shows. */
export const figureKeys = [
  'persons',
  'labourers',
  'employed',
  'unemployedLabourers',
  'relocatedEmployed',
  'cooperationEmployed',
  'households',
  'relocatedHouseholds',
  'monitoredHouseholds',
  'zeroEmploymentHouseholds',
] as const;
export type MonthTotals = Record<(typeof figureKeys)[number], number>;

export function emptyTotals(): MonthTotals {
  return Object.fromEntries(figureKeys.map((k) => [k, 0])) as MonthTotals;
}

/** One line of a pasted breakdown table: the region as written and its target. */
export interface BreakdownLine {
  line: number;
  region: string;
  value: number;
}

const totalRow = /合计|总计|小计|^全(省|区|市|盟|州|县|旗)/;

/**
 * Reads a target breakdown table (任务分解表) as officials paste it from Excel or Word, like seed
 * 001's annex: one region and one number per line, tab-, comma- or space-separated; title and
 * header lines (no number at the end) are skipped, CSV quotes dropped; the total row (全市合计, 合计 …) is the parent's
 * target. Numbers may carry thousands separators and a unit (37,500 人).
 */
export function parseBreakdownTable(text: string): {
  total: BreakdownLine | null;
  children: BreakdownLine[];
} {
  let total: BreakdownLine | null = null;
  const children: BreakdownLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*(\S.*?)[\s,，:：]+(\d{1,3}(?:[,，]\d{3})+|\d+)\s*(?:人|名)?\s*[,，\t]*\s*$/.exec(
      raw.replace(/"/g, ''),
    );
    if (!match) return;
    const region = (match[1] ?? '').replace(/[\s,，]+$/, '').trim();
    const value = Number((match[2] ?? '').replace(/[,，]/g, ''));
    if (!region || /^\d+$/.test(region)) return;
    const line = { line: index + 1, region, value };
    if (totalRow.test(region) && total === null) total = line;
    else children.push(line);
  });
  return { total, children };
}
