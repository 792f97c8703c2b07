// Reading what the browser downloaded: a saved file, every row of a sheet as text.
import path from 'node:path';
import type { Download } from 'playwright-core';
import { openLedgerSource } from '../../../src/modules/ledger/ledger.reader.js';
import { cellText } from '../../../src/modules/ledger/ledger.rules.js';

/** Every row of a downloaded sheet as text. */
export async function sheetRows(file: string): Promise<string[][]> {
  const source = await openLedgerSource(file);
  const rows: string[][] = [];
  try {
    for await (const batch of source.rows())
      for (const r of batch) rows.push(r.cells.map((c) => cellText(c)));
  } finally {
    await source.close();
  }
  return rows;
}

/** The download saved in `folder` under the name the server gave it. */
export async function saved(download: Download, folder: string): Promise<string> {
  const file = path.join(folder, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}
