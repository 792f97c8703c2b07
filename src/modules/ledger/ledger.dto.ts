// Request shapes of the ledger API (台账导入导出). Uploads come as multipart/form-data (field
// "file") or as the raw file body; the filters of the list exports are those of the list pages.
import { z } from 'zod';
import { month } from '../monitoring/monitoring.dto.js';
import { householdQuery, personQuery } from '../registry/registry.dto.js';

const regionCode = z.string().regex(/^\d{12}$/);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** POST /ledger/imports */
export const uploadQuery = z.strictObject({
  /** Import into this region only (within the account's); default: the account's region. */
  region: regionCode.optional(),
  /** The file's name, for raw uploads (multipart uploads carry their own). */
  fileName: z.string().trim().min(1).max(200).optional(),
});

/** POST /ledger/follow-ups: a month of follow-ups from a sheet. */
export const followUpUploadQuery = z.strictObject({
  /** The month the sheet reports (YYYY-MM). */
  month,
  /** Only people of this region (within the account's). */
  region: regionCode.optional(),
  /** Check only: nothing is written. */
  dryRun: flag.default(false),
  fileName: z.string().trim().min(1).max(200).optional(),
});

export const importIdParam = z.strictObject({ id: z.coerce.number().int().positive() });

/** GET /ledger/imports/:id */
export const importQuery = z.strictObject({
  /** How many problems to list (the rejected-rows download has all of them). */
  errors: z.coerce.number().int().min(0).max(100_000).default(1000),
  /** The first problem to list (0-based), for paging through a long list. */
  errorOffset: z.coerce.number().int().min(0).default(0),
});

/** GET /ledger/imports: the imports into a region (default: the account's). */
export const importListQuery = z.strictObject({
  region: regionCode.optional(),
});

/** Full ID and phone numbers in the export: only for roles that may reveal them; audited. */
const unmasked = flag.optional();

/** GET /ledger/export/persons.xlsx: the filters of GET /persons (paging and order are ignored). */
export const personsExportQuery = personQuery.extend({ unmasked });

/** GET /ledger/export/households.xlsx: the filters of GET /households. */
export const householdsExportQuery = householdQuery.extend({ unmasked });

/** GET /ledger/export/ledger.xlsx: the standard ledger of a region (default: the account's). */
export const ledgerExportQuery = z.strictObject({
  region: regionCode.optional(),
  /** Default: full numbers for roles that may reveal them (the file is for re-import), masked otherwise. */
  unmasked,
});
