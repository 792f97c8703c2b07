// A month of demo monitoring over 科左中旗 through the real HTTP stack: every monthly figure equals
// the length of the list of people behind it (that month's follow-ups, frozen), the trend ends with
// the month's figures, and every .xlsx export, read back with the project's reader, holds exactly
// the JSON API's figures.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoPopulation } from '../../demo/demo.loader.js';
import { loadDemoMonitoring, loadDemoTargets } from '../../demo/demo.monitoring.js';
import { localDay } from '../../shared/dates.js';
import { openTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test-support/databases.js';
import { buildTestApp, type Caller, call } from '../../test-support/http.js';
import { systemActor } from '../access/scope.js';
import { openLedgerSource } from '../ledger/ledger.reader.js';
import type { Cell } from '../ledger/ledger.rules.js';
import { addMonths } from '../monitoring/monitoring.rules.js';
import { employmentForm, workLocation } from '../registry/registry.codes.js';

const county = '150521000000';

type MonthlyChild = Record<'employed' | 'labourers' | 'zeroEmploymentHouseholds' | 'warningsOpen', number> & {
  region: { code: string; name: string };
  byForm: Record<string, number>;
  byLocation: Record<string, number>;
};

describe.each(testDatabaseKinds())('monthly statistics, the people behind them and exports (%s)', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Caller;
  let viewer: Caller;
  let folder: string;
  const today = localDay(new Date());
  const month = addMonths(today.slice(0, 7), -1);
  const get = (caller: Caller, url: string) => call(app.app, caller, { method: 'GET', url });
  const json = async (caller: Caller, url: string) => {
    const response = await get(caller, url);
    expect(response.statusCode, `${url} → ${response.body}`).toBe(200);
    return response.json();
  };

  /** Downloads an export and reads it back with the ledger reader: title, header and data rows. */
  async function sheet(caller: Caller, url: string) {
    const response = await get(caller, url);
    expect(response.statusCode, `${url} → ${response.body.slice(0, 300)}`).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=.*filename\*=UTF-8''/);
    const file = path.join(folder, `${Math.random().toString(36).slice(2)}.xlsx`);
    await writeFile(file, response.rawPayload);
    const source = await openLedgerSource(file);
    try {
      const rows = await source.head(100_000);
      const [title, header, ...data] = rows.map((r) => r.cells);
      return { title: String(title?.[0]), header: (header ?? []) as string[], data: data as Cell[][] };
    } finally {
      await source.close();
    }
  }
  const column = (s: { header: string[] }, name: string) => {
    const index = s.header.indexOf(name);
    if (index < 0) throw new Error(`no column ${name} in ${s.header.join(',')}`);
    return index;
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'bangfu-stats-export-'));
    database = await openTestDatabase(kind);
    await loadDemoPopulation(database, {
      households: 160,
      seed: 3,
      regionCode: county,
      householdsPerVillage: 20,
      today,
    });
    await loadDemoMonitoring(database, { months: 14, seed: 3, regionCode: county, today });
    app = await buildTestApp(database);
    await loadDemoTargets(app.services, Number(month.slice(0, 4)));
    await app.services.monitoring.computeWarnings(systemActor(), county, month);
    admin = await app.loginAs('admin', county);
    viewer = await app.loginAs('viewer', county);
  });
  afterAll(async () => {
    await app.app.close();
    await database.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it('lists exactly the people behind every figure of a month, masked', async () => {
    const m = await json(viewer, `/api/stats/monthly?region=${county}&month=${month}`);
    expect(m.persons).toBeGreaterThan(100);
    const total = async (filter: string) =>
      (await json(viewer, `/api/stats/monthly/people?region=${county}&month=${month}&pageSize=1&${filter}`))
        .total;
    expect(await total('')).toBe(m.persons);
    expect(await total('labourer=true')).toBe(m.labourers);
    expect(await total('employed=true')).toBe(m.employed);
    expect(await total('labourer=true&employed=false')).toBe(m.unemployedLabourers);
    expect(await total('employed=true&relocated=true')).toBe(m.relocatedEmployed);
    expect(await total('employed=true&cooperation=true')).toBe(m.cooperationEmployed);
    for (const form of employmentForm.codes)
      expect(await total(`employed=true&employmentForm=${form}`), form).toBe(m.byForm[form]);
    for (const place of workLocation.codes)
      expect(await total(`employed=true&workLocation=${place}`), place).toBe(m.byLocation[place]);
    // Zero-employment households: their members, one household each.
    const members = await json(
      viewer,
      `/api/stats/monthly/people?region=${county}&month=${month}&pageSize=200&zeroEmploymentHousehold=true`,
    );
    expect(members.total).toBeLessThanOrEqual(200);
    expect(new Set(members.items.map((p: { householdId: number }) => p.householdId)).size).toBe(
      m.zeroEmploymentHouseholds,
    );

    const page = await json(
      viewer,
      `/api/stats/monthly/people?region=${county}&month=${month}&employed=true&pageSize=5&page=2`,
    );
    expect(page).toMatchObject({ page: 2, pageSize: 5, month, total: m.employed });
    expect(page.items).toHaveLength(5);
    for (const p of page.items) {
      expect(p.employmentStatus).toBe('employed');
      expect(p.idNumber).toMatch(/\*{6,}/);
      expect(p.masked).toBe(true);
    }
    // A child region's list is that region's share.
    const town = m.children.find((c: { persons: number }) => c.persons > 0);
    const townList = await json(
      viewer,
      `/api/stats/monthly/people?region=${town.region.code}&month=${month}&employed=true&pageSize=1`,
    );
    expect(townList.total).toBe(town.employed);
  });

  it('keeps a past month’s people as recorded when the registry changes later', async () => {
    const before = await json(
      admin,
      `/api/stats/monthly/people?region=${county}&month=${month}&employed=true&pageSize=1`,
    );
    const person = before.items[0];
    const current = await json(admin, `/api/persons/${person.personId}`);
    const edited = await call(app.app, admin, {
      method: 'PATCH',
      url: `/api/persons/${person.personId}`,
      payload: {
        version: current.version,
        employmentStatus: 'unemployed',
        employmentForm: null,
        workLocation: null,
        workplace: null,
        employer: null,
        employmentStart: null,
        monthlyIncome: null,
        notWorkingReason: 'idle',
        organizedByCooperation: false,
        cooperationName: null,
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = await json(
      admin,
      `/api/stats/monthly/people?region=${county}&month=${month}&employed=true&pageSize=1`,
    );
    expect(after.total).toBe(before.total);
    expect(after.items[0]).toMatchObject({ personId: person.personId, employmentStatus: 'employed' });
  });

  it('gives a trend of month totals ending with the month’s figures', async () => {
    const m = await json(viewer, `/api/stats/monthly?region=${county}&month=${month}`);
    const trend = await json(viewer, `/api/stats/trend?region=${county}&month=${month}&months=13`);
    expect(trend.items).toHaveLength(13);
    expect(trend.items.at(-1)).toMatchObject({ month, employed: m.employed, labourers: m.labourers });
    expect(trend.items[0].month).toBe(addMonths(month, -12));
    expect(trend.items.at(-2).employed).toBe(m.lastMonth.employed);
    expect(m.changeFromLastMonth.employed).toBe(m.employed - m.lastMonth.employed);
  });

  it('exports the monthly statistics with the figures of the JSON API', async () => {
    const m = await json(viewer, `/api/stats/monthly?region=${county}&month=${month}`);
    const s = await sheet(viewer, `/api/stats/export/monthly.xlsx?region=${county}&month=${month}`);
    expect(s.title).toContain('科尔沁左翼中旗');
    expect(s.title).toContain(month);
    expect(s.data).toHaveLength(m.children.length + 1);
    const [name, code, employed, labourers, rate, migrant, outside, zero, warnings] = [
      '地区',
      '区划代码',
      '已就业',
      '劳动力',
      '劳动力就业率',
      '外出务工',
      '省外',
      '零就业家庭',
      '未解除预警',
    ].map((h) => column(s, h)) as number[];
    m.children.forEach((child: MonthlyChild, i: number) => {
      const row = s.data[i] as Cell[];
      expect(row[name as number]).toBe(child.region.name);
      expect(row[code as number]).toBe(child.region.code);
      expect(row[employed as number]).toBe(child.employed);
      expect(row[labourers as number]).toBe(child.labourers);
      expect(row[migrant as number]).toBe(child.byForm.migrantWork);
      expect(row[outside as number]).toBe(child.byLocation.outOfProvince);
      expect(row[zero as number]).toBe(child.zeroEmploymentHouseholds);
      expect(row[warnings as number]).toBe(child.warningsOpen);
    });
    const totalRow = s.data.at(-1) as Cell[];
    expect(String(totalRow[name as number])).toContain('合计');
    expect(totalRow[employed as number]).toBe(m.employed);
    expect(typeof totalRow[employed as number]).toBe('number');
    expect(totalRow[rate as number] as number).toBeCloseTo(m.employed / m.labourers, 6);
    expect(totalRow[warnings as number]).toBe(m.warningsOpen);
    // English headers on request.
    const english = await call(app.app, viewer, {
      method: 'GET',
      url: `/api/stats/export/monthly.xlsx?region=${county}&month=${month}`,
      headers: { 'accept-language': 'en' },
    });
    expect(english.statusCode).toBe(200);
  });

  it('lays the sheet out like the ledgers: title, frozen header, widths for Chinese, percent cells', async () => {
    const response = await get(viewer, `/api/stats/export/monthly.xlsx?region=${county}&month=${month}`);
    const file = path.join(folder, 'layout.xlsx');
    await writeFile(file, response.rawPayload);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.name).toBe('月度统计');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getCell(1, 1).isMerged).toBe(true);
    const headers = (sheet.getRow(2).values as unknown[]).slice(1) as string[];
    const widthOf = (header: string) => sheet.getColumn(headers.indexOf(header) + 1).width ?? 0;
    // 劳动力就业率 is six Chinese characters: twelve units and a margin.
    expect(widthOf('劳动力就业率')).toBeGreaterThanOrEqual(14);
    const rate = sheet.getCell(3, headers.indexOf('劳动力就业率') + 1);
    expect(rate.numFmt).toBe('0.0%');
    expect(sheet.getCell(3, headers.indexOf('区划代码') + 1).numFmt).toBe('@');
  });

  it('exports the progress against targets, the warnings and the reporting as the API gives them', async () => {
    const progress = await json(viewer, `/api/targets/progress?region=${county}&month=${month}`);
    expect(progress.items.length).toBeGreaterThan(0);
    const p = await sheet(viewer, `/api/stats/export/targets.xlsx?region=${county}&month=${month}`);
    expect(p.data).toHaveLength(progress.items.length);
    progress.items.forEach(
      (item: { target: number; actual: number; region: { name: string } }, i: number) => {
        const row = p.data[i] as Cell[];
        expect(row[column(p, '地区')]).toBe(item.region.name);
        expect(row[column(p, '目标')]).toBe(item.target);
        expect(row[column(p, '实际')]).toBe(item.actual);
      },
    );
    // 科左中旗's share of the annex: 400 relocated people in work.
    const relocated = p.data.find((r) => String(r[column(p, '指标')]).includes('易地搬迁'));
    expect(relocated?.[column(p, '目标')]).toBe(400);

    const warnings = await json(
      viewer,
      `/api/monitoring/warnings?region=${county}&month=${month}&pageSize=200`,
    );
    const countOf = (counts: { n: number }[]) => counts.reduce((a, c) => a + c.n, 0);
    const w = await sheet(viewer, `/api/stats/export/warnings.xlsx?region=${county}&month=${month}`);
    expect(w.data).toHaveLength(countOf(warnings.counts));
    expect(w.data.length).toBeGreaterThan(0);
    const firstOnPage = warnings.items[0];
    expect(w.data[0]?.[column(w, '姓名')]).toBe(firstOnPage.personName ?? '（全户）');
    const lost = await sheet(
      viewer,
      `/api/stats/export/warnings.xlsx?region=${county}&month=${month}&rule=lostJob`,
    );
    expect(lost.data).toHaveLength(
      countOf(warnings.counts.filter((c: { rule: string }) => c.rule === 'lostJob')),
    );
    expect(new Set(lost.data.map((r) => r[column(lost, '预警类型')]))).toEqual(
      new Set(lost.data.length ? ['就业转失业'] : []),
    );

    const reporting = await json(viewer, `/api/monitoring/reporting?region=${county}&month=${month}`);
    const r = await sheet(viewer, `/api/stats/export/reporting.xlsx?region=${county}&month=${month}`);
    expect(r.data).toHaveLength(reporting.children.length + 1);
    const last = r.data.at(-1) as Cell[];
    expect(last[column(r, '应报村数')]).toBe(reporting.expected);
    expect(last[column(r, '已报送')]).toBe(reporting.submitted);
    expect(last[column(r, '报送率')] as number).toBeCloseTo((reporting.reportingRate ?? 0) / 100, 6);
  });

  it('exports the people behind a figure masked, and unmasked only to a role that may (audited)', async () => {
    const list = await json(
      admin,
      `/api/stats/monthly/people?region=${county}&month=${month}&employed=true&workLocation=outOfProvince&pageSize=200`,
    );
    const url = `/api/stats/export/people.xlsx?region=${county}&month=${month}&employed=true&workLocation=outOfProvince`;
    const masked = await sheet(viewer, url);
    expect(masked.title).toContain('已就业 · 省外');
    expect(masked.data).toHaveLength(list.total);
    const id = column(masked, '身份证号码');
    expect(masked.data.every((r) => /\*{6,}/.test(String(r[id])))).toBe(true);

    expect((await get(viewer, `${url}&unmasked=true`)).statusCode).toBe(403);
    const full = await sheet(admin, `${url}&unmasked=true`);
    const numbers = full.data.map((r) => r[id]);
    expect(numbers.every((n) => typeof n === 'string' && /^\d{17}[\dX]$/.test(n))).toBe(true);
    const audit = await database.db
      .selectFrom('auditEvents')
      .select(['note'])
      .where('action', '=', 'stats.export')
      .where('entityType', '=', 'monthPeople')
      .execute();
    expect(audit.map((a) => a.note)).toContain('导出完整证件号码（未脱敏）');
  });

  it('refuses bad input with a field error, not a 500', async () => {
    for (const url of [
      `/api/stats/monthly/people?region=${county}&month=2026-13`,
      `/api/stats/monthly/people?region=${county}&month=${month}&employed=maybe`,
      `/api/stats/monthly/people?region=${county}&month=${month}&workLocation=moon`,
      `/api/stats/trend?region=${county}&month=${month}&months=100`,
      `/api/stats/export/warnings.xlsx?region=${county}&month=${month}&rule=nothing`,
    ]) {
      const response = await get(viewer, url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
