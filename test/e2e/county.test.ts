// Browser journeys of a county official (科左中旗): drill from the county to a town to a village on
// the home page and open that village's list; an expired session returns to the same page after
// logging in again; English on request.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, logIn, newContext, screenshot } from './support/browser.js';
import { countPersons, regionName, regionOf } from './support/data.js';
import { demoPassword, type E2eServer, startE2eServer } from './support/server.js';

const heading = (page: Page, text: string) => page.getByRole('heading', { level: 1, name: text }).waitFor();

describe.skipIf(!hasChromium)('county official in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let village: { code: string; name: string };
  let town: { code: string; name: string };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    const villageCode = await regionOf(server.database, 'village');
    const townCode = `${villageCode.slice(0, 9)}000`;
    village = { code: villageCode, name: await regionName(server.database, villageCode) };
    town = { code: townCode, name: await regionName(server.database, townCode) };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('drills from county to town to village on the home page and opens the village list', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'county', demoPassword);
    await heading(page, '科尔沁左翼中旗 概况');
    await page.getByTestId('stat-persons').waitFor();
    await page.getByRole('img', { name: '按就业形式统计图' }).locator('canvas').waitFor();
    expect(await page.getByTestId('user-badge').textContent()).toContain('管理员');
    await screenshot(page, 'home-county', { fullPage: true });

    await page.getByRole('button', { name: town.name, exact: true }).click();
    await heading(page, `${town.name} 概况`);
    expect(new URL(page.url()).searchParams.get('region')).toBe(town.code);
    await page.getByRole('button', { name: village.name, exact: true }).click();
    await heading(page, `${village.name} 概况`);
    const path = await page.getByTestId('region-bar').textContent();
    expect(path).toContain('科尔沁左翼中旗');
    expect(path).toContain(town.name);
    expect(path).toContain(village.name);

    // Every count is a link to the list it counts, for the selected region.
    const people = await countPersons(server.database, village.code);
    expect(await page.getByTestId('stat-persons').textContent()).toContain(people.toLocaleString('zh-CN'));
    await page.getByTestId('stat-persons').click();
    await page.waitForURL(
      (url) => url.pathname === '/persons' && url.searchParams.get('region') === village.code,
    );
    await page.getByText(`共 ${people.toLocaleString('zh-CN')} 人`).waitFor();
    const villages = await page.locator('tbody tr.ant-table-row td:nth-child(4)').allTextContents();
    expect(villages.length).toBeGreaterThan(0);
    expect(new Set(villages)).toEqual(new Set([village.name]));

    // The selection is remembered across pages, also without ?region= in the address.
    await page.getByRole('link', { name: '家庭台账' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/households' && url.searchParams.get('region') === village.code,
    );
    await page.goto('/');
    await heading(page, `${village.name} 概况`);
    await context.close();
  });

  it('sends an expired session to the login page and back to the same page', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'county', demoPassword);
    const target = `/persons?region=${village.code}&employmentStatus=employed&sort=name&order=asc`;
    await page.goto(target);
    await page.getByText('共', { exact: false }).first().waitFor();

    await context.clearCookies();
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(target);
    await page.getByText('登录后将回到原页面', { exact: false }).waitFor();
    await logIn(page, 'county', demoPassword);
    await page.waitForURL((url) => url.pathname + url.search === target);
    await page.getByText('共', { exact: false }).first().waitFor();

    // Typing in a form when the session ends: after logging in again the input is still there.
    await page.locator('tbody tr.ant-table-row a').first().click();
    await page.getByTestId('edit-person').click();
    const edit = page.url();
    await page.getByLabel('就业单位').fill('会话过期前填写的单位');
    await context.clearCookies();
    await page.getByTestId('save').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await logIn(page, 'county', demoPassword);
    await page.waitForURL(edit);
    await page.getByTestId('form-notice').getByText('已恢复上次未保存的修改', { exact: false }).waitFor();
    expect(await page.getByLabel('就业单位').inputValue()).toBe('会话过期前填写的单位');
    await context.close();
  });

  it('reads the audit log: a change to a person with who made it, before and after, ID numbers masked', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'county', demoPassword);
    await heading(page, '科尔沁左翼中旗 概况');
    // A change to record: the employer of a person of the village.
    await page.goto(`/persons?region=${village.code}`);
    await page.locator('tbody tr.ant-table-row a').first().click();
    await page.getByTestId('edit-person').click();
    await page.getByLabel('就业单位').fill('操作日志测试单位');
    await page.getByTestId('save').click();
    await page.getByTestId('person-history').getByText('操作日志测试单位').waitFor();

    await page.getByRole('link', { name: '操作日志' }).click();
    await heading(page, `${village.name} 操作日志`);
    const table = page.getByTestId('audit-table');
    const first = table.locator('tbody tr.ant-table-row').first();
    await first.getByText('修改', { exact: true }).waitFor();
    expect(await first.textContent()).toContain('科左中旗人社局 演示账号');
    await first.getByText('操作日志测试单位').waitFor();
    expect(await table.textContent()).not.toMatch(/\d{17}[\dX]/);
    await screenshot(page, 'audit-log-village');

    // Only logins, for the whole county.
    await page.goto('/audit?region=150521000000');
    await heading(page, '科尔沁左翼中旗 操作日志');
    await page.getByTestId('audit-action-filter').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('登录', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'auth.login');
    // The rows of before the filter stay until the filtered page arrives.
    await expect
      .poll(async () => [...new Set(await page.getByTestId('audit-action').allTextContents())])
      .toEqual(['登录']);

    // Read-only accounts have no audit log.
    const viewer = await newContext(browser, server.baseUrl);
    const viewerPage = await viewer.newPage();
    await viewerPage.goto('/');
    await logIn(viewerPage, 'viewer', demoPassword);
    await heading(viewerPage, '科尔沁左翼中旗 概况');
    expect(await viewerPage.getByRole('link', { name: '操作日志' }).count()).toBe(0);
    await viewer.close();
    await context.close();
  });

  it('switches to English and remembers it', async () => {
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'county', demoPassword);
    await heading(page, '科尔沁左翼中旗 概况');
    await page.getByText('EN', { exact: true }).click();
    await heading(page, '科尔沁左翼中旗 overview');
    await page.getByTestId('user-badge').getByText('Administrator').waitFor();
    await page.reload();
    await heading(page, '科尔沁左翼中旗 overview');
    // Server messages follow: a person outside the region is refused in English.
    await page.goto('/persons/999999');
    await page.getByText('Not found, or not within your region').waitFor();
    await context.close();
  });
});
