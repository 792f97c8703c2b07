// The statistics, targets and warnings endpoints the statistics screens use, with their answers'
// shapes (stats.service.ts, monitoring.service.ts), and the links of the .xlsx exports.
import type { WarningRule, WarningState } from '../../../src/modules/monitoring/monitoring.rules';
import type {
  EmploymentForm,
  EmploymentStatus,
  NotWorkingReason,
  WorkLocation,
} from '../../../src/modules/registry/registry.codes';
import type { targetMeasure } from '../../../src/modules/stats/stats.codes';
import type { MonthTotals, RegionFigures } from '../../../src/modules/stats/stats.rules';
import { api, type Query } from '../api/client';
import type { RegionRef } from '../api/types';

type Signal = AbortSignal | undefined;
export type TargetMeasure = (typeof targetMeasure.codes)[number];

export interface Change {
  employed: number;
  labourers: number;
}
export interface ReportingFigures {
  expected: number;
  submitted: number;
  onTime: number;
  reportingRate: number | null;
  onTimeRate: number | null;
}
export interface MonthlyRow extends RegionFigures {
  region: RegionRef;
  warningsOpen: number;
  changeFromLastMonth: Change | null;
  changeFromLastYear: Change | null;
}
export interface Monthly extends MonthlyRow {
  month: string;
  reporting: ReportingFigures;
  lastMonth: RegionFigures | null;
  sameMonthLastYear: RegionFigures | null;
  children: (MonthlyRow & { reporting: ReportingFigures | null })[];
}

export interface Trend {
  region: RegionRef;
  items: (MonthTotals & { month: string; recorded: boolean })[];
}

export interface MonthPerson {
  month: string;
  personId: number;
  householdId: number;
  villageCode: string;
  villageName: string;
  householdNo: string;
  name: string;
  idNumber: string;
  masked: boolean;
  sex: 'M' | 'F';
  age: number;
  labourer: boolean;
  relocated: boolean;
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  workLocation: WorkLocation | null;
  workplace: string | null;
  employer: string | null;
  monthlyIncome: number | null;
  notWorkingReason: NotWorkingReason | null;
  organizedByCooperation: boolean;
  cooperationName: string | null;
  recordedAt: string;
}
export interface MonthPeople {
  region: RegionRef;
  month: string;
  total: number;
  page: number;
  pageSize: number;
  items: MonthPerson[];
}

export interface ProgressItem {
  region: RegionRef;
  measure: TargetMeasure;
  cooperationName: string | null;
  measured: boolean;
  actual: number;
  target: number;
  percent: number | null;
  changeFromLastMonth: number | null;
  changeFromLastYear: number | null;
}
export interface Progress {
  region: RegionRef;
  year: number;
  month: string;
  items: ProgressItem[];
}

export interface Warning {
  id: number;
  rule: WarningRule;
  month: string;
  personId: number | null;
  householdId: number;
  villageCode: string;
  villageName: string;
  personName: string | null;
  householdNo: string | null;
  detail: Record<string, unknown>;
  state: WarningState;
  note: string | null;
  handledByName: string | null;
  updatedAt: string;
}
export interface Warnings {
  items: Warning[];
  counts: { rule: WarningRule; state: WarningState; n: number }[];
}

export interface TargetBreakdown {
  year: number;
  measure: TargetMeasure;
  cooperationName?: string;
  region: string;
  value: number;
  children: { region: string; value: number }[];
  source?: string;
}

export const statsApi = {
  figuresMonth: (region: string, signal?: Signal) =>
    api<{ month: string; reported: boolean }>('/stats/figures-month', { query: { region }, signal }),
  monthly: (region: string, month: string, signal?: Signal) =>
    api<Monthly>('/stats/monthly', { query: { region, month }, signal }),
  trend: (region: string, month: string, signal?: Signal) =>
    api<Trend>('/stats/trend', { query: { region, month, months: 13 }, signal }),
  people: (query: Query, signal?: Signal) => api<MonthPeople>('/stats/monthly/people', { query, signal }),
  progress: (region: string, month: string, signal?: Signal) =>
    api<Progress>('/targets/progress', { query: { region, month }, signal }),
  setTargets: (body: TargetBreakdown) =>
    api<{ rows: number; undistributed: number }>('/targets', { method: 'PUT', body }),
  warnings: (query: Query, signal?: Signal) => api<Warnings>('/monitoring/warnings', { query, signal }),
  moveWarning: (id: number, state: WarningState, note: string | null) =>
    api<Warning>(`/monitoring/warnings/${id}`, { method: 'PATCH', body: { state, note } }),
  computeWarnings: (region: string, month: string) =>
    api<{ raised: number; people: number }>('/monitoring/warnings/compute', {
      method: 'POST',
      body: { region, month },
    }),
};

/** The tables that download as .xlsx from /api/stats/export/<table>.xlsx. */
export type ExportTable = 'monthly' | 'people' | 'targets' | 'warnings' | 'reporting';
