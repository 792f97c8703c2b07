// Browser journeys of 回访表导入 (a month's follow-up sheet): a sheet built at test time for people
// of the demo village — good rows, a wrong name, "not working" with an employer and an income, an ID
// number twice. The village clerk opens it from the village's month (月度回访), is refused a file of
// the wrong kind before sending and a file without a header with the server's message, sees the
// check's exact counts, columns and the Excel row of every problem, confirms, sees the result,
// downloads the rejected rows (a real .xlsx with the reason column), and the month shows the
// imported records without a reload. The town clerk on a 375-px phone checks the same sheet on the
// ledger page's tab — nothing left to import — and opens the village's month. A read-only account
// has no upload.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/modules/monitoring/monitoring.rules.js';
import { localDay } from '../../src/shared/dates.js';
import { writeFollowUpXlsx } from '../../src/test-support/follow-up-fixtures.js';
import { hasChromium, launchBrowser, logIn, newContext, phone, screenshot } from './support/browser.js';
import { regionName, regionOf } from './support/data.js';
import { demoPassword, type E2eServer, startE2eServer } from './support/server.js';
import { saved, sheetRows } from './support/sheets.js';
import { clearVillageMonth, villagePeople } from './support/village-month.js';

const month = addMonths(localDay(new Date()).slice(0, 7), -1);
const monthLabel = `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

type Person = { id: number; name: string; idNumber: string };

const count = (page: Page, key: string) => page.getByTestId(`count-${key}`).locator('.ant-statistic-content');

async function counts(page: Page) {
  const out: Record<string, string | null> = {};
  for (const key of ['rows', 'created', 'updated', 'unchanged', 'rejected', 'villages'])
    out[key] = await count(page, key).textContent();
  return out;
}

async function problems(page: Page) {
  const rows = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  const cells: string[][] = [];
  for (const row of await rows.all()) cells.push(await row.locator('td').allTextContents());
  return cells;
}

describe.skipIf(!hasChromium)('follow-up sheet import in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let work: string;
  let village: { code: string; name: string };
  let sheet: string;
  let people: Person[];
  let total: number;

  // The rows (Excel rows 4 …) and what the check must find in them.
  const good = 4;
  const expectedErrors: [number, string, string][] = [
    [8, '姓名', '姓名与该身份证号码登记的姓名不一致'],
    [9, '务工单位', '未就业人员不应填写就业单位'],
    [9, '月均收入（元）', '未就业人员不应填写月收入'],
    [10, '身份证号', '重复出现（第 11 行）'],
    [11, '身份证号', '重复出现（第 10 行）'],
  ];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ monitoring: true }), launchBrowser()]);
    work = mkdtempSync(path.join(tmpdir(), 'bangfu-e2e-follow-ups-'));
    const code = await regionOf(server.database, 'village');
    village = { code, name: await regionName(server.database, code) };
    // Last month, not yet followed up nor submitted: open.
    await clearVillageMonth(server.database, village.code, month);
    total = (await villagePeople(server.database, village.code)).length;
    // People of the village with a name nobody else there has, with their ID numbers.
    const rows = await server.database.db
      .selectFrom('persons')
      .select(['id', 'name', 'idNumber'])
      .where('villageCode', '=', village.code)
      .where('deletedAt', 'is', null)
      .orderBy('householdId')
      .orderBy('id')
      .execute();
    const named = new Map<string, number>();
    for (const r of rows) named.set(r.name, (named.get(r.name) ?? 0) + 1);
    people = rows.filter((r) => named.get(r.name) === 1).slice(0, 7);
    expect(people).toHaveLength(7);
    const at = (i: number) => {
      const person = people[i];
      if (!person) throw new Error(`No person ${i}`);
      return person;
    };
    const [a, b, c, d, wrongName, idleWithJob, twice] = [0, 1, 2, 3, 4, 5, 6].map(at) as [
      Person,
      Person,
      Person,
      Person,
      Person,
      Person,
      Person,
    ];
    sheet = path.join(work, `${village.name}${month}回访表.xlsx`);
    // The town office's layout (title, 填报单位, header in row 3, a footer), these people in it.
    const v = village.name;
    await writeFollowUpXlsx(sheet, [
      [1, v, a.name, a.idNumber, '是', '外出务工', '省外', '北京某物流有限公司', 4800, null, '涨薪'],
      [2, v, b.name, b.idNumber, '否', null, null, null, null, '在家闲置', null],
      [3, v, c.name, c.idNumber, '是', '公益性岗位', '县内', '村保洁', '1,000', null, null],
      [4, v, d.name, d.idNumber, '否', null, null, null, null, '照顾家庭', null],
      [5, v, `${wrongName.name}某`, wrongName.idNumber, '否', null, null, null, null, '在家闲置', '姓名写错'],
      [6, v, idleWithJob.name, idleWithJob.idNumber, '否', null, null, '某建筑公司', 3000, '在家闲置', null],
      [7, v, twice.name, twice.idNumber, '否', null, null, null, null, '照顾家庭', null],
      [8, v, twice.name, twice.idNumber, '否', null, null, null, null, '照顾家庭', '重复录入'],
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const recorded = () =>
    server.database.db
      .selectFrom('followUps')
      .select(['personId', 'employer', 'monthlyIncome'])
      .where('villageCode', '=', village.code)
      .where('month', '=', month)
      .execute();

  it('the village clerk imports the sheet from the month: check, confirm, rejected rows, the month shows the records', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'village', demoPassword);
    await page.goto(`/monitoring?month=${month}`);
    await page.getByTestId('month-progress').getByText(`已回访 0 / ${total}`).waitFor();

    await page.getByTestId('open-follow-up-import').click();
    const drawer = page.getByTestId('follow-up-import-drawer');
    await drawer.getByTestId('follow-up-target').getByText(`${village.name} · ${monthLabel}`).waitFor();
    const input = drawer.getByTestId('follow-up-upload').locator('input[type=file]');

    // Refused before sending, then by the server with its own message.
    await input.setInputFiles({
      name: '回访表.docx',
      mimeType: 'application/msword',
      buffer: Buffer.from('x'),
    });
    await drawer
      .getByTestId('upload-problem')
      .getByText('只能上传 .xlsx 或 .csv 文件', { exact: false })
      .waitFor();
    await input.setInputFiles({
      name: '说明.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('这不是回访表\n只是文字\n'),
    });
    await drawer.getByTestId('upload-problem').getByText('表头', { exact: false }).waitFor();

    // The sheet: checked, nothing written.
    await input.setInputFiles(sheet);
    await drawer.getByTestId('follow-up-report').waitFor({ timeout: 60_000 });
    expect(await counts(page)).toEqual({
      rows: '8',
      created: String(good),
      updated: '0',
      unchanged: '0',
      rejected: '4',
      villages: '1',
    });
    const found = await problems(page);
    expect(found.map((c) => [Number(c[0]), c[1]])).toEqual(
      expectedErrors.map(([row, column]) => [row, column]),
    );
    expect(found.map((c, i) => c[2]?.includes(expectedErrors[i]?.[2] ?? '-'))).toEqual(
      expectedErrors.map(() => true),
    );
    const mapping = drawer.getByTestId('column-mapping');
    expect(await mapping.locator('tr', { hasText: '是否就业' }).textContent()).toContain('就业状态');
    expect(await mapping.locator('tr', { hasText: '务工单位' }).textContent()).toContain('就业单位');
    const ignored = await drawer.getByTestId('ignored-columns').textContent();
    for (const header of ['序号', '嘎查村', '备注']) expect(ignored).toContain(header);
    expect(await recorded()).toEqual([]);
    await screenshot(page, 'follow-up-import-check');

    // Confirm: the same file again, imported.
    await drawer.getByTestId('confirm-follow-ups').click();
    await drawer
      .getByTestId('follow-up-result')
      .getByText(`新增 ${good} 条回访，更新 0 条，无变化 0 条，未导入 4 行`, { exact: false })
      .waitFor({ timeout: 60_000 });
    expect(await count(page, 'created').textContent()).toBe(String(good));
    const stored = await recorded();
    expect(stored.map((r) => r.personId).sort()).toEqual(
      people
        .slice(0, good)
        .map((p) => p.id)
        .sort(),
    );
    expect(stored.find((r) => r.personId === people[0]?.id)?.employer).toBe('北京某物流有限公司');

    // The rejected rows: a real .xlsx, the sheet's columns plus the row number and the reason.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByTestId('download-rejected').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${village.name}${month}回访表_未导入的行.xlsx`);
    const file = await saved(download, work);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const rejected = await sheetRows(file);
    const header = rejected.findIndex((r) => r.includes('未导入原因'));
    expect(rejected[header]?.slice(-2)).toEqual(['原行号', '未导入原因']);
    const rejectedRows = rejected.slice(header + 1).filter((r) => r.some((c) => c !== ''));
    expect(rejectedRows.map((r) => Number(r.at(-2)))).toEqual([8, 9, 10, 11]);
    expect(rejectedRows[0]?.at(-1)).toContain('姓名');
    expect(rejectedRows[0]).toContain(people[4]?.idNumber);

    // Closed: the month shows the imported records without a reload.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('month-progress').getByText(`已回访 ${good} / ${total}`).waitFor();
    const row = page
      .getByTestId('month-people')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: people[0]?.name ?? '' });
    await row.getByText('4,800 元', { exact: false }).waitFor();
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await screenshot(page, 'follow-up-import-month');
    await context.close();
  });

  it('the town clerk on a phone checks the same sheet on the ledger page: nothing left to import', async () => {
    const context = await newContext(browser, server.baseUrl, phone);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'town', demoPassword);
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '台账导入/导出' }).click();
    await page.getByRole('tab', { name: '回访表导入' }).click();
    // The month the monitoring screens keep in the address.
    await page.goto(`${page.url()}&month=${month}`);
    const town = await regionOf(server.database, 'town');
    await page
      .getByTestId('follow-up-target')
      .getByText(`${await regionName(server.database, town)} · ${monthLabel}`)
      .waitFor();
    await page.getByTestId('follow-up-upload').locator('input[type=file]').setInputFiles(sheet);
    await page.getByTestId('follow-up-report').waitFor({ timeout: 60_000 });
    expect(await counts(page)).toEqual({
      rows: '8',
      created: '0',
      updated: '0',
      unchanged: String(good),
      rejected: '4',
      villages: '0',
    });
    expect((await problems(page)).map((c) => Number(c[0]))).toEqual(expectedErrors.map(([row]) => row));
    expect(await page.getByTestId('confirm-follow-ups').isDisabled()).toBe(true);
    await page.getByTestId('nothing-to-import').getByText('无需再次导入', { exact: false }).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);
    await screenshot(page, 'phone-follow-up-import', { fullPage: true });

    // The village's month on the phone: the imported records, and the import over the whole screen.
    await page.goto(`/monitoring?region=${village.code}&month=${month}`);
    await page.getByTestId('month-progress').getByText(`已回访 ${good} / ${total}`).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);
    await page.getByTestId('open-follow-up-import').click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByTestId('follow-up-upload').waitFor();
    expect(await drawer.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThanOrEqual(370);
    await context.close();
  });

  it('gives a read-only account no upload', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'viewer', demoPassword);
    await page.goto(`/ledger?tab=follow-ups&month=${month}`);
    await page
      .getByTestId('read-only-notice')
      .getByText('只读账号不能导入回访表', { exact: false })
      .waitFor();
    expect(await page.getByTestId('follow-up-upload').count()).toBe(0);
    await context.close();
  });
});
