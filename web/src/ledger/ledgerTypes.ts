// Shapes of the ledger API's answers (ledger.service.ts presentImport / listImports), as JSON.

export type ImportStatus = 'checking' | 'checked' | 'importing' | 'imported' | 'failed';

/** One problem of one row, as the office reads it. */
export interface ReportError {
  /** The row number Excel shows. */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  code: string;
  /** 中文说明 */
  message: string;
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** The check (dry run) or the import of a file; `errors` is one page of `errorCount`. */
export interface ImportReport extends ImportCounts {
  errors: ReportError[];
  errorCount: number;
  /** Problems of the whole file by code, e.g. { 'region.outOfScope': 3 }. */
  codeCounts: Record<string, number>;
  households: { created: number; updated: number };
  dryRun: boolean;
  columns: { column: string; header: string; field: string }[];
  ignoredColumns: { column: string; header: string }[];
}

export interface ImportPreview {
  format: 'xlsx' | 'csv';
  sheet: string | null;
  encoding: string | null;
  headerRows: number[];
  /** Column letter, the header as written, the field it was recognised as and that field's name. */
  columns: { column: string; header: string; field: string; fieldLabel: string }[];
  ignoredColumns: { column: string; header: string }[];
  sampleRows: { row: number; cells: Record<string, string> }[];
}

export interface ImportProgress {
  phase: 'queued' | 'reading' | 'finishing';
  rows: number;
  /** Share of the file read, 0 … 1. */
  fraction: number;
}

export interface LedgerImport {
  id: number;
  fileName: string;
  format: 'xlsx' | 'csv';
  regionCode: string | null;
  status: ImportStatus;
  error: string | null;
  progress: ImportProgress | null;
  preview: ImportPreview;
  check: ImportReport | null;
  report: ImportReport | null;
  createdAt: string;
  importedAt: string | null;
}

/** One line of the region's import history. */
export interface ImportListItem extends Partial<Record<keyof ImportCounts, number | null>> {
  id: number;
  userName: string | null;
  fileName: string;
  format: 'xlsx' | 'csv';
  fileSize: number;
  status: ImportStatus;
  regionCode: string | null;
  createdAt: string;
  importedAt: string | null;
  error: string | null;
  progress: ImportProgress | null;
  /** The caller's own import: only those can be opened. */
  mine: boolean;
}

export interface ImportList {
  items: ImportListItem[];
  /** The largest file the server accepts, in bytes. */
  uploadLimit: number;
}

/** The answer of POST /ledger/follow-ups (monitoring.import.ts FollowUpImportReport), as JSON. */
export interface FollowUpImportReport extends ImportCounts {
  month: string;
  /** Every problem of the file, by Excel row. */
  errors: ReportError[];
  /** Villages whose month received records. */
  villages: number;
  dryRun: boolean;
  file: { name: string; format: 'xlsx' | 'csv'; sheet: string | null; headerRows: number[] };
  /** Columns read, with the follow-up field each became. */
  columns: { column: string; header: string; field: string }[];
  /** Columns a follow-up does not record (村, 序号, 备注 …). */
  ignoredColumns: { column: string; header: string }[];
}
