// Every table Kysely knows, gathered from the modules that own them. Column names are camelCase
// here and snake_case in SQL (Kysely's CamelCasePlugin translates).
import type { AuditEventTable, SessionTable, UserTable } from '../modules/access/access.tables.js';
import type { LedgerImportTable } from '../modules/ledger/ledger.tables.js';
import type {
  FollowUpTable,
  ReportingPolicyTable,
  TargetTable,
  VillageMonthFiguresTable,
  VillageMonthTable,
  VillageOpenWarningsTable,
  WarningTable,
  WarningThresholdTable,
} from '../modules/monitoring/monitoring.tables.js';
import type {
  KeyAssistanceCountyTable,
  ReferenceDataTable,
  RegionTable,
} from '../modules/regions/regions.tables.js';
import type {
  HouseholdTable,
  PersonTable,
  VillageHouseholdsTable,
} from '../modules/registry/registry.tables.js';
import type { FiguresPendingTable, RegionMonthFiguresTable } from '../modules/stats/stats.tables.js';

export interface DB {
  regions: RegionTable;
  referenceData: ReferenceDataTable;
  keyAssistanceCounties: KeyAssistanceCountyTable;
  households: HouseholdTable;
  villageHouseholds: VillageHouseholdsTable;
  persons: PersonTable;
  users: UserTable;
  sessions: SessionTable;
  auditEvents: AuditEventTable;
  reportingPolicies: ReportingPolicyTable;
  warningThresholds: WarningThresholdTable;
  villageMonths: VillageMonthTable;
  followUps: FollowUpTable;
  villageMonthFigures: VillageMonthFiguresTable;
  regionMonthFigures: RegionMonthFiguresTable;
  figuresPending: FiguresPendingTable;
  warnings: WarningTable;
  villageOpenWarnings: VillageOpenWarningsTable;
  targets: TargetTable;
  ledgerImports: LedgerImportTable;
}
