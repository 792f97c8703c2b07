// Writes ledgers and lists as .xlsx with exceljs' streaming writer, row by row, so memory stays flat
// however many rows there are. Every sheet has a title row, a frozen header row, column widths that
// fit Chinese text, and text format on the columns that hold long digit strings (ID numbers, phones,
// household numbers, region codes) so Excel, WPS and LibreOffice keep every digit, also after edits.
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { type Cell, LedgerDate } from './ledger.rules.js';

export interface SheetColumn {
  header: string;
  /** Width in Excel character units; a Chinese character takes about two. */
  width: number;
  /** Text format (@): ID numbers, phone numbers, codes. */
  text?: boolean;
  /** yyyy-mm-dd format for date cells. */
  date?: boolean;
  /** Any other number format, e.g. '0.0%' for shares written as fractions. */
  numFmt?: string;
}

export interface SheetSpec {
  sheetName: string;
  title: string;
  columns: readonly SheetColumn[];
}

/** Display width of a text: CJK and full-width characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1;
  return width;
}

function toExcel(cell: Cell): ExcelJS.CellValue {
  if (cell instanceof LedgerDate) {
    const [y, m, d] = cell.iso.split('-').map(Number);
    return new Date(Date.UTC(y ?? 1900, (m ?? 1) - 1, d ?? 1));
  }
  return cell;
}

/**
 * Writes one sheet to `target` (a file name or a stream): the title in row 1 (merged across the
 * columns), the header in row 2 (frozen), then `rows`. Returns the number of data rows written.
 */
export async function writeSheet(
  target: string | Writable,
  spec: SheetSpec,
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
): Promise<number> {
  // Loaded when first needed: exceljs costs every command and the server a quarter second to load,
  // and only exports use it.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    ...(typeof target === 'string' ? { filename: target } : { stream: target }),
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Bangfu 帮扶';
  const sheet = workbook.addWorksheet(spec.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
    pageSetup: { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = spec.columns.map((c, i) => ({
    key: `c${i}`,
    width: Math.max(c.width, displayWidth(c.header) + 2),
    style: c.text
      ? { numFmt: '@' }
      : c.date
        ? { numFmt: 'yyyy-mm-dd' }
        : c.numFmt
          ? { numFmt: c.numFmt }
          : {},
  }));
  const title = sheet.addRow([spec.title]);
  title.height = 24;
  title.font = { bold: true, size: 14 };
  title.alignment = { vertical: 'middle', horizontal: 'center' };
  if (spec.columns.length > 1) sheet.mergeCells(1, 1, 1, spec.columns.length);
  title.commit();
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.commit();
  let count = 0;
  for await (const cells of rows) {
    sheet.addRow(cells.map(toExcel)).commit();
    count++;
  }
  await sheet.commit();
  await workbook.commit();
  return count;
}

/** One column of a table: its header, how wide, and how a row gives its cell. */
export interface TableColumn<Row> {
  header: string;
  /** text: kept as text (ID numbers, codes); percent: a share 0…1 shown as 12.3%. Numbers stay numbers. */
  kind?: 'text' | 'number' | 'percent' | 'date';
  value: (row: Row) => Cell;
}

/** A table as a screen shows it, to be written as one sheet: statistics, progress, lists. */
export interface Table<Row> {
  sheetName: string;
  title: string;
  /** The download's name, e.g. 科尔沁左翼中旗_月度统计_2026-11.xlsx */
  fileName: string;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
}

/**
 * Writes a table (rows in memory: statistics tables are one row per region or per warning) as a
 * sheet with the ledger's layout; each column as wide as its longest text, counted the Chinese way.
 */
export function writeTable<Row>(target: string | Writable, table: Table<Row>): Promise<number> {
  const cells = table.rows.map((row) => table.columns.map((c) => c.value(row)));
  const columns: SheetColumn[] = table.columns.map((c, i) => {
    let width = displayWidth(c.header) + 2;
    for (const row of cells) {
      const cell = row[i];
      const shown = cell === null || cell === undefined ? '' : c.kind === 'percent' ? '100.0%' : String(cell);
      width = Math.max(width, displayWidth(shown) + 2);
    }
    return {
      header: c.header,
      width: Math.min(width, 60),
      text: c.kind === 'text',
      date: c.kind === 'date',
      numFmt: c.kind === 'percent' ? '0.0%' : undefined,
    };
  });
  return writeSheet(target, { sheetName: table.sheetName, title: table.title, columns }, cells);
}
