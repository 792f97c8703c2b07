// Validation while typing, with the very rules and messages the server uses (registry.rules.ts and
// shared/i18n.ts), so a form refuses exactly what the server would refuse, with the same words.
import type { FormInstance, FormRule } from 'antd';
import {
  checkEmploymentSnapshot,
  DEFAULT_MAX_MONTHLY_INCOME,
  type EmploymentSnapshot,
  normalizePhone,
  parseIdNumber,
} from '../../../../src/modules/registry/registry.rules';
import { localDay } from '../../../../src/shared/dates';
import { fieldMessage, type Language } from '../../../../src/shared/i18n';
import { type PersonFormValues, toPayload } from './personValues';

/** Today in China, as the server counts it (birth dates and start dates may not be later). */
export function today(): string {
  return localDay(new Date());
}

export type Path = (string | number)[];

/** The values of the person at `path` (the whole form when empty). */
export function valuesAt(form: FormInstance, path: Path): PersonFormValues {
  const all = form.getFieldsValue(true) as Record<string | number, unknown>;
  return path.reduce<unknown>(
    (o, key) => (o as Record<string | number, unknown> | undefined)?.[key],
    all,
  ) as PersonFormValues;
}

export function required(field: string, lang: Language): FormRule {
  return { required: true, whitespace: true, message: fieldMessage(field, 'required', lang) };
}

export function maxLength(field: string, max: number, lang: Language): FormRule {
  return { max, message: fieldMessage(field, 'tooLong', lang, { maximum: max }) };
}

/** 身份证号码: length, characters, real birth date not in the future, check character. */
export function idNumberRule(lang: Language, masked?: string): FormRule {
  return {
    validator: async (_, value: string | undefined) => {
      if (masked && value === masked) return;
      const parsed = parseIdNumber(value ?? '', today());
      if (!parsed.ok) throw new Error(fieldMessage('idNumber', parsed.code, lang));
    },
  };
}

/** 联系电话: optional; an 11-digit mobile or a landline with area code. */
export function phoneRule(lang: Language, masked?: string): FormRule {
  return {
    validator: async (_, value: string | undefined) => {
      if (!value || value.trim() === '' || (masked && value === masked)) return;
      const normalized = normalizePhone(value);
      if (!normalized.ok) throw new Error(fieldMessage('phone', normalized.code, lang));
    },
  };
}

export function employmentSnapshot(values: PersonFormValues): EmploymentSnapshot {
  const p = toPayload(values);
  return {
    employmentStatus: p.employmentStatus === 'employed' ? 'employed' : 'unemployed',
    employmentForm: p.employmentForm as EmploymentSnapshot['employmentForm'],
    workLocation: p.workLocation as EmploymentSnapshot['workLocation'],
    employer: p.employer,
    monthlyIncome: p.monthlyIncome,
    notWorkingReason: p.notWorkingReason as EmploymentSnapshot['notWorkingReason'],
    employmentStart: p.employmentStart,
    organizedByCooperation: p.organizedByCooperation,
    cooperationName: p.cooperationName,
    workplace: p.workplace,
  };
}

/** One field of the employment snapshot, checked together with the others (checkEmploymentSnapshot). */
export function employmentRule(field: keyof EmploymentSnapshot, path: Path, lang: Language): FormRule {
  return (form) => ({
    validator: async () => {
      const values = valuesAt(form as FormInstance, path);
      if (!values) return;
      const problem = checkEmploymentSnapshot(employmentSnapshot(values), today()).find(
        (p) => p.field === field,
      );
      if (problem) {
        throw new Error(
          fieldMessage(field, problem.code, lang, {
            field,
            maximum: DEFAULT_MAX_MONTHLY_INCOME.toLocaleString('zh-CN'),
          }),
        );
      }
    },
  });
}

/** 技能: at most 20, each at most 30 characters. */
export function skillsRule(lang: Language): FormRule {
  return {
    validator: async (_, value: string[] | undefined) => {
      const skills = value ?? [];
      if (skills.length > 20) throw new Error(fieldMessage('skills', 'tooBig', lang, { maximum: 20 }));
      if (skills.some((s) => s.trim().length > 30))
        throw new Error(fieldMessage('skills', 'tooLong', lang, { maximum: 30 }));
    },
  };
}
