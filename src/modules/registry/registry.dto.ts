// Request and response shapes of the registry API. Field rules that need more than a type (ID
// check character, employment consistency) live in registry.rules.ts and run in the service.
import { z } from 'zod';
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
} from './registry.codes.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const dateText = z.iso.date();
const regionCode = z.string().regex(/^\d{12}$/);

/** Fields of a person an official may type. Birth date and sex are derived from the ID number. */
const personShape = {
  /** 姓名 */
  name: text(50),
  /** 公民身份号码, 18 characters; lower-case x is accepted. */
  idNumber: z.string().trim().min(1).max(30),
  /** 与户主关系 */
  relationToHead: z.enum(relationToHead.codes),
  /** 联系电话: mobile or landline with area code. */
  phone: optionalText(20),
  /** 文化程度 */
  education: z.enum(education.codes).nullable().optional(),
  /** 劳动能力 */
  labourAbility: z.enum(labourAbility.codes),
  /** 健康状况 */
  health: z.enum(health.codes),
  /** 残疾等级 1–4, only when disabled. */
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  /** 技能, free words such as 电焊, 厨师. */
  skills: z.array(text(30)).max(20),
  /** 就业意愿 */
  wantsWork: z.boolean(),
  /** 培训意愿 */
  wantsTraining: z.boolean(),
  /** 外出意愿 */
  workAwayWillingness: z.enum(workAwayWillingness.codes),
  /** 就业状态 */
  employmentStatus: z.enum(employmentStatus.codes),
  employmentForm: z.enum(employmentForm.codes).nullable().optional(),
  workLocation: z.enum(workLocation.codes).nullable().optional(),
  /** 务工地点 as written, e.g. 浙江省宁波市 */
  workplace: optionalText(100),
  employer: optionalText(100),
  employmentStart: dateText.nullable().optional(),
  /** 月收入 (yuan) */
  monthlyIncome: z.number().nullable().optional(),
  notWorkingReason: z.enum(notWorkingReason.codes).nullable().optional(),
  organizedByCooperation: z.boolean(),
  cooperationName: optionalText(50),
};

/** A new person: fields left out take the usual defaults. */
export const personFields = z.strictObject({
  ...personShape,
  health: personShape.health.default('healthy'),
  skills: personShape.skills.default([]),
  wantsWork: personShape.wantsWork.default(false),
  wantsTraining: personShape.wantsTraining.default(false),
  workAwayWillingness: personShape.workAwayWillingness.default('none'),
  employmentStatus: personShape.employmentStatus.default('unemployed'),
  organizedByCooperation: personShape.organizedByCooperation.default(false),
});
export type PersonFields = z.infer<typeof personFields>;
/** Every field an official types for a person. */
export const personFieldNames = Object.keys(personShape) as (keyof PersonFields)[];

export const createPersonBody = personFields.extend({
  /** The household the person joins. */
  householdId: z.number().int().positive(),
});

/** Partial change plus the version read, so a stale edit is refused instead of overwriting. No
 * defaults here: a field left out of a change keeps its stored value. */
export const updatePersonBody = z
  .strictObject(personShape)
  .partial()
  .extend({ version: z.number().int().positive() });

export const deleteBody = z.strictObject({
  /** 删除原因, e.g. 死亡, 户籍迁出, 重复录入 */
  reason: text(200),
});

const householdShape = {
  villageCode: regionCode,
  /** 户编号; the next free number in the village when left out. */
  householdNo: z.string().trim().min(1).max(40).optional(),
  category: z.enum(householdCategory.codes),
  monitoringType: z.enum(monitoringType.codes).nullable().optional(),
  relocation: z.enum(relocation.codes),
  resettlementSite: optionalText(100),
  address: optionalText(200),
};

export const createHouseholdBody = z.strictObject({
  ...householdShape,
  relocation: householdShape.relocation.default('none'),
  members: z.array(personFields).min(1).max(30),
});

export const updateHouseholdBody = z
  .strictObject(householdShape)
  .partial()
  .extend({ version: z.number().int().positive() });

const sortable = ['name', 'idNumber', 'villageCode', 'birthDate', 'monthlyIncome', 'updatedAt'] as const;

export const personQuery = z.strictObject({
  /** Name (starts with) or ID number (whole, or its first digits). */
  q: z.string().trim().max(30).optional(),
  /** Limit to this region's subtree (must lie within the caller's). */
  region: regionCode.optional(),
  householdId: z.coerce.number().int().positive().optional(),
  employmentStatus: z.enum(employmentStatus.codes).optional(),
  employmentForm: z.enum(employmentForm.codes).optional(),
  workLocation: z.enum(workLocation.codes).optional(),
  labourAbility: z.enum(labourAbility.codes).optional(),
  category: z.enum(householdCategory.codes).optional(),
  relocation: z.enum(relocation.codes).optional(),
  /** Only working-age people with labour ability (劳动力). */
  labourers: z.enum(['true', 'false']).optional(),
  sort: z.enum(sortable).default('villageCode'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PersonQuery = z.infer<typeof personQuery>;

export const householdQuery = z.strictObject({
  region: regionCode.optional(),
  /** Household number, or a member's name. */
  q: z.string().trim().max(40).optional(),
  category: z.enum(householdCategory.codes).optional(),
  relocation: z.enum(relocation.codes).optional(),
  /** Only relocated households (易地搬迁), centralized or dispersed. */
  relocated: z.enum(['true']).optional(),
  /** Only 零就业家庭: a labourer in the household and nobody employed. */
  zeroEmployment: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type HouseholdQuery = z.infer<typeof householdQuery>;

export const idParam = z.strictObject({ id: z.coerce.number().int().positive() });
