// Rows as COPY's CSV text. Kept apart from database.ts so a worker thread can write COPY text
// without loading the database drivers.

/** Rows for COPY: values in column order; null, boolean, number, string or string[]. */
export type CopyRow = readonly (string | number | boolean | null | readonly string[])[];

/** One row as a line of CSV for COPY (without the line end). */
export function copyLine(row: CopyRow): string {
  return row.map(csvField).join(',');
}

function csvField(value: CopyRow[number]): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : arrayLiteral(value);
  return `"${text.replaceAll('"', '""')}"`;
}

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
