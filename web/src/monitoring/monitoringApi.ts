// Calls and answer shapes of monthly monitoring (monitoring.routes.ts, monitoring.service.ts) that
// the workflow screens use: a village's month, recording follow-ups, the workflow's actions, the
// months of the villages below a region, and reporting completeness.
import type {
  FollowUpRecord,
  ReportAction,
  ReportStatus,
  Timeliness,
} from '../../../src/modules/monitoring/monitoring.rules';
import type { LabourAbility } from '../../../src/modules/registry/registry.codes';
import { api } from '../api/client';
import type { RegionRef } from '../api/types';

type Signal = AbortSignal | undefined;

/** This month's follow-up of one person, with who recorded it and when. */
export interface MonthRecord extends FollowUpRecord {
  recordedAt: string;
  recordedBy: string | null;
}

export interface VillageMonthPerson {
  id: number;
  householdId: number;
  name: string;
  idNumber: string;
  birthDate: string;
  labourAbility: LabourAbility;
  isLabourer: boolean;
  /** Last month's follow-up: what "no change" records. */
  lastMonth: FollowUpRecord | null;
  /** The registry's current employment: what "no change" records without last month's. */
  registered: FollowUpRecord;
  record: MonthRecord | null;
}

export interface VillageMonth {
  village: { code: string; name: string };
  month: string;
  status: ReportStatus;
  submitBy: string;
  reviewBy: string;
  timeliness: Timeliness;
  returnReason: string | null;
  reopenReason: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  recorded: number;
  people: VillageMonthPerson[];
}

export interface VillageMonthRow {
  village: { code: string; name: string };
  town: { code: string; name: string | null };
  status: ReportStatus;
  submitBy: string;
  reviewBy: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  timeliness: Timeliness;
  returnReason: string | null;
  reopenReason: string | null;
  people: number;
  recorded: number;
}

export interface VillageMonths {
  month: string;
  total: number;
  page: number;
  pageSize: number;
  byStatus: Partial<Record<ReportStatus, number>>;
  byTimeliness: Partial<Record<Timeliness, number>>;
  items: VillageMonthRow[];
}

export interface ReportingTally {
  expected: number;
  submitted: number;
  accepted: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
  reportingRate: number | null;
  onTimeRate: number | null;
}

export interface Reporting extends ReportingTally {
  region: RegionRef;
  month: string;
  children: (ReportingTally & { region: RegionRef })[];
}

export type VillageMonthFilter = {
  region: string;
  month: string;
  status?: ReportStatus;
  timeliness?: Timeliness | 'overdue';
  page?: number;
  pageSize?: number;
};

const villageMonthPath = (village: string, month: string) =>
  `/monitoring/villages/${village}/months/${month}`;

export const monitoringApi = {
  villageMonth: (village: string, month: string, signal?: Signal) =>
    api<VillageMonth>(villageMonthPath(village, month), { signal }),
  record: (village: string, month: string, entries: Record<string, unknown>[]) =>
    api<{ recorded: number }>(`${villageMonthPath(village, month)}/follow-ups`, {
      method: 'POST',
      body: { entries },
    }),
  /** "No change" for these people, or for everyone not yet recorded when `personIds` is left out. */
  confirmUnchanged: (village: string, month: string, personIds?: number[]) =>
    api<{ confirmed: number }>(`${villageMonthPath(village, month)}/confirm-unchanged`, {
      method: 'POST',
      body: personIds ? { personIds } : {},
    }),
  act: (village: string, month: string, action: ReportAction, reason?: string) =>
    api<{ status: ReportStatus }>(`${villageMonthPath(village, month)}/actions`, {
      method: 'POST',
      body: reason ? { action, reason } : { action },
    }),
  villageMonths: (filter: VillageMonthFilter, signal?: Signal) =>
    api<VillageMonths>('/monitoring/village-months', { query: filter, signal }),
  reporting: (region: string, month: string, signal?: Signal) =>
    api<Reporting>('/monitoring/reporting', { query: { region, month }, signal }),
};
