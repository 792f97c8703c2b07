// A synthetic population (population.ts) written as a standard ledger file — the layout the export
// writes (ledger.rules.ts) — for the ledger benchmark and the crash test: as many rows as wanted,
// streamed to disk, as .csv (UTF-8 with BOM, as Excel saves "CSV UTF-8") or .xlsx.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { type Cell, cellText, exportColumns, ledgerCells } from '../modules/ledger/ledger.rules.js';
import { writeSheet } from '../modules/ledger/ledger.writer.js';
import { type DemoHousehold, generatePopulation, type IdPartition } from './population.js';

export interface DemoLedgerOptions {
  format: 'csv' | 'xlsx';
  households: number;
  seed: number;
  today: string;
  villages: readonly { code: string; name: string }[];
  /** County and town names of a village code. */
  placeOf: (villageCode: string) => { county: string; town: string };
  countyName?: (code: string) => string | undefined;
  idPartition?: IdPartition;
  /** Stop after this many person rows (the last household may then be cut short). */
  maxRows?: number;
}

/** Ledger rows of a generated population, one per person, households in order. */
export function* demoLedgerRows(options: DemoLedgerOptions): Generator<Cell[]> {
  const villageNames = new Map(options.villages.map((v) => [v.code, v.name]));
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  let rows = 0;
  const population = generatePopulation({
    villages: options.villages,
    households: options.households,
    seed: options.seed,
    today: options.today,
    countyName: options.countyName,
    idPartition: options.idPartition,
  });
  for (const household of population as Iterable<DemoHousehold>) {
    const place = options.placeOf(household.villageCode);
    for (const person of household.members) {
      if (rows++ >= maxRows) return;
      yield ledgerCells({
        countyName: place.county,
        townName: place.town,
        villageName: villageNames.get(household.villageCode) ?? '',
        villageCode: household.villageCode,
        householdNo: household.householdNo,
        category: household.category,
        monitoringType: household.monitoringType,
        relocation: household.relocation,
        resettlementSite: household.resettlementSite,
        address: household.address,
        person: {
          ...person,
          monthlyIncome: person.monthlyIncome === null ? null : Number(person.monthlyIncome),
        },
      });
    }
  }
}

function csvField(cell: Cell): string {
  const text = cellText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes the ledger; returns the number of person rows. */
export async function writeDemoLedger(file: string, options: DemoLedgerOptions): Promise<number> {
  if (options.format === 'xlsx') {
    return writeSheet(
      file,
      {
        sheetName: '台账',
        title: '就业帮扶实名制台账（演示数据）',
        columns: exportColumns.map((c) => ({
          header: c.header,
          width: c.width,
          text: 'text' in c && c.text === true,
        })),
      },
      demoLedgerRows(options),
    );
  }
  const out = createWriteStream(file);
  let rows = 0;
  let buffer = `\uFEFF${exportColumns.map((c) => c.header).join(',')}\r\n`;
  for (const cells of demoLedgerRows(options)) {
    buffer += `${cells.map(csvField).join(',')}\r\n`;
    rows++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return rows;
}
