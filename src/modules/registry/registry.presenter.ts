// What the API returns for households and people. The only place rows become output, and so the
// only place ID and phone numbers are masked.
import { ageOn, isLabourer, maskIdNumber, maskPhone } from './registry.rules.js';
import type { HouseholdRow, PersonRow } from './registry.tables.js';

export interface PresentOptions {
  /** Full ID and phone numbers: only after an audited reveal by a role allowed to. */
  reveal: boolean;
  today: string;
}

export function presentPerson(row: PersonRow & { villageName?: string }, options: PresentOptions) {
  return {
    id: row.id,
    householdId: row.householdId,
    villageCode: row.villageCode,
    villageName: row.villageName,
    name: row.name,
    idNumber: options.reveal ? row.idNumber : maskIdNumber(row.idNumber),
    phone: row.phone === null ? null : options.reveal ? row.phone : maskPhone(row.phone),
    masked: !options.reveal,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, options.today),
    sex: row.sex,
    isLabourer: isLabourer(row, options.today),
    relationToHead: row.relationToHead,
    education: row.education,
    labourAbility: row.labourAbility,
    health: row.health,
    disabilityGrade: row.disabilityGrade,
    skills: row.skills,
    wantsWork: row.wantsWork,
    wantsTraining: row.wantsTraining,
    workAwayWillingness: row.workAwayWillingness,
    employmentStatus: row.employmentStatus,
    employmentForm: row.employmentForm,
    workLocation: row.workLocation,
    workplace: row.workplace,
    employer: row.employer,
    employmentStart: row.employmentStart,
    monthlyIncome: row.monthlyIncome,
    notWorkingReason: row.notWorkingReason,
    organizedByCooperation: row.organizedByCooperation,
    cooperationName: row.cooperationName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export function presentPersonListRow(
  row: PersonRow & { villageName: string; householdNo: string; category: string; relocation: string },
  options: PresentOptions,
) {
  return {
    ...presentPerson(row, options),
    householdNo: row.householdNo,
    category: row.category,
    relocation: row.relocation,
  };
}

export function presentHousehold(
  row: HouseholdRow & { villageName?: string; headName?: string | null; memberCount?: number | null },
  extra: { keyAssistanceCounty?: boolean } = {},
) {
  return {
    id: row.id,
    villageCode: row.villageCode,
    villageName: row.villageName,
    householdNo: row.householdNo,
    headName: row.headName ?? undefined,
    memberCount:
      row.memberCount === undefined || row.memberCount === null ? undefined : Number(row.memberCount),
    category: row.category,
    monitoringType: row.monitoringType,
    relocation: row.relocation,
    resettlementSite: row.resettlementSite,
    address: row.address,
    keyAssistanceCounty: extra.keyAssistanceCounty,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

/** The fields of a person kept in the audit log: everything the official can change. */
export function auditablePerson(row: PersonRow) {
  const { createdAt: _c, updatedAt: _u, version: _v, deletedAt: _d, ...fields } = row;
  return fields;
}
