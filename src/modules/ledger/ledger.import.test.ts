// Imports of realistic office ledgers on both database kinds: exact counts and Excel row numbers
// for files written by exceljs and by LibreOffice and for CSV in UTF-8 and GB18030; the real import
// and what it stores; re-import without change; a changed row and household updated with audit
// events; region scope; the rejected-rows file, fixed and re-imported; export → import is a no-op.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { buildServices, type Services } from '../../server/context.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { buildUser } from '../../test-support/factories.js';
import { ids, makeIdNumber, officeExpected, writeOfficeXlsx } from '../../test-support/ledger-fixtures.js';
import { type Actor, RegionScope, systemActor } from '../access/scope.js';
import { openLedgerSource } from './ledger.reader.js';
import { cellText } from './ledger.rules.js';
import type { ImportReport } from './ledger.service.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/ledger');
const fixture = (name: string) => path.join(fixtures, name);
const baoxi = '150521100200';
const baonan = '150521100201';

/** Errors as [row, column, code], the shape the expectations are written in. */
const brief = (report: ImportReport) => report.errors.map((e) => [e.row, e.column, e.code]);
const expectedErrors = (shift: (row: number) => number, idHeader = '公民身份号码') =>
  officeExpected.errors.map((e) => [shift(e.row), e.column === '公民身份号码' ? idHeader : e.column, e.code]);
/** CSV has one header row and no column-number row: data rows sit two rows higher. */
const csvRow = (row: number) => row - 2;

describe.each(testDatabaseKinds())('ledger import of office files (%s)', (kind) => {
  let database: TestDatabase;
  let services: Services;
  let work: string;
  const system = systemActor();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    work = mkdtempSync(path.join(tmpdir(), 'ledger-test-'));
    services = buildServices(database, { ...loadConfig({}), dataDir: 'memory://', ledgerDir: work });
  });
  afterAll(async () => {
    await database.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  async function actorFor(role: 'operator' | 'viewer', region: string): Promise<Actor> {
    const user = await buildUser(database, role, region);
    return {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role,
      scope: RegionScope.of(region),
    };
  }

  async function snapshot() {
    const [households, persons] = await Promise.all([
      database.db.selectFrom('households').selectAll().orderBy('id').execute(),
      database.db.selectFrom('persons').selectAll().orderBy('id').execute(),
    ]);
    return JSON.stringify({ households, persons });
  }

  it.each([
    ['office-ledger.xlsx', (r: number) => r],
    ['office-ledger.libreoffice.xlsx', (r: number) => r],
    ['office-ledger.utf8.csv', csvRow],
    ['office-ledger.gb18030.csv', csvRow],
    ['office-ledger.csv.libreoffice.xlsx', csvRow],
  ])('checks %s: exact counts, Excel row numbers, columns as written', async (name, shift) => {
    const before = await snapshot();
    const report = await services.ledger.importFile(system, fixture(name), { dryRun: true });
    expect(brief(report)).toEqual(expectedErrors(shift));
    expect(report).toMatchObject({
      rows: officeExpected.rows,
      created: officeExpected.created,
      updated: 0,
      unchanged: 0,
      rejected: officeExpected.rejected,
      households: { created: officeExpected.households, updated: 0 },
      dryRun: true,
    });
    expect(report.ignoredColumns.map((c) => c.header)).toEqual(officeExpected.ignoredColumns);
    expect(report.file.encoding).toBe(
      name.endsWith('.csv') ? (name.includes('gb18030') ? 'gb18030' : 'utf-8') : null,
    );
    if (!name.includes('csv')) expect(report.file.sheet).toBe('脱贫劳动力台账');
    // Every message is Chinese text for the office.
    for (const e of report.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    // A dry run leaves the database as it was.
    expect(await snapshot()).toBe(before);
  });

  it('keeps a village clerk to the village: other villages are refused, unknown names reported', async () => {
    const clerk = await actorFor('operator', baoxi);
    const report = await services.ledger.importFile(clerk, fixture('office-ledger.xlsx'), { dryRun: true });
    expect(brief(report)).toEqual([
      [9, '公民身份号码', 'ledger.duplicateInFile'],
      [12, '公民身份号码', 'idNumber.excelMangled'],
      [14, '性别', 'ledger.sexMismatch'],
      [15, '嘎查村', 'region.outOfScope'],
      [15, '就业形式', 'employment.formRequired'],
      [16, '嘎查村', 'region.outOfScope'],
      [17, '嘎查村', 'region.unknown'],
      [18, '嘎查村', 'region.outOfScope'],
      [19, '嘎查村', 'region.outOfScope'],
      [19, '公民身份号码', 'ledger.duplicateInFile'],
    ]);
    expect(report).toMatchObject({ rows: 12, created: 4, rejected: 8, households: { created: 3 } });
    const viewer = await actorFor('viewer', baoxi);
    await expect(
      services.ledger.importFile(viewer, fixture('office-ledger.xlsx'), { dryRun: true }),
    ).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
  });

  it('imports: the good rows land as typed, in one transaction, audited with their source', async () => {
    const report = await services.ledger.importFile(system, fixture('office-ledger.xlsx'));
    expect(report).toMatchObject({
      rows: 12,
      created: 5,
      updated: 0,
      unchanged: 0,
      rejected: 7,
      dryRun: false,
    });
    const persons = await database.db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.householdId')
      .select([
        'persons.name',
        'persons.idNumber',
        'persons.villageCode',
        'households.householdNo',
        'households.category',
        'households.monitoringType',
        'households.relocation',
        'persons.relationToHead',
        'persons.phone',
        'persons.employmentForm',
        'persons.employmentStart',
        'persons.monthlyIncome',
      ])
      // Ledger order: ids follow the file only within each path of the import (ledger.direct.ts).
      .orderBy('households.villageCode')
      .orderBy('households.householdNo')
      .orderBy('persons.birthDate')
      .execute();
    expect(persons).toEqual([
      {
        name: '张德胜',
        idNumber: ids.zhangDesheng,
        villageCode: baoxi,
        householdNo: '0001',
        category: 'povertyExited',
        monitoringType: null,
        relocation: 'none',
        relationToHead: 'head',
        phone: '13847501234',
        employmentForm: 'migrantWork',
        employmentStart: '2022-06-01',
        monthlyIncome: 4500,
      },
      {
        name: '王秀兰',
        idNumber: ids.wangXiulan,
        villageCode: baoxi,
        householdNo: '0001',
        category: 'povertyExited',
        monitoringType: null,
        relocation: 'none',
        relationToHead: 'spouse',
        phone: '13847502345',
        employmentForm: 'publicWelfarePost',
        employmentStart: '2023-03-01',
        monthlyIncome: 1000,
      },
      {
        name: '李桂芝',
        idNumber: ids.liGuizhi,
        villageCode: baoxi,
        householdNo: '0002',
        category: 'monitored',
        monitoringType: 'marginal',
        relocation: 'centralized',
        relationToHead: 'head',
        phone: '13947505678',
        employmentForm: 'assistanceWorkshop',
        employmentStart: '2022-06-01',
        monthlyIncome: 3200,
      },
      {
        name: '赵军',
        idNumber: ids.zhaoJun,
        villageCode: baoxi,
        householdNo: '0003',
        category: 'povertyExited',
        monitoringType: null,
        relocation: 'none',
        relationToHead: 'head',
        phone: '0475-3212345',
        employmentForm: 'localEnterprise',
        employmentStart: '2022-06-01',
        monthlyIncome: 4800,
      },
      {
        name: '周玉',
        idNumber: ids.zhouYu,
        villageCode: baonan,
        householdNo: '0006',
        category: 'povertyExited',
        monitoringType: null,
        relocation: 'none',
        relationToHead: 'head',
        phone: null,
        employmentForm: null,
        employmentStart: null,
        monthlyIncome: null,
      },
    ]);
    expect(ids.liGuizhi.endsWith('X')).toBe(true);
    // Household 0004 lost its head (row 15) and was taken back with its other member (row 16).
    const households = await database.db
      .selectFrom('households')
      .select(['villageCode', 'householdNo'])
      .orderBy('villageCode')
      .orderBy('householdNo')
      .execute();
    expect(households.map((h) => `${h.villageCode}/${h.householdNo}`)).toEqual([
      `${baoxi}/0001`,
      `${baoxi}/0002`,
      `${baoxi}/0003`,
      `${baonan}/0006`,
    ]);
    // The import is audited by its own event; what it created names it and the row as its source,
    // and a person's history shows that event as the person's creation (decision 13).
    const audit = await database.db.selectFrom('auditEvents').select(['action', 'entityId']).execute();
    expect(audit.map((a) => a.action)).toEqual(['ledger.import']);
    const importId = Number(audit[0]?.entityId);
    const sources = await database.db
      .selectFrom('persons')
      .select(['id', 'idNumber', 'sourceImportId', 'sourceRow'])
      .orderBy('sourceRow')
      .execute();
    expect(sources.map((p) => [p.sourceImportId, p.sourceRow])).toEqual(
      [7, 8, 11, 13, 18].map((row) => [importId, row]),
    );
    const householdSources = await database.db
      .selectFrom('households')
      .select(['sourceImportId', 'sourceRow'])
      .orderBy('sourceRow')
      .execute();
    expect(householdSources.every((h) => h.sourceImportId === importId && h.sourceRow !== null)).toBe(true);
    const first = sources[0];
    if (!first) throw new Error('no person');
    const history = await services.registry.personHistory(system, first.id);
    expect(history).toMatchObject([
      {
        action: 'ledger.import',
        entityType: 'person',
        entityId: String(first.id),
        note: '台账导入 office-ledger.xlsx 第 7 行',
        after: null,
      },
    ]);
    const imports = await database.db.selectFrom('ledgerImports').selectAll().execute();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ status: 'imported', fileName: 'office-ledger.xlsx', userId: null });
  });

  it('re-importing the same file, or its LibreOffice and CSV copies, changes nothing', async () => {
    const before = await snapshot();
    const events = await database.db.selectFrom('auditEvents').select('id').execute();
    for (const name of [
      'office-ledger.xlsx',
      'office-ledger.libreoffice.xlsx',
      'office-ledger.gb18030.csv',
    ]) {
      const report = await services.ledger.importFile(system, fixture(name));
      expect(report, name).toMatchObject({ rows: 12, created: 0, updated: 0, unchanged: 5, rejected: 7 });
      expect(report.households).toEqual({ created: 0, updated: 0 });
    }
    expect(await snapshot()).toBe(before);
    const after = await database.db
      .selectFrom('auditEvents')
      .select(['id', 'action'])
      .orderBy('id')
      .execute();
    // Only the three ledger.import events themselves.
    expect(after.slice(events.length).map((e) => e.action)).toEqual([
      'ledger.import',
      'ledger.import',
      'ledger.import',
    ]);
  });

  it('a changed row updates the person, a changed household value the household, both audited', async () => {
    const file = path.join(work, 'changed.xlsx');
    await writeOfficeXlsx(file, (rows) => {
      (rows[0] as unknown[])[19] = 5200; // 张德胜 月均收入 4500 → 5200 (row 7)
      (rows[5] as unknown[])[9] = '农村低收入户'; // household 0003 户类型 (row 13, merged over 13–14)
      (rows[6] as unknown[])[9] = '农村低收入户';
    });
    const report = await services.ledger.importFile(system, file);
    expect(report).toMatchObject({ rows: 12, created: 0, updated: 2, unchanged: 3, rejected: 7 });
    expect(report.households).toEqual({ created: 0, updated: 1 });
    const events = await database.db
      .selectFrom('auditEvents')
      .select(['action', 'before', 'after', 'note'])
      .where('action', 'in', ['person.update', 'household.update'])
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        action: 'household.update',
        before: { category: 'povertyExited' },
        after: { category: 'lowIncome' },
        note: '台账导入 changed.xlsx 第 13 行',
      },
      {
        action: 'person.update',
        before: { monthlyIncome: 4500 },
        after: { monthlyIncome: 5200 },
        note: '台账导入 changed.xlsx 第 7 行',
      },
    ]);
    const zhang = await database.db
      .selectFrom('persons')
      .select(['monthlyIncome', 'version'])
      .where('idNumber', '=', ids.zhangDesheng)
      .executeTakeFirstOrThrow();
    expect(zhang).toEqual({ monthlyIncome: 5200, version: 2 });
  });

  it('refuses an ID number registered in another village to a clerk who cannot see it', async () => {
    const clerk = await actorFor('operator', baoxi);
    const file = path.join(work, 'elsewhere.csv');
    writeFileSync(
      file,
      `姓名,身份证号码,与户主关系,户编号,户类型,劳动能力,就业状态,未就业原因\n周玉,${ids.zhouYu},户主,0009,脱贫户,半劳动力,未就业,因病\n`,
    );
    const report = await services.ledger.importFile(clerk, file, { dryRun: true });
    expect(brief(report)).toEqual([[2, '身份证号码', 'ledger.idNumberElsewhere']]);
    expect(report.errors[0]?.message).not.toContain('保南');
  });

  it('writes the rejected rows with their reasons; fixed, they import', async () => {
    const report = await services.ledger.importFile(system, fixture('office-ledger.xlsx'), { dryRun: true });
    const rejected = path.join(work, 'rejected.xlsx');
    const written = await services.ledger.writeRejectedRows(fixture('office-ledger.xlsx'), report, rejected);
    expect(written).toBe(7);
    const source = await openLedgerSource(rejected);
    const rows: (string | number)[][] = [];
    for await (const batch of source.rows())
      for (const r of batch) rows.push(r.cells.map((c) => cellText(c)));
    await source.close();
    expect(rows[0]?.[0]).toMatch(/^未导入的行：office-ledger\.xlsx（共 7 行/);
    expect(rows[1]?.slice(-3)).toEqual(['备注', '原行号', '未导入原因']);
    expect(rows.slice(2).map((r) => r.at(-2))).toEqual(['9', '12', '14', '15', '16', '17', '19']);
    expect(rows[2]?.[6]).toBe(ids.zhangLei);
    expect(rows[3]?.at(-1)).toBe(
      '公民身份号码：身份证号码被 Excel 存成了数字，后几位已丢失，请将该列设为文本后重新录入',
    );
    // Merged household cells are written out on every row, so each row stands alone.
    expect(rows.slice(2).map((r) => r[4])).toEqual(['0001', '0002', '0003', '0004', '0004', '0005', '0006']);

    // The office fixes the rows in Excel and imports the same file again.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(rejected);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const fix = (excelRow: number, column: number, value: ExcelJS.CellValue) => {
      sheet.getRow(excelRow).getCell(column).value = value;
    };
    fix(3, 7, makeIdNumber('150521', '20010903', 175)); // row 9: 张磊 gets his own number
    fix(4, 7, ids.liQiang); // row 12: re-entered as text
    fix(5, 8, '女'); // row 14
    fix(6, 15, '外出务工'); // row 15
    fix(8, 4, '保东村'); // row 17: the village as written in the register
    const output = path.join(work, 'fixed.xlsx');
    await book.xlsx.writeFile(output);
    const fixed = await services.ledger.importFile(system, output);
    expect(brief(fixed)).toEqual([]);
    expect(fixed).toMatchObject({ rows: 7, created: 7, rejected: 0 });
    expect(fixed.ignoredColumns.map((c) => c.header)).toEqual(['序号', '备注', '原行号', '未导入原因']);
  });

  it('export → import is a no-op, and the export opens as a ledger with text ID numbers', async () => {
    const exported = await services.ledger.exportLedger(system, '150521000000');
    expect(exported.rows).toBe(12);
    const before = await snapshot();
    const report = await services.ledger.importFile(system, exported.file);
    expect(report).toMatchObject({ rows: 12, created: 0, updated: 0, unchanged: 12, rejected: 0 });
    expect(report.ignoredColumns).toEqual([]);
    expect(await snapshot()).toBe(before);

    const source = await openLedgerSource(exported.file);
    const head = await source.head(3);
    await source.close();
    expect(cellText(head[0]?.cells[0] ?? null)).toMatch(/^科尔沁左翼中旗就业帮扶实名制台账（导出日期/);
    expect(head[1]?.cells.slice(0, 6)).toEqual([
      '县(市、区)',
      '乡镇(街道)',
      '村(社区)',
      '村代码',
      '户编号',
      '帮扶对象类别',
    ]);
    expect(typeof head[2]?.cells[12]).toBe('string');
    const xml = unzipEntry(exported.file, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('state="frozen"');
    expect(xml).toContain('ySplit="2"');
    expect(xml).toMatch(/<col min="13" max="13" width="2\d/);

    // LibreOffice reads it too, keeping every digit of the ID numbers.
    if (hasSoffice()) {
      const csv = convertWithLibreOffice(exported.file);
      expect(csv).toContain(ids.zhangDesheng);
      expect(csv).not.toMatch(/E\+17/);
    }
    rmSync(exported.file, { force: true });
  });

  it('exports lists with the filters of the list pages, masked for read-only accounts, and audits it', async () => {
    const viewer = await actorFor('viewer', '150521000000');
    const masked = await services.ledger.exportPersons(viewer, { employmentStatus: 'employed' });
    const search = await services.registry.searchPersons(viewer, {
      employmentStatus: 'employed',
      sort: 'villageCode',
      order: 'asc',
      page: 1,
      pageSize: 200,
    });
    const source = await openLedgerSource(masked.file);
    const rows: string[][] = [];
    for await (const batch of source.rows())
      for (const r of batch) rows.push(r.cells.map((c) => cellText(c)));
    await source.close();
    expect(masked.rows).toBe(search.total);
    expect(
      rows
        .slice(2)
        .map((r) => r[10])
        .sort(),
    ).toEqual(search.items.map((p) => p.name).sort());
    expect(rows.slice(2).every((r) => /^\d{6}\*{8}[\dX]{4}$/.test(r[12] ?? ''))).toBe(true);
    await expect(services.ledger.exportPersons(viewer, { unmasked: true })).rejects.toMatchObject({
      code: 'auth.forbidden',
    });

    const households = await services.ledger.exportHouseholds(viewer, {});
    expect(households.rows).toBe(6);
    const audit = await database.db
      .selectFrom('auditEvents')
      .select(['actorId', 'after', 'regionCode'])
      .where('action', '=', 'ledger.export')
      .where('actorId', '=', viewer.userId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.after)).toEqual([
      { kind: 'persons', rows: search.total, masked: true, filters: { employmentStatus: 'employed' } },
      { kind: 'households', rows: 6, masked: true, filters: {} },
    ]);
    rmSync(masked.file, { force: true });
    rmSync(households.file, { force: true });
  });
});

function unzipEntry(file: string, entry: string): string {
  return execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

function convertWithLibreOffice(file: string): string {
  const out = mkdtempSync(path.join(tmpdir(), 'ledger-lo-'));
  try {
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${out}/profile`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        out,
        file,
      ],
      { stdio: 'pipe', env: { ...process.env, HOME: out } },
    );
    return readFileSync(path.join(out, `${path.basename(file, '.xlsx')}.csv`), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
