// Rules of the registry (实名制台账) as plain functions over plain data: no database, no HTTP, no clock.
// Callers pass "today" in, so every rule is deterministic and can be tested with a table of cases.
// Problems are returned as stable codes ('idNumber.checkDigit', 'employment.formRequired' …); the
// error catalogue turns them into messages and HTTP statuses at the edge.

import { foldWidth } from '../../shared/text.js';
import type {
  EmploymentForm,
  EmploymentStatus,
  HouseholdCategory,
  LabourAbility,
  MonitoringType,
  NotWorkingReason,
  RelationToHead,
  Relocation,
  WorkLocation,
} from './registry.codes.js';
import type { DateText } from './registry.tables.js';

/** A problem with one field of a record: which field (the column name) and what is wrong (a code). */
export interface FieldProblem<F extends string = string, C extends string = string> {
  field: F;
  code: C;
}

// ---------------------------------------------------------------------------------------------------
// Dates

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// A real calendar date (no 2月30日), checked by arithmetic rather than `new Date()`, which silently
// rolls 02-30 over to 03-02.
function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for `YYYY-MM-DD` text naming a real calendar date. */
export function isDateText(value: string): boolean {
  const m = DATE_TEXT.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

let lastCheckedDay = '';

// A Date is read in the process's local time zone: "today" for a county office is its calendar day,
// so deployments run with TZ=Asia/Shanghai. Text is taken as already being a calendar day.
function toDateText(value: string | Date): DateText {
  if (typeof value === 'string') {
    // An import checks a million rows against the same "today": checked once, not once per row.
    if (value === lastCheckedDay) return value;
    if (!isDateText(value)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
    lastCheckedDay = value;
    return value;
  }
  if (Number.isNaN(value.getTime())) throw new RangeError('invalid Date');
  const y = String(value.getFullYear()).padStart(4, '0');
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * Age in full years on a day (周岁). Someone born on 29 February turns a year older on 1 March in
 * common years, as Chinese practice counts it (the birthday has not come while 02-28 < 02-29).
 */
export function ageOn(birthDate: string, on: string | Date): number {
  const birth = toDateText(birthDate);
  const day = toDateText(on);
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  // Month-day text compares correctly as strings because both are zero-padded.
  return day.slice(5) < birth.slice(5) ? years - 1 : years;
}

// ---------------------------------------------------------------------------------------------------
// Resident ID number (公民身份号码, GB 11643-1999)

export type IdNumberProblem =
  | 'idNumber.empty'
  | 'idNumber.excelMangled'
  | 'idNumber.characters'
  | 'idNumber.length'
  | 'idNumber.birthDate'
  | 'idNumber.birthTooEarly'
  | 'idNumber.futureBirth'
  | 'idNumber.checkDigit';

export type ParsedIdNumber =
  | { ok: true; idNumber: string; birthDate: DateText; sex: 'M' | 'F'; areaCode: string }
  | { ok: false; code: IdNumberProblem };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARACTERS = '10X98765432';

/**
 * The check character of an 18-character ID (ISO 7064 MOD 11-2 as GB 11643 applies it): a weighted
 * sum of the first 17 digits mod 11, mapped to '10X98765432'. It catches any single wrong digit and any
 * swap of two neighbours, which is why a typed ID is worth checking before it is stored.
 */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARACTERS.charAt(sum % 11);
}

/**
 * True when a spreadsheet cell holds an ID number that Excel has already destroyed: typed as a number,
 * Excel keeps 15 significant digits, so 150521198403151234 becomes 1.50521198403151E+17. The lost
 * digits cannot be recovered; the import must reject the cell and ask for the column to be text.
 */
export function looksLikeExcelMangledIdNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 1e17;
  if (typeof value !== 'string') return false;
  const text = foldWidth(value).trim();
  return /^\d(?:\.\d+)?E\+?\d+$/i.test(text) && Number(text) >= 1e17;
}

/**
 * Parses and validates a resident ID number (18 characters: 6-digit area code, 8-digit birth date,
 * 3-digit sequence whose last digit is odd for men, check character). Unknown area codes are accepted
 * on purpose: an ID keeps the county code it was issued under, even after the county was renamed or
 * merged. 15-digit IDs of the first generation are no longer valid and are rejected as a length problem.
 */
export function parseIdNumber(raw: string, today: Date | string): ParsedIdNumber {
  const text = foldWidth(raw).trim().toUpperCase();
  if (text === '') return { ok: false, code: 'idNumber.empty' };
  if (looksLikeExcelMangledIdNumber(text)) return { ok: false, code: 'idNumber.excelMangled' };
  if (!/^[0-9X]+$/.test(text)) return { ok: false, code: 'idNumber.characters' };
  if (text.length !== 18) return { ok: false, code: 'idNumber.length' };
  // X is only ever the check character (it stands for 10), never one of the first 17.
  if (!/^\d{17}[\dX]$/.test(text)) return { ok: false, code: 'idNumber.characters' };

  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  if (!isCalendarDate(year, month, day)) return { ok: false, code: 'idNumber.birthDate' };
  // No living registrant was born before 1900; such a date is a typing error in the year.
  if (year < 1900) return { ok: false, code: 'idNumber.birthTooEarly' };
  const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  if (birthDate > toDateText(today)) return { ok: false, code: 'idNumber.futureBirth' };
  if (idCheckCharacter(text.slice(0, 17)) !== text.charAt(17))
    return { ok: false, code: 'idNumber.checkDigit' };

  const sex = Number(text.charAt(16)) % 2 === 1 ? 'M' : 'F';
  return { ok: true, idNumber: text, birthDate, sex, areaCode: text.slice(0, 6) };
}

/**
 * A valid ID number (as parseIdNumber returns it) as one exact number, for sets of a million of them
 * without a million strings: the check character follows from the first 17 characters, and the birth
 * year lies in 1900–2099, so area (10⁶) × birth date (2·10⁶) × sequence (10³) stays below 2⁵³.
 */
export function idNumberKey(idNumber: string): number {
  const digits = (from: number, to: number) => {
    let value = 0;
    for (let i = from; i < to; i++) value = value * 10 + idNumber.charCodeAt(i) - 48;
    return value;
  };
  const birth = (digits(6, 10) - 1900) * 10_000 + digits(10, 14);
  return (digits(0, 6) * 2_000_000 + birth) * 1000 + digits(14, 17);
}

// ---------------------------------------------------------------------------------------------------
// Phone numbers

export type PhoneProblem =
  | 'phone.empty'
  | 'phone.characters'
  | 'phone.mobile'
  | 'phone.landline'
  | 'phone.areaCodeMissing'
  | 'phone.format';

export type NormalizedPhone =
  | { ok: true; phone: string; kind: 'mobile' | 'landline' }
  | { ok: false; code: PhoneProblem };

/**
 * Normalises a phone number as clerks type it. Mobile: 11 digits starting 13–19 (a leading +86/0086/86
 * is dropped). Landline: trunk 0, area code (3 digits for 010 and 02x, otherwise 4), then a 7–8 digit
 * local number not starting with 0 or 1; written `0635-8888888`. A local number without area code is
 * rejected: the people in the registry are reached from the county, town and province alike.
 */
export function normalizePhone(raw: string): NormalizedPhone {
  const text = foldWidth(raw).trim();
  if (text === '') return { ok: false, code: 'phone.empty' };
  if (!/^[\d\s()+-]+$/.test(text)) return { ok: false, code: 'phone.characters' };

  let digits = text.replace(/\D/g, '');
  const international = /^(\+|00)86/.test(text.replace(/\s/g, ''));
  if (international) {
    digits = digits.replace(/^(00)?86/, '');
    // From abroad the trunk 0 of a landline is left out: +86 635 8888888.
    if (!digits.startsWith('1') && !digits.startsWith('0')) digits = `0${digits}`;
  } else if (digits.length === 13 && /^861[3-9]/.test(digits)) {
    digits = digits.slice(2);
  }

  if (digits.startsWith('1')) {
    return /^1[3-9]\d{9}$/.test(digits)
      ? { ok: true, phone: digits, kind: 'mobile' }
      : { ok: false, code: 'phone.mobile' };
  }
  if (digits.startsWith('0')) {
    const areaLength = /^0(10|2\d)/.test(digits) ? 3 : 4;
    const area = digits.slice(0, areaLength);
    const local = digits.slice(areaLength);
    if (/^0[1-9]/.test(area) && /^[2-9]\d{6,7}$/.test(local)) {
      return { ok: true, phone: `${area}-${local}`, kind: 'landline' };
    }
    return { ok: false, code: 'phone.landline' };
  }
  if (/^[2-9]\d{6,7}$/.test(digits)) return { ok: false, code: 'phone.areaCodeMissing' };
  return { ok: false, code: 'phone.format' };
}

// ---------------------------------------------------------------------------------------------------
// Masking (for lists and exports shown to roles that may not see personal numbers)

// Keeps `head` and `tail` characters and stars the rest, one star per hidden character so the length
// stays visible. When that would hide less than a third of an odd-length value, keep only a quarter
// at each end instead: a mask that hides nearly nothing is worse than an unfamiliar one.
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  let keepHead = head;
  let keepTail = tail;
  if (chars.length - head - tail < Math.ceil(chars.length / 3)) {
    keepHead = Math.floor(chars.length / 4);
    keepTail = Math.floor(chars.length / 4);
  }
  const hidden = chars.length - keepHead - keepTail;
  return (
    chars.slice(0, keepHead).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keepTail).join('')
  );
}

/**
 * Masks an ID number for display: area code (first 6) and the last 4 stay, birth date and sequence are
 * hidden (150521********1234), the form officials know from bank and government receipts. Short,
 * malformed values keep at most a quarter at each end.
 */
export function maskIdNumber(value: string): string;
export function maskIdNumber(value: string | null | undefined): string | null;
export function maskIdNumber(value: string | null | undefined): string | null {
  if (value == null) return null;
  return maskMiddle(value.trim(), 6, 4);
}

/**
 * Masks a phone number: a mobile keeps its first 3 and last 4 digits (138****5678); a landline keeps
 * its area code and the last 4 digits of the local number (0635-***8888); anything else keeps at most
 * a quarter at each end.
 */
export function maskPhone(value: string): string;
export function maskPhone(value: string | null | undefined): string | null;
export function maskPhone(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = value.trim();
  const landline = /^(0\d{2,3})-(\d{7,8})$/.exec(text);
  if (landline) {
    const local = landline[2] ?? '';
    return `${landline[1]}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  return maskMiddle(text, 3, 4);
}

// ---------------------------------------------------------------------------------------------------
// Employment snapshot (就业状态), seed 003 §17–18: status, form, place, employer, income, reason

/** The employment columns of a person (registry.tables.ts), as the consistency check reads them. */
export interface EmploymentSnapshot {
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  workLocation: WorkLocation | null;
  employer: string | null;
  monthlyIncome: number | null;
  notWorkingReason: NotWorkingReason | null;
  employmentStart: DateText | null;
  organizedByCooperation: boolean;
  cooperationName: string | null;
  /** Optional: checked only when the caller passes it. */
  workplace?: string | null;
}

export type EmploymentProblemCode =
  | 'employment.formRequired'
  | 'employment.locationRequired'
  | 'employment.reasonNotAllowed'
  | 'employment.reasonRequired'
  | 'employment.formNotAllowed'
  | 'employment.locationNotAllowed'
  | 'employment.workplaceNotAllowed'
  | 'employment.employerNotAllowed'
  | 'employment.incomeNotAllowed'
  | 'employment.startNotAllowed'
  | 'employment.cooperationNotAllowed'
  | 'employment.incomeInvalid'
  | 'employment.incomeNegative'
  | 'employment.incomeTooHigh'
  | 'employment.startInvalid'
  | 'employment.startInFuture'
  | 'employment.cooperationNameNotAllowed';

export type EmploymentProblem = FieldProblem<keyof EmploymentSnapshot & string, EmploymentProblemCode>;

export interface EmploymentCheckOptions {
  /**
   * Monthly incomes at or above this are taken as typing errors (an extra zero, yearly income in the
   * monthly column). Configuration, not policy: pass the region's value; 100,000 yuan is the default.
   */
  maxMonthlyIncome?: number;
}

export const DEFAULT_MAX_MONTHLY_INCOME = 100_000;

// An empty or blank text is what a cleared spreadsheet cell or form field sends: the same as no value.
function hasValue(value: string | null | undefined): value is string {
  return value != null && value.trim() !== '';
}

/**
 * Checks that the employment columns of a person agree with each other, so that the counts officials
 * report (employed by form and by where, seed 003 §18 "就业状态清、就业收入清") add up. Employed needs a
 * form and a place and no reason for not working; not employed carries no job details (income 0 is
 * allowed: it says "no income") and should say why (seed 003 §17). A cooperation name needs the
 * cooperation flag.
 */
export function checkEmploymentSnapshot(
  s: EmploymentSnapshot,
  today: Date | string,
  options: EmploymentCheckOptions = {},
): EmploymentProblem[] {
  const problems: EmploymentProblem[] = [];
  const add = (field: EmploymentProblem['field'], code: EmploymentProblemCode) =>
    problems.push({ field, code });

  if (s.employmentStatus === 'employed') {
    if (s.employmentForm == null) add('employmentForm', 'employment.formRequired');
    if (s.workLocation == null) add('workLocation', 'employment.locationRequired');
    if (s.notWorkingReason != null) add('notWorkingReason', 'employment.reasonNotAllowed');
  } else {
    if (s.employmentForm != null) add('employmentForm', 'employment.formNotAllowed');
    if (s.workLocation != null) add('workLocation', 'employment.locationNotAllowed');
    if (hasValue(s.workplace)) add('workplace', 'employment.workplaceNotAllowed');
    if (hasValue(s.employer)) add('employer', 'employment.employerNotAllowed');
    if (s.monthlyIncome != null && s.monthlyIncome !== 0) add('monthlyIncome', 'employment.incomeNotAllowed');
    if (hasValue(s.employmentStart)) add('employmentStart', 'employment.startNotAllowed');
    if (s.organizedByCooperation) add('organizedByCooperation', 'employment.cooperationNotAllowed');
    if (s.notWorkingReason == null) add('notWorkingReason', 'employment.reasonRequired');
  }

  if (s.monthlyIncome != null) {
    const max = options.maxMonthlyIncome ?? DEFAULT_MAX_MONTHLY_INCOME;
    if (!Number.isFinite(s.monthlyIncome)) add('monthlyIncome', 'employment.incomeInvalid');
    else if (s.monthlyIncome < 0) add('monthlyIncome', 'employment.incomeNegative');
    else if (s.monthlyIncome >= max) add('monthlyIncome', 'employment.incomeTooHigh');
  }

  if (hasValue(s.employmentStart)) {
    if (!isDateText(s.employmentStart)) add('employmentStart', 'employment.startInvalid');
    else if (s.employmentStart > toDateText(today)) add('employmentStart', 'employment.startInFuture');
  }

  if (hasValue(s.cooperationName) && !s.organizedByCooperation) {
    add('cooperationName', 'employment.cooperationNameNotAllowed');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Labourers (脱贫劳动力)

export interface WorkingAgeBand {
  /** Youngest working age, inclusive. */
  minAge: number;
  /** Oldest working age, inclusive. */
  maxAge: number;
}

// The working-age band 16–64 is how the national monitoring counts labourers today. It is policy:
// regions and years may set another band, so callers will pass it from configuration later.
export const DEFAULT_WORKING_AGE: Readonly<WorkingAgeBand> = { minAge: 16, maxAge: 64 };

/**
 * A labourer (劳动力) is a working-age person with any labour ability (domain.md: "working-age members
 * with labour ability are labourers"); only labourers count in employment rates and targets.
 */
export function isLabourer(
  p: { labourAbility: LabourAbility; birthDate: string },
  on: string | Date,
  band: WorkingAgeBand = DEFAULT_WORKING_AGE,
): boolean {
  if (p.labourAbility === 'none') return false;
  const age = ageOn(p.birthDate, on);
  return age >= band.minAge && age <= band.maxAge;
}

// ---------------------------------------------------------------------------------------------------
// Households (户)

export interface HouseholdFlags {
  category: HouseholdCategory;
  monitoringType: MonitoringType | null;
  relocation: Relocation;
  resettlementSite: string | null;
}

export type HouseholdProblemCode =
  | 'household.monitoringTypeRequired'
  | 'household.monitoringTypeNotAllowed'
  | 'household.resettlementSiteNotAllowed';

export type HouseholdProblem = FieldProblem<keyof HouseholdFlags & string, HouseholdProblemCode>;

/**
 * A monitored household (防止返贫监测户) is always one of three kinds, and only a monitored one has a
 * kind; a resettlement site belongs to relocated households only. Both keep the monitoring counts and
 * the relocation counts (seed 001 annex) from picking up stray values.
 */
export function checkHousehold(h: HouseholdFlags): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  if (h.category === 'monitored' && h.monitoringType == null) {
    problems.push({ field: 'monitoringType', code: 'household.monitoringTypeRequired' });
  }
  if (h.category !== 'monitored' && h.monitoringType != null) {
    problems.push({ field: 'monitoringType', code: 'household.monitoringTypeNotAllowed' });
  }
  if (h.relocation === 'none' && hasValue(h.resettlementSite)) {
    problems.push({ field: 'resettlementSite', code: 'household.resettlementSiteNotAllowed' });
  }
  return problems;
}

export type MembersProblemCode =
  | 'household.headMissing'
  | 'household.headNotUnique'
  | 'household.spouseNotUnique';

export interface MembersProblem extends FieldProblem<'relationToHead', MembersProblemCode> {
  /** Position of the offending member in the list, when one member can be pointed at. */
  index?: number;
}

/**
 * Exactly one head per household (户主), and at most one spouse of the head: every relation of the
 * others is stated relative to the head, so without exactly one head the household cannot be read.
 * Extra heads (and spouses) are reported one by one with their index so a form can mark the rows.
 */
export function checkHouseholdMembers(
  members: readonly { relationToHead: RelationToHead }[],
): MembersProblem[] {
  const problems: MembersProblem[] = [];
  const heads: number[] = [];
  const spouses: number[] = [];
  members.forEach((m, index) => {
    if (m.relationToHead === 'head') heads.push(index);
    if (m.relationToHead === 'spouse') spouses.push(index);
  });
  if (heads.length === 0) problems.push({ field: 'relationToHead', code: 'household.headMissing' });
  for (const index of heads.slice(1)) {
    problems.push({ field: 'relationToHead', code: 'household.headNotUnique', index });
  }
  for (const index of spouses.slice(1)) {
    problems.push({ field: 'relationToHead', code: 'household.spouseNotUnique', index });
  }
  return problems;
}
