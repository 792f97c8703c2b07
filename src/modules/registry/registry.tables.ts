// Tables of the registry: households (户) and people (人). The migration that creates them is
// src/db/migrations/0001_foundation.ts; these types are what Kysely checks queries against.
import type { ColumnType, Generated, Selectable } from 'kysely';
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
} from './registry.codes.js';

/** A date column read and written as `YYYY-MM-DD` text (pg's date parser is switched off). */
export type DateText = string;

export interface HouseholdTable {
  id: Generated<number>;
  /** 12-digit statistical code of the village (村) the household belongs to. */
  villageCode: string;
  /** Household number as the village writes it (户编号), unique within the village. */
  householdNo: string;
  category: HouseholdCategory;
  /** Only for category `monitored`. */
  monitoringType: MonitoringType | null;
  relocation: Relocation;
  /** Resettlement site (安置点) for relocated households. */
  resettlementSite: string | null;
  address: string | null;
  deletedAt: Date | null;
  deletedReason: string | null;
  /** The ledger import that created the record (来源), and its row in the file: null when made otherwise. */
  sourceImportId: ColumnType<number | null, number | null | undefined, number | null>;
  sourceRow: ColumnType<number | null, number | null | undefined, number | null>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  version: Generated<number>;
}

export interface PersonTable {
  id: Generated<number>;
  householdId: number;
  /** Copied from the household so scope filters and counts need no join. */
  villageCode: string;
  name: string;
  /** Resident ID number (公民身份号码), 18 characters, upper-case X. */
  idNumber: string;
  /** Derived from the ID number, never typed. */
  birthDate: DateText;
  /** Derived from the ID number: 'M' | 'F'. */
  sex: 'M' | 'F';
  relationToHead: RelationToHead;
  phone: string | null;
  education: Education | null;
  labourAbility: LabourAbility;
  health: Health;
  /** Disability certificate grade 1–4 (残疾等级) when disabled. */
  disabilityGrade: number | null;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  /** Wants a job (就业意愿). */
  wantsWork: boolean;
  /** Wants training (培训意愿). */
  wantsTraining: boolean;
  workAwayWillingness: WorkAwayWillingness;
  // Current employment snapshot (就业状态). Monitoring will keep it equal to the latest reviewed month.
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  workLocation: WorkLocation | null;
  /** Destination region as written (务工地点), e.g. 浙江省宁波市. */
  workplace: string | null;
  employer: string | null;
  employmentStart: DateText | null;
  /** Yuan per month (月收入). */
  monthlyIncome: ColumnType<number | null, number | null | undefined, number | null>;
  notWorkingReason: NotWorkingReason | null;
  /** Organised through labour cooperation (劳务协作组织输出), and which one, e.g. 京蒙协作. */
  organizedByCooperation: boolean;
  cooperationName: string | null;
  deletedAt: Date | null;
  deletedReason: string | null;
  /** The ledger import that created the record (来源), and its row in the file: null when made otherwise. */
  sourceImportId: ColumnType<number | null, number | null | undefined, number | null>;
  sourceRow: ColumnType<number | null, number | null | undefined, number | null>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  version: Generated<number>;
}

/** Columns the database and the record's history keep, never given by who creates or edits a record. */
export type RecordBookkeeping =
  | 'id'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'deletedAt'
  | 'deletedReason'
  | 'sourceImportId'
  | 'sourceRow';

export type HouseholdRow = Selectable<HouseholdTable>;
export type PersonRow = Selectable<PersonTable>;

/** Live households per village, kept by triggers on households (migration 0006_registry_village_households). */
export interface VillageHouseholdsTable {
  villageCode: string;
  households: number;
}
