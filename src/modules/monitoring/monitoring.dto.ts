// Request shapes of monthly monitoring.
import { z } from 'zod';
import {
  employmentForm,
  employmentStatus,
  notWorkingReason,
  workLocation,
} from '../registry/registry.codes.js';
import { reportActions, reportStatuses, warningRules, warningStates } from './monitoring.rules.js';
import { targetMeasures } from './monitoring.tables.js';

/** YYYY-MM */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const regionCode = z.string().regex(/^\d{12}$/);

export const villageMonthParams = z.strictObject({ village: regionCode, month });

/** One person's employment found at this month's follow-up (回访). */
export const followUpEntry = z.strictObject({
  personId: z.number().int().positive(),
  employmentStatus: z.enum(employmentStatus.codes),
  employmentForm: z.enum(employmentForm.codes).nullable().default(null),
  workLocation: z.enum(workLocation.codes).nullable().default(null),
  workplace: z.string().trim().max(100).nullable().default(null),
  employer: z.string().trim().max(100).nullable().default(null),
  employmentStart: z.iso.date().nullable().default(null),
  monthlyIncome: z.number().nullable().default(null),
  notWorkingReason: z.enum(notWorkingReason.codes).nullable().default(null),
  wantsWork: z.boolean(),
  wantsTraining: z.boolean().default(false),
  organizedByCooperation: z.boolean().default(false),
  cooperationName: z.string().trim().max(50).nullable().default(null),
});
export type FollowUpEntry = z.infer<typeof followUpEntry>;

export const recordFollowUpsBody = z.strictObject({ entries: z.array(followUpEntry).min(1).max(2000) });

export const confirmUnchangedBody = z.strictObject({
  /** The people to confirm; everyone not yet recorded this month when left out. */
  personIds: z.array(z.number().int().positive()).max(5000).optional(),
});

export const actionBody = z.strictObject({
  action: z.enum(reportActions),
  /** Required to return or reopen. */
  reason: z.string().trim().max(500).optional(),
});

export const regionMonthQuery = z.strictObject({ region: regionCode.optional(), month });

/** The months of the villages below a region (审核列表, 未报送及迟报村). */
export const villageMonthsQuery = z.strictObject({
  region: regionCode.optional(),
  month,
  status: z.enum(reportStatuses).optional(),
  /** `overdue`: late or not submitted although due. */
  timeliness: z.enum(['onTime', 'late', 'missing', 'pending', 'overdue']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const warningQuery = z.strictObject({
  region: regionCode.optional(),
  month,
  rule: z.enum(warningRules).optional(),
  state: z.enum(warningStates).optional(),
  /** Only warnings not yet resolved (新预警 and 处理中). */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const moveWarningBody = z.strictObject({
  state: z.enum(warningStates),
  note: z.string().trim().max(500).nullable().default(null),
});

/** A breakdown table: the parent region's target and its children's, regions by code or as written. */
export const targetBreakdownBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  measure: z.enum(targetMeasures),
  /** For cooperationEmployed, e.g. 京蒙协作. */
  cooperationName: z.string().trim().max(50).optional(),
  region: z.string().trim().min(1).max(60),
  value: z.number().int().min(0),
  children: z
    .array(z.strictObject({ region: z.string().trim().min(1).max(60), value: z.number().int().min(0) }))
    .max(200)
    .default([]),
  /** The document it comes from. */
  source: z.string().trim().max(200).optional(),
});
export type TargetBreakdownBody = z.infer<typeof targetBreakdownBody>;

const policyPeriod = {
  /** The region it applies to and below. */
  regionCode,
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable().default(null),
  /** The document that sets it. */
  source: z.string().trim().min(1).max(200),
};

/** Reporting deadlines for a region and period (村级报送日、乡镇审核日). */
export const reportingPolicyBody = z.strictObject({
  ...policyPeriod,
  villageSubmitDay: z.number().int().min(1).max(31),
  townReviewDay: z.number().int().min(1).max(31),
});

export type ReportingPolicyBody = z.infer<typeof reportingPolicyBody>;

/** Warning thresholds for a region and period. */
export const warningThresholdBody = z.strictObject({
  ...policyPeriod,
  idleMonths: z.number().int().min(1).max(24),
  incomeFloor: z.number().min(0).max(100_000),
  incomeDropShare: z.number().gt(0).lt(1),
  followUpGapMonths: z.number().int().min(1).max(24),
});
export type WarningThresholdBody = z.infer<typeof warningThresholdBody>;
