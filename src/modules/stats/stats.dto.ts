// Request shapes of the statistics endpoints: a region and a month, the filters that name the people
// behind one figure of a month, and the exports.
import { z } from 'zod';
import { warningRules, warningStates } from '../monitoring/monitoring.rules.js';
import { employmentForm, employmentStatus, workLocation } from '../registry/registry.codes.js';

/** YYYY-MM */
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
/** A 12-digit statistical region code; the caller's own region when left out. */
const region = z
  .string()
  .regex(/^\d{12}$/)
  .optional();
/** 'true' / 'false' in a query string. */
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const regionQuery = z.strictObject({ region });

export const regionMonthQuery = z.strictObject({ region, month });
export type RegionMonthQuery = z.infer<typeof regionMonthQuery>;

/**
 * Which of a month's follow-ups (回访记录) to list: each figure of the monthly statistics is one
 * combination (已就业 = employed=true; 未就业劳动力 = labourer=true&employed=false; 外出务工 =
 * employed=true&employmentForm=migrantWork; 零就业家庭 = zeroEmploymentHousehold=true …).
 */
const monthPeopleFilters = {
  region,
  month,
  /** Employed (true) or not (false) at the follow-up. */
  employed: flag.optional(),
  employmentStatus: z.enum(employmentStatus.codes).optional(),
  employmentForm: z.enum(employmentForm.codes).optional(),
  /** 县内 / 县外省内 / 省外 */
  workLocation: z.enum(workLocation.codes).optional(),
  /** The household was relocated (易地搬迁) when recorded. */
  relocated: flag.optional(),
  /** Counted as a labourer (劳动力) when recorded. */
  labourer: flag.optional(),
  /** Work organised through labour cooperation (劳务协作). */
  cooperation: flag.optional(),
  /** Members of households with a labourer and nobody employed that month (零就业家庭). */
  zeroEmploymentHousehold: flag.optional(),
};

export const monthPeopleQuery = z.strictObject({
  ...monthPeopleFilters,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type MonthPeopleQuery = z.infer<typeof monthPeopleQuery>;
export type MonthPeopleFilter = Omit<MonthPeopleQuery, 'page' | 'pageSize'>;

/** Full ID numbers in an export: only roles that may reveal them, and the export is audited. */
const unmasked = flag.optional();

export const monthPeopleExportQuery = z.strictObject({ ...monthPeopleFilters, unmasked });

export const warningsExportQuery = z.strictObject({
  region,
  month,
  rule: z.enum(warningRules).optional(),
  state: z.enum(warningStates).optional(),
  /** Only warnings not yet resolved (新预警 and 处理中). */
  open: flag.optional(),
});
export type WarningsExportQuery = z.infer<typeof warningsExportQuery>;
