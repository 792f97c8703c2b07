// Rows as COPY's CSV text. Kept apart from database.ts so a worker thread can write COPY text
// without loading the database drivers.

/** Rows for COPY: values in column order; null, boolean, number, string or string[]. */
export type CopyRow = readonly (string | number | boolean | null | readonly string[])[];

/** One row as a line of CSV for COPY (without the line end). */
export function copyLine(row: CopyRow): string {
  // One join over a reused array: each line comes out as one flat string. Concatenating field after
  // field built a chain of ≈ 70 strings a line that the slice's join then had to walk (10–25 % slower,
  // and more garbage); mapping to a new array each time allocated as much.
  fields.length = row.length;
  for (let i = 0; i < row.length; i++) fields[i] = csvField(row[i] ?? null);
  return fields.join(',');
}
const fields: string[] = [];

/** Text COPY would misread unquoted: empty (NULL), a delimiter, quote or line end; backslashes to be safe. */
const needsQuotes = /[",\r\n\\]/;

function csvField(value: CopyRow[number]): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : arrayLiteral(value);
  // Most values (codes, dates, names, ID numbers) need no quotes: no copy of them is made.
  return text === '' || needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
