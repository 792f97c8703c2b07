// The import's direct path (ledger.direct.ts) against the set-based statements alone: the same files
// imported both ways into fresh databases give the same reports and store the same households,
// people and audit records (surrogate ids and timestamps aside). The files: every office ledger
// fixture, and generated ledgers spanning many small chunks with what the whole-file rules refuse —
// ID numbers given twice (in one chunk, across chunks, beside a refused row), households stated two
// ways, a monitored household without its type, rows waiting for a household nobody describes, two
// heads — and then a second file that updates, matches and adds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { demoLedgerRows } from '../../demo/demo.ledger.js';
import { buildServices } from '../../server/context.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { systemActor } from '../access/scope.js';
import { regionsRepository } from '../regions/regions.repository.js';
import { type Cell, cellText, exportColumns, type LedgerKey } from './ledger.rules.js';
import type { ImportOptions, ImportReport } from './ledger.service.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/ledger');
const officeFixtures = [
  'office-ledger.xlsx',
  'office-ledger.libreoffice.xlsx',
  'office-ledger.utf8.csv',
  'office-ledger.gb18030.csv',
  'office-ledger.csv.libreoffice.xlsx',
];
const CHUNK = 40;

const column = (key: LedgerKey) => exportColumns.findIndex((c) => c.key === key);

/** Writes rows of the export layout as CSV, without the columns of `leaveOut`. */
function writeCsv(file: string, rows: Cell[][], leaveOut: readonly LedgerKey[] = []) {
  const kept = exportColumns.flatMap((c, i) => (leaveOut.includes(c.key) ? [] : [i]));
  const field = (cell: Cell) => {
    const text = cellText(cell);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [exportColumns.map((c) => c.header), ...rows].map((r) =>
    kept.map((i) => field(r[i] ?? null)).join(','),
  );
  writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
}

/** Everything an import writes, by business keys, in a stable order. */
async function stored(db: Kysely<DB>) {
  const households = await sql`select village_code, household_no, category, monitoring_type, relocation,
      resettlement_site, address, deleted_at, version, source_import_id, source_row
    from households order by village_code, household_no`.execute(db);
  const persons = await sql<
    Record<string, unknown>
  >`select h.village_code || '/' || h.household_no as household, p.*
    from persons p join households h on h.id = p.household_id order by p.id_number`.execute(db);
  const audit = await sql`select a.action, a.entity_type, a.actor_id, a.region_code, a.before,
      a.after - 'id' - 'householdId' - 'sha256' as after, a.note,
      coalesce(p.id_number, h.village_code || '/' || h.household_no) as entity
    from audit_events a
    left join persons p on a.entity_type = 'person' and p.id::text = a.entity_id
    left join households h on a.entity_type = 'household' and h.id::text = a.entity_id
    order by a.action, entity, a.note`.execute(db);
  const surrogate = /^(id|household_?[iI]d|created_?[aA]t|updated_?[aA]t)$/;
  return {
    households: households.rows,
    persons: persons.rows.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !surrogate.test(k))),
    ),
    audit: audit.rows,
  };
}

describe.each(testDatabaseKinds())('ledger import, direct path against set-based statements (%s)', (kind) => {
  let work: string;
  let villages: { code: string; name: string }[];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'ledger-direct-'));
    const probe = await openTestDatabase(kind);
    // The villages of 保康镇 (科左中旗), from the shipped region tree.
    villages = await regionsRepository(probe.db).children('150521100000');
    await probe.dispose();
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /**
   * Imports the files one after another into a fresh database: the reports, what is stored, and how
   * many people each import wrote straight into persons by COPY (the direct path).
   */
  async function importAll(files: string[], options: ImportOptions) {
    const database: TestDatabase = await openTestDatabase(kind);
    let copied = 0;
    const bulkLoad = database.bulkLoad.bind(database);
    database.bulkLoad = (work) =>
      bulkLoad((loader) =>
        work({
          ...loader,
          async copy(table, columns, rows) {
            const n = await loader.copy(table, columns, rows);
            if (table === 'persons') copied += n;
            return n;
          },
        }),
      );
    try {
      const services = buildServices(database, { ...loadConfig({}), dataDir: 'memory://', ledgerDir: work });
      const reports: ImportReport[] = [];
      const direct: number[] = [];
      for (const file of files) {
        copied = 0;
        reports.push(await services.ledger.importFile(systemActor(), file, { ...options, chunkRows: CHUNK }));
        direct.push(copied);
      }
      return { reports, direct, stored: await stored(database.db) };
    } finally {
      await database.dispose();
    }
  }

  async function expectSameBothWays(files: string[]) {
    const direct = await importAll(files, {});
    const setBased = await importAll(files, { setBasedOnly: true });
    expect(setBased.direct.every((n) => n === 0)).toBe(true);
    expect(direct.reports).toEqual(setBased.reports);
    expect(direct.stored).toEqual(setBased.stored);
    return direct;
  }

  /** Ledger rows of a generated population of 保康镇; populations of another `block` have other ID numbers. */
  const population = (households: number, seed: number, block: number) => [
    ...demoLedgerRows({
      format: 'csv',
      households,
      seed,
      today: '2026-05-01',
      villages,
      idPartition: { index: block, of: 2 },
      placeOf: () => ({ county: '科尔沁左翼中旗', town: '保康镇' }),
    }),
  ];

  /** A generated ledger with the problems the whole-file rules catch, spread over many chunks. */
  function generated(): Cell[][] {
    const rows = population(90, 11, 0);
    const [id, householdNo, category, type, address, relation, phone] = (
      ['idNumber', 'householdNo', 'category', 'monitoringType', 'address', 'relationToHead', 'phone'] as const
    ).map(column) as [number, number, number, number, number, number, number];
    const rowOf = (n: number) => rows[n] as Cell[];
    const householdRows = (n: number) => rows.filter((r) => r[householdNo] === rowOf(n)[householdNo]);
    // An ID number given twice in one chunk, and across chunks.
    rowOf(7)[id] = rowOf(3)[id] as Cell;
    rowOf(150)[id] = rowOf(20)[id] as Cell;
    // A refused row (bad phone) whose ID number a later, good row gives again.
    rowOf(60)[phone] = '12345';
    rowOf(130)[id] = rowOf(60)[id] as Cell;
    // A household stated two ways: by its last row (often in the next chunk) and inside one chunk.
    for (const n of [38, 100]) {
      const members = householdRows(n);
      (members[members.length - 1] as Cell[])[address] = '另一个地址';
    }
    // A monitored household without its type.
    const monitored = rows.findIndex((r) => r[type] !== null && r[type] !== '');
    for (const r of householdRows(monitored)) r[type] = null;
    // Rows of a household nobody describes (no category on any of its rows).
    for (const r of householdRows(200)) r[category] = null;
    // The head of a household written directly in the first chunk, given again by a row of a later
    // chunk: both rows are taken back, and the household left without its head is reported.
    const head = rowOf(0)[relation] as Cell;
    const early = rows.findIndex(
      (r, n) =>
        n > 8 &&
        r[relation] === head &&
        householdRows(n).length > 1 &&
        householdRows(n).every((m) => rows.indexOf(m) > 8 && rows.indexOf(m) < 19),
    );
    expect(early).toBeGreaterThan(8);
    rowOf(170)[id] = rowOf(early)[id] as Cell;
    // Two heads.
    const members = householdRows(250);
    (members[members.length - 1] as Cell[])[relation] = head;
    return rows;
  }

  it('imports every office ledger fixture the same way', async () => {
    const { reports, direct } = await expectSameBothWays(
      officeFixtures.map((name) => path.join(fixtures, name)),
    );
    expect(reports[0]?.created).toBeGreaterThan(0);
    expect(direct[0]).toBeGreaterThan(0);
  }, 120_000);

  it('imports a generated ledger with whole-file problems, then a second one that updates and adds', async () => {
    const rows = generated();
    const first = path.join(work, 'first.csv');
    writeCsv(first, rows);
    // The second file: every row again (unchanged or refused again), some changed, new people added.
    const [employer, householdNo] = (['employer', 'householdNo'] as const).map(column) as [number, number];
    const again = rows.map((r, n) => (n % 9 === 0 ? r.map((c, i) => (i === employer ? '新单位' : c)) : r));
    const more = population(30, 12, 1);
    // New households, but for the first rows: new people in households of the first file.
    for (const r of more.slice(45)) r[householdNo] = `N${cellText(r[householdNo] as Cell)}`;
    const second = path.join(work, 'second.csv');
    writeCsv(second, [...more.slice(0, 45), ...again, ...more.slice(45)]);

    const { reports, direct } = await expectSameBothWays([first, second]);
    // Most rows of the first file went direct, and new households of the second.
    expect(direct[0]).toBeGreaterThan(200);
    expect(direct[1]).toBeGreaterThan(0);
    const codes = new Set(reports[0]?.errors.map((e) => e.code));
    for (const code of [
      'ledger.duplicateInFile',
      'ledger.householdDiffers',
      'household.monitoringTypeRequired',
      'ledger.requiredForNew',
      'household.headNotUnique',
      'household.headMissing',
    ])
      expect(codes).toContain(code);
    expect(reports[0]?.created).toBeGreaterThan(200);
    expect(reports[1]).toMatchObject({ updated: expect.any(Number), created: expect.any(Number) });
    expect(reports[1]?.updated).toBeGreaterThan(0);
    expect(reports[1]?.created).toBeGreaterThan(0);
  }, 300_000);

  it('imports a generated ledger lacking optional columns: defaults, checks of partial column groups', async () => {
    const file = path.join(work, 'partial.csv');
    writeCsv(file, generated(), ['relocation', 'resettlementSite', 'health', 'skills', 'phone', 'workplace']);
    const { reports, direct } = await expectSameBothWays([file]);
    expect(reports[0]?.created).toBeGreaterThan(200);
    expect(direct[0]).toBeGreaterThan(150);
  }, 120_000);
});
