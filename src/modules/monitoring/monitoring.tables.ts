// Tables of monthly monitoring; created by src/db/migrations/0003_monitoring.ts.
import type { ColumnType, Generated } from 'kysely';
import type {
  EmploymentForm,
  EmploymentStatus,
  NotWorkingReason,
  WorkLocation,
} from '../registry/registry.codes.js';
import type { ReportStatus, WarningRule, WarningState } from './monitoring.rules.js';

type Numeric = ColumnType<number, number | string, number | string>;

export interface ReportingPolicyTable {
  id: Generated<number>;
  regionCode: string | null;
  validFrom: string;
  validTo: string | null;
  villageSubmitDay: number;
  townReviewDay: number;
  source: string;
}

export interface WarningThresholdTable {
  id: Generated<number>;
  regionCode: string | null;
  validFrom: string;
  validTo: string | null;
  idleMonths: number;
  incomeFloor: Numeric;
  incomeDropShare: Numeric;
  followUpGapMonths: number;
  source: string;
}

/** The reporting workflow state of one village's month (村级月度报送). */
export interface VillageMonthTable {
  villageCode: string;
  month: string;
  status: Generated<ReportStatus>;
  submittedAt: Date | null;
  submittedBy: number | null;
  reviewedAt: Date | null;
  reviewedBy: number | null;
  returnReason: string | null;
  reopenReason: string | null;
  updatedAt: Generated<Date>;
}

/** One person's employment as found at the month's follow-up (回访). */
export interface FollowUpTable {
  month: string;
  personId: number;
  householdId: number;
  villageCode: string;
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  workLocation: WorkLocation | null;
  workplace: string | null;
  employer: string | null;
  employmentStart: string | null;
  monthlyIncome: ColumnType<number | null, number | null | undefined, number | null>;
  notWorkingReason: NotWorkingReason | null;
  wantsWork: boolean;
  wantsTraining: boolean;
  organizedByCooperation: boolean;
  cooperationName: string | null;
  /** 劳动力 when recorded (labour ability and age). */
  labourer: boolean;
  /** The household was relocated (易地搬迁) when recorded. */
  relocated: boolean;
  recordedBy: number | null;
  recordedAt: Generated<Date>;
}

/** Sums of one village's follow-ups of one month (see the migration for why). */
export interface VillageMonthFiguresTable {
  month: string;
  villageCode: string;
  persons: number;
  labourers: number;
  employed: number;
  unemployedLabourers: number;
  relocatedEmployed: number;
  cooperationEmployed: number;
  byForm: ColumnType<Record<string, number>, string, string>;
  byLocation: ColumnType<Record<string, number>, string, string>;
  households: number;
  relocatedHouseholds: number;
  monitoredHouseholds: number;
  zeroEmploymentHouseholds: number;
}

export interface WarningTable {
  id: Generated<number>;
  rule: WarningRule;
  month: string;
  personId: number | null;
  householdId: number;
  villageCode: string;
  detail: ColumnType<Record<string, unknown>, string, string>;
  state: Generated<WarningState>;
  note: string | null;
  handledBy: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export const targetMeasures = [
  'employed',
  'relocatedEmployed',
  'cooperationEmployed',
  'inflowEmployed',
] as const;
export type TargetMeasure = (typeof targetMeasures)[number];

export interface TargetTable {
  id: Generated<number>;
  year: number;
  regionCode: string;
  measure: TargetMeasure;
  /** For cooperationEmployed: which cooperation (京蒙协作); empty otherwise. */
  cooperationName: Generated<string>;
  value: number;
  source: string | null;
  updatedAt: Generated<Date>;
}

/** Open warnings per village and month, kept by triggers on warnings (migration 0007_monitoring_open_warnings). */
export interface VillageOpenWarningsTable {
  month: string;
  villageCode: string;
  warnings: number;
}
