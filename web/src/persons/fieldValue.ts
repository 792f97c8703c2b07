// A stored field value as a person reads it: code labels, 是/否, dates, money; used by the person
// view and the change history.
import {
  education,
  employmentForm,
  employmentStatus,
  health,
  householdCategory,
  labourAbility,
  monitoringType,
  notWorkingReason,
  relationToHead,
  relocation,
  workAwayWillingness,
  workLocation,
} from '../../../src/modules/registry/registry.codes';
import type { Language } from '../../../src/shared/i18n';
import { codeLabel, formatDate, formatMoney, sexLabel, yesNo } from '../i18n/format';

const codeFields = {
  relationToHead,
  education,
  labourAbility,
  health,
  workAwayWillingness,
  employmentStatus,
  employmentForm,
  workLocation,
  notWorkingReason,
  category: householdCategory,
  monitoringType,
  relocation,
} as const;

export function formatFieldValue(field: string, value: unknown, lang: Language): string {
  if (value === null || value === undefined || value === '') return lang === 'zh' ? '（空）' : '(empty)';
  if (field in codeFields)
    return codeLabel(codeFields[field as keyof typeof codeFields], String(value), lang);
  if (typeof value === 'boolean') return yesNo(value, lang);
  if (field === 'monthlyIncome' && typeof value === 'number') return formatMoney(value, lang);
  if (field === 'sex') return sexLabel(String(value), lang);
  if (field === 'disabilityGrade') return lang === 'zh' ? `${value}级` : `grade ${value}`;
  if (field === 'birthDate' || field === 'employmentStart') return formatDate(String(value));
  if (Array.isArray(value))
    return value.length === 0 ? (lang === 'zh' ? '（无）' : '(none)') : value.join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
