// Writes ledgers and lists as .xlsx with exceljs' streaming writer, row by row, so memory stays flat
// however many rows there are. Every sheet has a title row, a frozen header row, column widths that
// fit Chinese text, and text format on the columns that hold long digit strings (ID numbers, phones,
// household numbers, region codes) so Excel, WPS and LibreOffice keep every digit, also after edits.
import ExcelJS from 'exceljs';
import { type Cell, LedgerDate } from './ledger.rules.js';

export interface SheetColumn {
  header: string;
  /** Width in Excel character units; a Chinese character takes about two. */
  width: number;
  /** Text format (@): ID numbers, phone numbers, codes. */
  text?: boolean;
  /** yyyy-mm-dd format for date cells. */
  date?: boolean;
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
 * Writes one sheet to `filename`: the title in row 1 (merged across the columns), the header in row
 * 2 (frozen), then `rows`. Returns the number of data rows written.
 */
export async function writeSheet(
  filename: string,
  spec: SheetSpec,
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename,
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
    style: c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {},
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
