// Browser journeys of a county official (科左中旗) through the statistics screens over a demo
// population with 14 months of follow-ups, seed 001's targets and the warnings they raise: progress
// against the annex's targets, a warning taken up with a note, the monthly statistics drilled down
// from county to town to village to the people behind a number, an .xlsx export that is a real
// workbook with the page's figures, and the same page on a 375-px phone.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedgerSource } from '../../src/modules/ledger/ledger.reader.js';
import { addMonths } from '../../src/modules/monitoring/monitoring.rules.js';
import { localDay } from '../../src/shared/dates.js';
import { hasChromium, launchBrowser, logIn, newContext, phone, screenshot } from './support/browser.js';
import { regionName } from './support/data.js';
import { choose } from './support/forms.js';
import { demoPassword, type E2eServer, kzzqCode, startE2eServer } from './support/server.js';

const heading = (page: Page, text: string) => page.getByRole('heading', { level: 1, name: text }).waitFor();
// Last month: every village of the demo has reported it and had it accepted, whatever today's date
// (the current month fills up as villages report, most by the 15th).
const month = addMonths(localDay(new Date()).slice(0, 7), -1);
const zh = (n: number) => n.toLocaleString('zh-CN');

describe.skipIf(!hasChromium)('county official: statistics, targets and warnings in the browser', () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ monitoring: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The month the figures screens open on without one: the latest a village has submitted. */
  async function reportedMonth(): Promise<string> {
    const latest = await server.database.db
      .selectFrom('villageMonths')
      .select((eb) => eb.fn.max('month').as('month'))
      .where('status', '<>', 'open')
      .where('month', '<=', localDay(new Date()).slice(0, 7))
      .executeTakeFirstOrThrow();
    return String(latest.month);
  }

  async function countyPage(viewport?: typeof phone) {
    const context = await newContext(browser, server.baseUrl, viewport);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'county', demoPassword);
    await heading(page, '科尔沁左翼中旗 概况');
    return { context, page };
  }

  it("shows progress against seed 001's targets", async () => {
    const { context, page } = await countyPage();
    await page.getByRole('link', { name: '目标进度' }).click();
    // Opened without a month: the latest month a village has submitted, not an empty current month.
    const opened = await reportedMonth();
    expect(opened >= month).toBe(true);
    await page.waitForURL((url) => url.pathname === '/targets' && url.searchParams.get('month') === opened);
    await page.goto(`/targets?region=${kzzqCode}&month=${month}`);
    await heading(page, `科尔沁左翼中旗 ${month.slice(0, 4)}年目标任务进度`);
    // The annex gives 科左中旗 400 relocated people in work.
    const relocated = page.getByTestId('progress-relocatedEmployed');
    await relocated.getByText('易地搬迁劳动力就业').waitFor();
    const row = relocated.locator('tbody tr').filter({ hasText: '科尔沁左翼中旗' });
    expect(await row.locator('td').nth(1).textContent()).toBe('400');
    const actual = await row.getByTestId('progress-actual').textContent();
    const counted = await server.database.db
      .selectFrom('followUps')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('month', '=', month)
      .where('employmentStatus', '=', 'employed')
      .where('relocated', '=', true)
      .executeTakeFirstOrThrow();
    expect(actual).toBe(zh(Number(counted.n)));
    await screenshot(page, 'targets-county', { fullPage: true });

    // An administrator's breakdown whose towns exceed the county is refused before it is sent.
    await page.getByTestId('edit-targets').click();
    await page.getByTestId('paste-table').fill('合计\t10\n舍伯吐镇\t8\n花吐古拉镇\t5');
    await page.getByTestId('apply-paste').click();
    await page.getByTestId('breakdown-problem').getByText('下级目标合计 13，超过本级目标 10').waitFor();
    expect(await page.getByTestId('save-targets').isDisabled()).toBe(true);

    // A breakdown naming a region that does not exist is refused by the server, at that row.
    await choose(page, page.getByTestId('target-form'), '指标', '脱贫劳动力务工就业');
    await page.getByTestId('paste-table').fill('全旗合计\t3000\n保康镇\t1200\n火星镇\t100');
    await page.getByTestId('apply-paste').click();
    await page.getByTestId('save-targets').click();
    await page.getByTestId('save-problem').getByText('找不到行政区划：火星镇').first().waitFor();
    // Corrected, it is saved and shown against the actual figures.
    await page.getByTestId('paste-table').fill('全旗合计\t3000\n保康镇\t1200\n舍伯吐镇\t800');
    await page.getByTestId('apply-paste').click();
    await page.getByTestId('save-targets').click();
    const employed = page.getByTestId('progress-employed');
    for (const [name, target] of [
      ['科尔沁左翼中旗', '3,000'],
      ['保康镇', '1,200'],
      ['舍伯吐镇', '800'],
    ])
      expect(
        await employed.locator('tbody tr').filter({ hasText: name }).locator('td').nth(1).textContent(),
      ).toBe(target);
    await context.close();
  });

  it('lists the warnings and takes one up with a note', async () => {
    const { context, page } = await countyPage();
    await page.getByRole('link', { name: '预警', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/warnings');
    await page.goto(`/warnings?region=${kzzqCode}&month=${month}`);
    await heading(page, `科尔沁左翼中旗 ${month} 风险预警`);
    await page.getByTestId('state-filter').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('新预警', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('state') === 'new');
    const first = page.getByTestId('warnings-table').locator('tbody tr.ant-table-row').first();
    const who = (await first.locator('td').first().textContent()) ?? '';
    expect(await first.getByTestId('warning-state').textContent()).toBe('新预警');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'warnings-county');
    await first.getByTestId('move-warning').click();
    await page.getByRole('dialog').getByText('处理中').click();
    await page.getByTestId('warning-note').fill('已电话联系，推荐到帮扶车间');
    await page.getByTestId('save-warning').click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // Now among those being handled, with the note, who and when.
    await page.goto(`/warnings?region=${kzzqCode}&month=${month}&state=handling`);
    const handled = page
      .getByTestId('warnings-table')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: who });
    await handled.getByText('已电话联系，推荐到帮扶车间').waitFor();
    expect(await handled.getByTestId('warning-state').textContent()).toBe('处理中');
    const stored = await server.database.db
      .selectFrom('warnings')
      .select(['state', 'note', 'handledBy'])
      .where('note', '=', '已电话联系，推荐到帮扶车间')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.state).toBe('handling');
    expect(stored[0]?.handledBy).not.toBeNull();
    await context.close();
  });

  it('drills down from county to town to village to the people behind a number, and exports', async () => {
    const { context, page } = await countyPage();
    await page.getByRole('link', { name: '月度统计' }).click();
    await page.waitForURL((url) => url.pathname === '/stats');
    await page.goto(`/stats?region=${kzzqCode}&month=${month}`);
    await heading(page, `科尔沁左翼中旗 ${month} 月度统计`);
    await page.getByRole('img', { name: '就业人数月度走势图' }).locator('canvas').waitFor();
    await screenshot(page, 'stats-county', { fullPage: true });

    // The export is a real workbook with the page's figures.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-monthly').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`科尔沁左翼中旗_月度统计_${month}.xlsx`);
    const file = path.join(tmpdir(), `bangfu-e2e-${process.pid}-monthly.xlsx`);
    await download.saveAs(file);
    expect((await readFile(file)).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const source = await openLedgerSource(file);
    const rows = await source.head(200);
    await source.close();
    expect(String(rows[0]?.cells[0])).toContain(`科尔沁左翼中旗 ${month}`);
    const header = rows[1]?.cells as string[];
    const total = rows.at(-1)?.cells ?? [];
    const employed = await page.getByTestId('figure-employed').textContent();
    expect(zh(total[header.indexOf('已就业')] as number)).toBe(employed);

    // The reporting rate opens the monitoring screens' reporting of the same region and month.
    expect(await page.getByTestId('figure-reporting').getAttribute('href')).toBe(
      `/monitoring/reporting?region=${kzzqCode}&month=${month}`,
    );

    // County → town → village, one level at a time.
    const townRow = page.getByTestId('child-stats').locator('tbody tr.ant-table-row').first();
    const town = (await townRow.locator('td').first().textContent()) ?? '';
    await townRow.getByRole('button', { name: town }).click();
    await heading(page, `${town} ${month} 月度统计`);
    const villageRow = page
      .getByTestId('child-stats')
      .locator('tbody tr.ant-table-row')
      .filter({ has: page.getByTestId('cell-employed').filter({ hasNotText: /^0$/ }) })
      .first();
    const village = (await villageRow.locator('td').first().textContent()) ?? '';
    await villageRow.getByRole('button', { name: village }).click();
    await heading(page, `${village} ${month} 月度统计`);
    const villageCode = new URL(page.url()).searchParams.get('region') as string;
    expect(await regionName(server.database, villageCode)).toBe(village);
    expect(page.url()).toContain(`month=${month}`);

    // The number of employed is a link to exactly those people, from the month's follow-ups.
    const shown = (await page.getByTestId('figure-employed').textContent()) ?? '';
    await page.getByTestId('figure-employed').click();
    await heading(page, `${village} ${month} · 已就业`);
    await page.getByText(`共 ${shown} 人`).waitFor();
    const recorded = await server.database.db
      .selectFrom('followUps')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('month', '=', month)
      .where('villageCode', '=', villageCode)
      .where('employmentStatus', '=', 'employed')
      .executeTakeFirstOrThrow();
    expect(shown).toBe(zh(Number(recorded.n)));
    const table = page.getByTestId('month-people-table');
    const villages = await table.locator('tbody tr.ant-table-row td:nth-child(4)').allTextContents();
    expect(new Set(villages)).toEqual(new Set([village]));
    expect(await table.locator('tbody tr.ant-table-row td:nth-child(2)').first().textContent()).toMatch(
      /\*{6,}/,
    );
    await screenshot(page, 'stats-people');
    // And on to one person.
    const name = (await table.locator('tbody tr.ant-table-row td:first-child a').first().textContent()) ?? '';
    await table.locator('tbody tr.ant-table-row td:first-child a').first().click();
    await page.waitForURL((url) => /^\/persons\/\d+$/.test(url.pathname));
    await page.getByText(name).first().waitFor();
    await context.close();
  });

  it('fits a 375-px phone', async () => {
    const { context, page } = await countyPage(phone);
    await page.goto(`/stats?region=${kzzqCode}&month=${month}`);
    await heading(page, `科尔沁左翼中旗 ${month} 月度统计`);
    await page.getByTestId('figure-employed').waitFor();
    await page.getByTestId('child-stats').waitFor();
    await page.getByRole('img', { name: '按务工地域统计图' }).locator('canvas').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'phone-stats', { fullPage: true });
    const fits = async () =>
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
      ).toBeLessThanOrEqual(1);
    await page.goto(`/stats/people?region=${kzzqCode}&month=${month}&employed=true`);
    await page.getByTestId('month-people-cards').waitFor();
    await fits();
    await page.goto(`/targets?region=${kzzqCode}&month=${month}`);
    await page.getByTestId('progress-relocatedEmployed').waitFor();
    await fits();
    await page.goto(`/warnings?region=${kzzqCode}&month=${month}`);
    await page.getByTestId('warnings-table').waitFor();
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).toBeLessThanOrEqual(1);
    await context.close();
  });

  it('speaks English on request', async () => {
    const { context, page } = await countyPage();
    await page.goto(`/stats?region=${kzzqCode}&month=${month}`);
    await heading(page, `科尔沁左翼中旗 ${month} 月度统计`);
    await page.getByText('EN', { exact: true }).click();
    await heading(page, `科尔沁左翼中旗 ${month} monthly statistics`);
    await page.getByTestId('stats-figures').getByText('Zero-employment households').waitFor();
    await page.getByRole('link', { name: 'Warnings' }).click();
    // The menu opens the warnings of the latest month villages have submitted.
    await heading(page, `科尔沁左翼中旗 ${await reportedMonth()} early warnings`);
    await page.getByTestId('warning-counts').getByText('Returned from work', { exact: false }).waitFor();
    await context.close();
  });
});
