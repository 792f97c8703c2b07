// Between a person as the API has it, the values of the form, and the body the API accepts. The
// form holds plain JSON (dates as YYYY-MM-DD text) so a draft can be kept in sessionStorage.
import type { Person } from '../../api/types';

export interface PersonFormValues {
  name: string;
  idNumber: string;
  relationToHead?: string;
  phone: string;
  education?: string | null;
  labourAbility?: string;
  health: string;
  disabilityGrade?: number | null;
  skills: string[];
  wantsWork: boolean;
  wantsTraining: boolean;
  workAwayWillingness: string;
  employmentStatus: string;
  employmentForm?: string | null;
  workLocation?: string | null;
  workplace?: string | null;
  employer?: string | null;
  employmentStart?: string | null;
  monthlyIncome?: number | null;
  notWorkingReason?: string | null;
  organizedByCooperation: boolean;
  cooperationName?: string | null;
}

/** A new person: the defaults the API would apply. */
export function emptyPerson(overrides: Partial<PersonFormValues> = {}): PersonFormValues {
  return {
    name: '',
    idNumber: '',
    phone: '',
    health: 'healthy',
    skills: [],
    wantsWork: false,
    wantsTraining: false,
    workAwayWillingness: 'none',
    employmentStatus: 'unemployed',
    organizedByCooperation: false,
    ...overrides,
  };
}

/** An existing person; ID and phone stay as the API sent them (masked) until the user corrects them. */
export function fromPerson(p: Person): PersonFormValues {
  return {
    name: p.name,
    idNumber: p.idNumber,
    relationToHead: p.relationToHead,
    phone: p.phone ?? '',
    education: p.education,
    labourAbility: p.labourAbility,
    health: p.health,
    disabilityGrade: p.disabilityGrade,
    skills: p.skills,
    wantsWork: p.wantsWork,
    wantsTraining: p.wantsTraining,
    workAwayWillingness: p.workAwayWillingness,
    employmentStatus: p.employmentStatus,
    employmentForm: p.employmentForm,
    workLocation: p.workLocation,
    workplace: p.workplace,
    employer: p.employer,
    employmentStart: p.employmentStart,
    monthlyIncome: p.monthlyIncome,
    notWorkingReason: p.notWorkingReason,
    organizedByCooperation: p.organizedByCooperation,
    cooperationName: p.cooperationName,
  };
}

const text = (value: string | null | undefined): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

/** The fields as the API takes them: trimmed, empty as null, job details only when employed. */
export function toPayload(v: PersonFormValues) {
  const employed = v.employmentStatus === 'employed';
  const cooperation = employed && Boolean(v.organizedByCooperation);
  return {
    name: (v.name ?? '').trim(),
    idNumber: (v.idNumber ?? '').trim().toUpperCase(),
    relationToHead: v.relationToHead,
    phone: text(v.phone),
    education: v.education ?? null,
    labourAbility: v.labourAbility,
    health: v.health,
    disabilityGrade: v.health === 'disabled' ? (v.disabilityGrade ?? null) : null,
    skills: (v.skills ?? []).map((s) => s.trim()).filter(Boolean),
    wantsWork: Boolean(v.wantsWork),
    wantsTraining: Boolean(v.wantsTraining),
    workAwayWillingness: v.workAwayWillingness,
    employmentStatus: v.employmentStatus,
    employmentForm: employed ? (v.employmentForm ?? null) : null,
    workLocation: employed ? (v.workLocation ?? null) : null,
    workplace: employed ? text(v.workplace) : null,
    employer: employed ? text(v.employer) : null,
    employmentStart: employed ? (v.employmentStart ?? null) : null,
    monthlyIncome: employed ? (v.monthlyIncome ?? null) : null,
    notWorkingReason: employed ? null : (v.notWorkingReason ?? null),
    organizedByCooperation: cooperation,
    cooperationName: cooperation ? text(v.cooperationName) : null,
  };
}
export type PersonPayload = ReturnType<typeof toPayload>;

/** The fields whose payload differs between two sets of values: what a PATCH sends. */
export function changedFields(before: PersonFormValues, after: PersonFormValues): Partial<PersonPayload> {
  const a = toPayload(before);
  const b = toPayload(after);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(b) as (keyof PersonPayload)[]) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = b[key];
  }
  return changes as Partial<PersonPayload>;
}

/** The form values that differ: what the user changed since `before`. */
export function diffValues(before: PersonFormValues, after: PersonFormValues): Partial<PersonFormValues> {
  const changes: Record<string, unknown> = {};
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) changes[key] = b[key] ?? null;
  }
  return changes as Partial<PersonFormValues>;
}
