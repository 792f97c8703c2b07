// Browser journeys of the ledger (台账导入/导出): a county official uploads an office ledger written
// by LibreOffice, sees the check's exact counts, the columns found and the Excel row of every
// refused row, confirms, sees the result, downloads the rejected rows (a real .xlsx with the reason
// column) and exports the filtered person list; a file of the wrong kind or empty is refused before
// sending; a town clerk on a phone is told which rows lie outside the town; a 15,000-row ledger
// shows the rows read while it is checked and imported; a read-only account has no import.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, officeExpected, writeTownLedger } from '../../src/test-support/ledger-fixtures.js';
import { hasChromium, launchBrowser, logIn, newContext, phone, screenshot } from './support/browser.js';
import { freeIdNumber, regionName, regionOf } from './support/data.js';
import { demoPassword, type E2eServer, kzzqCode, startE2eServer } from './support/server.js';
import { saved, sheetRows } from './support/sheets.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/ledger');

/** A smaller upload limit than the service's 300 MB, so that "too large" is quick to show. */
const uploadLimit = 8 * 1024 * 1024;

const count = (page: Page, key: string) => page.getByTestId(`count-${key}`).locator('.ant-statistic-content');

describe.skipIf(!hasChromium)('ledger import and export in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let work: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ uploadLimit }), launchBrowser()]);
    work = mkdtempSync(path.join(tmpdir(), 'bangfu-e2e-ledger-'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('imports an office ledger: preview with exact counts and rows, confirm, result, rejected rows, export', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'county', demoPassword);
    await page.getByRole('link', { name: '台账导入/导出' }).click();
    await page.getByRole('heading', { level: 1, name: '台账导入/导出 · 科尔沁左翼中旗' }).waitFor();
    expect(new URL(page.url()).searchParams.get('region')).toBe(kzzqCode);
    const upload = page.getByTestId('ledger-upload');
    await upload.getByText('科尔沁左翼中旗').waitFor();
    const input = upload.locator('input[type=file]');

    // Refused before sending: the wrong kind of file, an old .xls, an empty file.
    await input.setInputFiles({
      name: '花名册.docx',
      mimeType: 'application/msword',
      buffer: Buffer.from('x'),
    });
    await page
      .getByTestId('upload-problem')
      .getByText('只能上传 .xlsx 或 .csv 文件', { exact: false })
      .waitFor();
    await input.setInputFiles({
      name: '旧台账.xls',
      mimeType: 'application/vnd.ms-excel',
      buffer: Buffer.from('x'),
    });
    await page.getByTestId('upload-problem').getByText('另存为', { exact: false }).waitFor();
    await input.setInputFiles({ name: '空台账.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await page.getByTestId('upload-problem').getByText('是空文件', { exact: false }).waitFor();
    await input.setInputFiles({
      name: '全旗台账.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(uploadLimit + 1, 'a'),
    });
    await page
      .getByTestId('upload-problem')
      .getByText('超过了允许的大小（8.0 MB）', { exact: false })
      .waitFor();
    // The server's own refusal: a CSV without a ledger header.
    await input.setInputFiles({
      name: '说明.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('这不是台账\n只是一些文字\n'),
    });
    await page.getByTestId('upload-problem').getByText('表头', { exact: false }).waitFor();

    // The office's ledger as LibreOffice wrote it.
    await input.setInputFiles(path.join(fixtures, 'office-ledger.libreoffice.xlsx'));
    await page.waitForURL((url) => /^\/ledger\/imports\/\d+$/.test(url.pathname), { timeout: 60_000 });
    await page.getByTestId('import-status').getByText('已检查，待确认导入').waitFor({ timeout: 60_000 });
    expect(await count(page, 'rows').textContent()).toBe(String(officeExpected.rows));
    expect(await count(page, 'created').textContent()).toBe(String(officeExpected.created));
    expect(await count(page, 'updated').textContent()).toBe('0');
    expect(await count(page, 'unchanged').textContent()).toBe('0');
    expect(await count(page, 'rejected').textContent()).toBe(String(officeExpected.rejected));

    // The columns as the office wrote them, and what they became.
    const mapping = page.getByTestId('column-mapping');
    const idRow = mapping.locator('tr', { hasText: '公民身份号码' });
    expect(await idRow.textContent()).toContain('身份证号码');
    expect(await mapping.locator('tr', { hasText: '月均收入（元）' }).textContent()).toContain('月收入');
    const ignored = await page.getByTestId('ignored-columns').textContent();
    for (const header of officeExpected.ignoredColumns) expect(ignored).toContain(header);

    // Every problem with its Excel row, the column as written, a Chinese message.
    const errors = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    await errors.first().waitFor();
    const cells: string[][] = [];
    for (const row of await errors.all()) cells.push(await row.locator('td').allTextContents());
    expect(cells.map((c) => [Number(c[0]), c[1]])).toEqual(
      officeExpected.errors.map((e) => [e.row, e.column]),
    );
    for (const c of cells) expect(c[2]).toMatch(/[\u4e00-\u9fa5]/);
    expect(cells[1]?.[2]).toContain('文本');
    await screenshot(page, 'ledger-preview', { fullPage: true });
    // Nothing is written before the confirmation.
    const stored = () =>
      server.database.db
        .selectFrom('persons')
        .select('idNumber')
        .where('idNumber', 'in', Object.values(ids))
        .execute()
        .then((rows) => rows.map((r) => r.idNumber).sort());
    expect(await stored()).toEqual([]);

    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-result').getByText('导入完成').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-status').getByText('已导入').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toContain(
      `新增 ${officeExpected.created} 人，更新 0 人，无变化 0 人，未导入 ${officeExpected.rejected} 行`,
    );
    expect(await count(page, 'created').textContent()).toBe(String(officeExpected.created));
    expect(await stored()).toHaveLength(officeExpected.created);
    await screenshot(page, 'ledger-result', { fullPage: true });

    // The rejected rows: a real .xlsx, the file's own columns plus the row number and the reason.
    const [rejectedDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-rejected').click(),
    ]);
    expect(rejectedDownload.suggestedFilename()).toBe('office-ledger.libreoffice_未导入的行.xlsx');
    const rejectedFile = await saved(rejectedDownload, work);
    expect(readFileSync(rejectedFile).subarray(0, 2).toString()).toBe('PK');
    const rejected = await sheetRows(rejectedFile);
    expect(rejected[1]?.slice(-2)).toEqual(['原行号', '未导入原因']);
    expect(rejected.slice(2).map((r) => Number(r.at(-2)))).toEqual([
      ...new Set(officeExpected.errors.map((e) => e.row)),
    ]);
    expect(rejected[3]?.at(-1)).toContain('文本');

    // The region's import list: who, the file, the counts.
    await page.goto(`/ledger?region=${kzzqCode}`);
    const history = page
      .getByTestId('import-history')
      .locator('tr', { hasText: 'office-ledger.libreoffice.xlsx' });
    await history.getByText('已导入').waitFor();
    const line = await history.locator('td').allTextContents();
    expect(line).toContain('科左中旗人社局 演示账号');
    expect(line.slice(-5)).toEqual(['12', '5', '0', '0', '7']);

    // Export the person list with its filters: the same people the list shows.
    await page.goto(`/persons?region=${kzzqCode}&employmentStatus=employed&q=${encodeURIComponent('张')}`);
    const total = Number(
      (await page.getByText(/^共 [\d,]+ 人$/).textContent())?.replace(/[^\d]/g, '') ?? Number.NaN,
    );
    expect(total).toBeGreaterThan(0);
    const [listDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-persons').click(),
    ]);
    const listFile = await saved(listDownload, work);
    expect(listDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const list = await sheetRows(listFile);
    const header = list[1] ?? [];
    const people = list.slice(2);
    expect(people).toHaveLength(total);
    const name = header.indexOf('姓名');
    const idNumber = header.indexOf('身份证号码');
    expect(people.every((r) => (r[name] ?? '').includes('张'))).toBe(true);
    expect(people.map((r) => r[name])).toContain('张德胜');
    // Masked as on the screen.
    expect(people.every((r) => /^\d{6}\*{8}[\dX]{4}$/.test(r[idNumber] ?? ''))).toBe(true);
    await context.close();
  });

  it('tells a town clerk on a phone which rows lie outside the town', async () => {
    const town = await regionOf(server.database, 'town');
    const elsewhere = await server.database.db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 5)
      .where('code', 'like', '150521%')
      .where('code', 'not like', `${town.slice(0, 9)}%`)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const csv =
      `姓名,身份证号码,与户主关系,村代码,户编号,户类型,劳动能力,就业状态,未就业原因\n` +
      `外镇人,${await freeIdNumber(server.database, '1980-05-06', 'M')},户主,${elsewhere.code},W001,脱贫户,普通劳动力,未就业,在家闲置\n`;
    const context = await newContext(browser, server.baseUrl, phone);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'town', demoPassword);
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '台账导入/导出' }).click();
    await page
      .getByTestId('ledger-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name: '外镇台账.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
    await page.getByTestId('import-status').getByText('已检查，待确认导入').waitFor({ timeout: 60_000 });
    await page.getByTestId('outside-region').getByText('有 1 行的地区不在', { exact: false }).waitFor();
    expect(await count(page, 'rejected').textContent()).toBe('1');
    expect(await page.getByTestId('confirm-import').isDisabled()).toBe(true);
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(page, 'phone-ledger-import', { fullPage: true });
    await context.close();
  });

  it('shows the progress of a long ledger while it is checked and imported', async () => {
    const file = path.join(work, '保康镇全镇台账.csv');
    const rows = await writeTownLedger(server.database.db, file, {
      format: 'csv',
      households: 5000,
      seed: 11,
    });
    expect(statSync(file).size).toBeLessThan(uploadLimit);
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'county', demoPassword);
    await page.goto('/ledger');
    await page.getByTestId('ledger-upload').locator('input[type=file]').setInputFiles(file);
    // Rows read so far, while the check runs: answered from memory while the check holds PGlite.
    const progress = page.getByTestId('import-progress');
    await progress.getByText(/已读取 [\d,]+ 行/).waitFor({ timeout: 60_000 });
    await page.getByTestId('import-status').getByText('已检查，待确认导入').waitFor({ timeout: 120_000 });
    expect(await count(page, 'rows').textContent()).toBe(rows.toLocaleString('zh-CN'));
    await page.getByTestId('confirm-import').click();
    await progress.getByText('正在', { exact: false }).waitFor();
    await page.getByTestId('import-result').waitFor({ timeout: 120_000 });
    await context.close();
    // Checking and importing 15,000 people on PGlite takes 30-90 s depending on the machine's load.
  }, 300_000);

  it('gives a read-only account the exports and the import list, not the upload', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'viewer', demoPassword);
    await page.goto('/ledger');
    await page.getByTestId('read-only-notice').waitFor();
    expect(await page.getByTestId('ledger-upload').count()).toBe(0);
    await page.getByTestId('import-history').getByText('office-ledger.libreoffice.xlsx').waitFor();
    // One village's ledger (the county's has the long ledger's 15,000 people by now).
    const village = await regionOf(server.database, 'village');
    await page.goto(`/ledger?region=${village}`);
    await page
      .getByRole('heading', {
        level: 1,
        name: `台账导入/导出 · ${await regionName(server.database, village)}`,
      })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-ledger').click(),
    ]);
    const rows = await sheetRows(await saved(download, work));
    expect(rows[0]?.[0]).toContain('已脱敏');
    await context.close();
  });
});
