// Tables of the ledger module; the migration is src/db/migrations/0002_ledger.ts.
import type { ColumnType, Generated } from 'kysely';

export type LedgerImportStatus = 'checking' | 'checked' | 'importing' | 'imported' | 'failed';

type Json<T> = ColumnType<T | null, string | null, string | null>;

export interface LedgerImportTable {
  id: Generated<number>;
  /** Null for imports run from the command line (the system actor). */
  userId: number | null;
  /** The region imported into; null for everywhere (command line without --region). */
  regionCode: string | null;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  format: 'xlsx' | 'csv';
  status: LedgerImportStatus;
  preview: Json<unknown>;
  checkReport: Json<unknown>;
  report: Json<unknown>;
  error: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  importedAt: Date | null;
}
