// Shapes of the API's answers (registry.presenter.ts, stats.service.ts, access.routes.ts), as JSON.
import type { Role } from '../../../src/modules/access/access.rules';
import type {
  Education,
  EmploymentForm,
  EmploymentStatus,
  Health,
  HouseholdCategory,
  LabourAbility,
  MonitoringType,
  NotWorkingReason,
  RelationToHead,
  Relocation,
  WorkAwayWillingness,
  WorkLocation,
} from '../../../src/modules/registry/registry.codes';
import type { RegionFigures } from '../../../src/modules/stats/stats.rules';

export type { Role };

/** A region as lists and summaries name it; level 1 province … 5 village. */
export interface RegionRef {
  code: string;
  name: string;
  level: number;
}

export interface Region extends RegionRef {
  parentCode: string | null;
  aliases: string[];
}

export interface RegionWithPath extends Region {
  /** Ancestors, top down. */
  path: Region[];
  inScope: boolean;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: { zh: string; en: string };
  region: RegionRef | null;
  permissions: string[];
}

export interface Person {
  id: number;
  householdId: number;
  villageCode: string;
  villageName?: string;
  name: string;
  idNumber: string;
  phone: string | null;
  masked: boolean;
  birthDate: string;
  age: number;
  sex: 'M' | 'F';
  isLabourer: boolean;
  relationToHead: RelationToHead;
  education: Education | null;
  labourAbility: LabourAbility;
  health: Health;
  disabilityGrade: number | null;
  skills: string[];
  wantsWork: boolean;
  wantsTraining: boolean;
  workAwayWillingness: WorkAwayWillingness;
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  workLocation: WorkLocation | null;
  workplace: string | null;
  employer: string | null;
  employmentStart: string | null;
  monthlyIncome: number | null;
  notWorkingReason: NotWorkingReason | null;
  organizedByCooperation: boolean;
  cooperationName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface PersonListItem extends Person {
  householdNo: string;
  category: HouseholdCategory;
  relocation: Relocation;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface Household {
  id: number;
  villageCode: string;
  villageName?: string;
  householdNo: string;
  headName?: string;
  memberCount?: number;
  category: HouseholdCategory;
  monitoringType: MonitoringType | null;
  relocation: Relocation;
  resettlementSite: string | null;
  address: string | null;
  keyAssistanceCounty?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface HouseholdWithMembers extends Household {
  members: Person[];
}

/** One audit event about a person (ID and phone masked by the server). */
/** One event of the audit log, as read back (ID and phone numbers masked by the server). */
export interface HistoryEvent {
  id: number;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  actorUsername: string | null;
  actorName: string | null;
}

export interface AuditLog {
  region: RegionRef;
  items: HistoryEvent[];
  /** Ask `before` this for the next (older) page; null on the last page. */
  next: number | null;
}

export interface RegionSummary extends RegionFigures {
  region: RegionRef;
  asOf: string;
  children: (RegionFigures & { region: RegionRef })[];
}
