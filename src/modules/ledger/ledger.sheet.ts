// A spreadsheet read as a ledger: its sheet and header row found, its data rows without title,
// repeated-header, blank and footer rows, and the headers as the office wrote them. Shared by the
// registry ledger import and the monthly follow-up import.
import { AppError } from '../../shared/errors.js';
import { type LedgerSource, openLedgerSource } from './ledger.reader.js';
import {
  columnByKey,
  detectHeader,
  HEADER_SEARCH_ROWS,
  type HeaderLayout,
  isBlankRow,
  isFooterRow,
  isHeaderLikeRow,
  type LedgerKey,
  type SheetRow,
} from './ledger.rules.js';

/** Opens a file as a ledger and finds its header, or says why it cannot be read. */
export async function openLedgerSheet(
  filePath: string,
  required: readonly LedgerKey[] = [],
): Promise<{ source: LedgerSource; layout: HeaderLayout }> {
  const source = await openLedgerSource(filePath, {
    acceptSheet: (rows) => detectHeader(rows) !== null,
    probeRows: HEADER_SEARCH_ROWS + 1,
  });
  const layout = detectHeader(await source.head(HEADER_SEARCH_ROWS + 1));
  if (!layout) {
    await source.close();
    throw new AppError('ledger.headerNotFound');
  }
  const present = new Set(layout.columns.map((c) => c.key));
  const missing = [...layout.missing, ...required.filter((k) => !present.has(k))];
  if (missing.length > 0) {
    await source.close();
    throw new AppError('ledger.columnsMissing', {
      params: { columns: missing.map((k) => columnByKey.get(k)?.header ?? k).join('、') },
    });
  }
  return { source, layout };
}

/** Data rows of a ledger, with their number, skipping title, header, blank, repeated-header and footer rows. */
export async function* ledgerDataRows(
  source: LedgerSource,
  layout: HeaderLayout,
): AsyncGenerator<SheetRow[]> {
  const lastHeader = Math.max(...layout.headerRows);
  for await (const batch of source.rows()) {
    const rows = batch.filter(
      (row) =>
        row.number > lastHeader &&
        !isBlankRow(row, layout) &&
        !isFooterRow(row, layout) &&
        !isHeaderLikeRow(row, layout),
    );
    if (rows.length > 0) yield rows;
  }
}

/** The header a column has in this file (as the office wrote it), or the standard one. */
export function headerNames(layout: HeaderLayout): (key: LedgerKey) => string {
  const headers = new Map<LedgerKey, string>();
  for (const c of layout.columns) headers.set(c.key, c.header);
  return (key) => headers.get(key) ?? columnByKey.get(key)?.header ?? key;
}
