// What the statistics endpoints return about people: a month's follow-up with the person it is
// about. The only place those rows become output, so ID numbers are masked here unless the caller
// may and asked to see them (exports, audited).
import { ageOn, maskIdNumber } from '../registry/registry.rules.js';
import type { statsRepository } from './stats.repository.js';

type MonthPersonRow = Awaited<ReturnType<ReturnType<typeof statsRepository>['monthPeople']>>['rows'][number];

export function presentMonthPerson(row: MonthPersonRow, options: { reveal: boolean; today: string }) {
  return {
    month: row.month,
    personId: Number(row.personId),
    householdId: Number(row.householdId),
    villageCode: row.villageCode,
    villageName: row.villageName,
    householdNo: row.householdNo,
    name: row.name,
    idNumber: options.reveal ? row.idNumber : maskIdNumber(row.idNumber),
    masked: !options.reveal,
    sex: row.sex,
    age: ageOn(row.birthDate, options.today),
    labourer: row.labourer,
    relocated: row.relocated,
    employmentStatus: row.employmentStatus,
    employmentForm: row.employmentForm,
    workLocation: row.workLocation,
    workplace: row.workplace,
    employer: row.employer,
    monthlyIncome: row.monthlyIncome === null ? null : Number(row.monthlyIncome),
    notWorkingReason: row.notWorkingReason,
    organizedByCooperation: row.organizedByCooperation,
    cooperationName: row.cooperationName,
    recordedAt: row.recordedAt,
  };
}
export type MonthPerson = ReturnType<typeof presentMonthPerson>;
