// Browser journeys of the monthly follow-up (月度回访) over a demo population with 14 months of
// monitoring, for a village that has done nothing yet for last month: the clerk ticks people on a
// 375-px phone and confirms "no change", then on a desktop confirms more, records one person (an
// income typed wrong is refused at the field as it is typed, then saved), confirms the rest and
// submits — late, as last month's deadline has passed (an income over this deployment's lower limit
// comes back from the server to its field); the town returns it with a reason, the clerk
// sees the reason and submits again, the town accepts; the county sees the reporting figures and the
// late villages, drills down to the town and opens the village's month, and reopens it with a reason.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/modules/monitoring/monitoring.rules.js';
import { localDay } from '../../src/shared/dates.js';
import { hasChromium, launchBrowser, logIn, newContext, phone, screenshot } from './support/browser.js';
import { employedPerson, regionName, regionOf } from './support/data.js';
import { confirmPopup, formItem } from './support/forms.js';
import { demoPassword, type E2eServer, kzzqCode, startE2eServer } from './support/server.js';
import { clearVillageMonth, displayName, villagePeople } from './support/village-month.js';

const month = addMonths(localDay(new Date()).slice(0, 7), -1);
const monthPage = `/monitoring?month=${month}`;
const button = (text: string) => new RegExp(text.split('').join('\\s*'));

describe.skipIf(!hasChromium)('monthly follow-up, review and reporting in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let village: { code: string; name: string };
  let town: { code: string; name: string };
  let total: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startE2eServer({ monitoring: true, maxMonthlyIncome: 50_000 }),
      launchBrowser(),
    ]);
    const code = await regionOf(server.database, 'village');
    village = { code, name: await regionName(server.database, code) };
    town = {
      code: `${code.slice(0, 9)}000`,
      name: await regionName(server.database, `${code.slice(0, 9)}000`),
    };
    await clearVillageMonth(server.database, village.code, month);
    total = (await villagePeople(server.database, village.code)).length;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(username: string, viewport?: typeof phone) {
    const context = await newContext(browser, server.baseUrl, viewport);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, username, demoPassword);
    return { context, page };
  }
  const status = (page: Page, label: string) =>
    page.getByTestId('month-state').getByTestId('month-status').getByText(label).waitFor();
  const progress = (page: Page, done: number) =>
    page.getByTestId('month-progress').getByText(`已回访 ${done} / ${total}`).waitFor();

  it('on a phone the clerk ticks people and confirms "no change" for them', async () => {
    const { context, page } = await signedIn('village', phone);
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '月度回访' }).click();
    await page.waitForURL((url) => url.pathname === '/monitoring');
    await page.goto(monthPage);
    await status(page, '未报送');
    await page.getByTestId('month-timeliness').getByText('逾期未报').waitFor();
    await progress(page, 0);
    const cards = page.getByTestId('month-people').locator('.follow-up-card');
    await cards.nth(1).waitFor();
    // Nothing sticks out sideways on a 375-px screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await cards.nth(0).getByRole('checkbox').check();
    await cards.nth(1).getByRole('checkbox').check();
    await page.getByTestId('confirm-selected').click();
    await page.getByText('已确认 2 人无变化').waitFor();
    await progress(page, 2);
    await screenshot(page, 'phone-village-month');

    // A card opens the person's follow-up over the whole screen.
    await cards.nth(2).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.getByText('本月回访', { exact: false }).waitFor();
    const width = await drawer.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThanOrEqual(370);
    await screenshot(page, 'phone-follow-up');
    await context.close();
  });

  it('on a desktop the clerk confirms more, records one person with a check at the field, confirms the rest and submits', async () => {
    // Someone employed with a name nobody else in the village has, beyond the five confirmed first.
    const order = (await villagePeople(server.database, village.code)).map((p) => p.id);
    let person = await employedPerson(server.database, village.code, 0);
    for (let skip = 1; order.indexOf(person.id) < 5; skip++)
      person = await employedPerson(server.database, village.code, skip);
    const clerkName = await displayName(server.database, 'village');
    const { context, page } = await signedIn('village');
    await page.goto(monthPage);
    await progress(page, 2);
    const rows = page.getByTestId('month-people').locator('tbody tr.ant-table-row');
    // The first two are done and cannot be ticked again; tick the next three.
    expect(await rows.nth(0).getByRole('checkbox').isDisabled()).toBe(true);
    for (const i of [2, 3, 4]) await rows.nth(i).getByRole('checkbox').check();
    await page.getByTestId('confirm-selected').click();
    await page.getByText('已确认 3 人无变化').waitFor();
    await progress(page, 5);
    expect(await rows.nth(0).textContent()).toContain(clerkName);

    // One person changed: find by name, open, type an income that cannot be monthly, then fix it.
    const search = page.getByPlaceholder('按姓名查找');
    await search.fill(person.name);
    await search.press('Enter');
    await page.getByTestId(`open-follow-up-${person.id}`).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await page.getByLabel('月收入').fill('200000');
    await formItem(page, '月收入').getByText('月收入不应达到 100,000 元', { exact: false }).waitFor();
    await page.getByTestId('save-follow-up').click();
    await page.getByText('请按红色提示修改后再保存').waitFor();
    // This deployment refuses from 50,000 a month, which only the server knows: its answer goes to
    // the field, and what was typed stays.
    await page.getByLabel('月收入').fill('60000');
    await page.getByLabel('就业单位').fill('旗里新开的建材厂');
    await formItem(page, '月收入').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await page.getByTestId('save-follow-up').click();
    await formItem(page, '月收入').getByText('月收入不应达到 50', { exact: false }).waitFor();
    await page.getByTestId('save-problem').waitFor();
    expect(await page.getByLabel('就业单位').inputValue()).toBe('旗里新开的建材厂');
    await screenshot(page, 'follow-up-drawer');
    await page.getByLabel('月收入').fill('3800');
    await formItem(page, '月收入').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await page.getByTestId('save-follow-up').click();
    await page.getByText('已保存本月回访').waitFor();
    await drawer.waitFor({ state: 'hidden' });
    const row = rows.filter({ hasText: person.name });
    await row.getByText('3,800 元', { exact: false }).waitFor();
    expect(await row.textContent()).toContain(clerkName);
    await progress(page, 6);

    // Everyone else: no change, in one action.
    await search.fill('');
    await search.press('Enter');
    await page.getByTestId('confirm-all').click();
    await confirmPopup(page, button('确认'));
    await page.getByText(`已确认 ${total - 6} 人无变化`).waitFor();
    await progress(page, total);

    await page.getByTestId('action-submit').click();
    await confirmPopup(page, button('报送'));
    await status(page, '已报送');
    // Submitted after last month's deadline: late, and no longer editable by the village.
    await page.getByTestId('month-timeliness').getByText('迟报').waitFor();
    expect(await page.getByTestId('confirm-all').count()).toBe(0);
    await screenshot(page, 'village-month', { fullPage: false });
    await context.close();
  });

  it('the town returns it with a reason, the clerk sees the reason and submits again, the town accepts', async () => {
    const townUser = await signedIn('town');
    const townPage = townUser.page;
    await townPage.getByRole('link', { name: '审核' }).click();
    await townPage.waitForURL((url) => url.pathname === '/monitoring/review');
    await townPage.goto(`/monitoring/review?month=${month}`);
    const list = townPage.getByTestId('review-list');
    await list.getByRole('link', { name: village.name }).waitFor();
    await screenshot(townPage, 'review-town');
    await list.getByRole('link', { name: village.name }).click();
    await townPage.waitForURL(
      (url) => url.pathname === '/monitoring' && url.searchParams.get('region') === village.code,
    );
    await status(townPage, '已报送');
    await townPage.getByTestId('action-return').click();
    await townPage.getByTestId('reason-input').fill('务工人员收入请按实际核实后重报');
    await townPage.getByTestId('reason-ok').click();
    await status(townPage, '已退回');

    const clerk = await signedIn('village');
    await clerk.page.goto(monthPage);
    await status(clerk.page, '已退回');
    await clerk.page
      .getByTestId('return-reason')
      .getByText('务工人员收入请按实际核实后重报', { exact: false })
      .waitFor();
    await screenshot(clerk.page, 'village-month-returned');
    await clerk.page.getByTestId('action-submit').click();
    await confirmPopup(clerk.page, button('报送'));
    await status(clerk.page, '已报送');
    await clerk.context.close();

    await townPage.reload();
    await status(townPage, '已报送');
    await townPage.getByTestId('action-accept').click();
    await confirmPopup(townPage, button('通过'));
    await status(townPage, '已审核');
    await townPage.getByText('本月记录已锁定', { exact: false }).first().waitFor();
    // Locked: the records open read-only.
    expect(await townPage.getByTestId('action-return').count()).toBe(0);
    await townUser.context.close();
  });

  it('the county sees reporting figures and the late villages, drills down and reopens the month with a reason', async () => {
    const expected = await server.database.db
      .selectFrom('households')
      .select((eb) => eb.fn.count<number>('villageCode').distinct().as('n'))
      .where('villageCode', 'like', '150521%')
      .where('deletedAt', 'is', null)
      .executeTakeFirstOrThrow();
    const { context, page } = await signedIn('county');
    await page.getByRole('link', { name: '报送情况' }).click();
    await page.waitForURL((url) => url.pathname === '/monitoring/reporting');
    await page.goto(`/monitoring/reporting?region=${kzzqCode}&month=${month}`);
    await page
      .getByTestId('reporting-expected')
      .getByText(String(Number(expected.n)))
      .waitFor();
    const late = page.getByTestId('overdue-villages');
    const ours = late.getByRole('row').filter({ hasText: village.name });
    await ours.getByText('迟报').waitFor();
    expect(
      Number(await page.getByTestId('reporting-late').locator('.ant-statistic-content').textContent()),
    ).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'reporting-county', { fullPage: true });

    // One level down: the town, whose villages are its children.
    await page.getByTestId('reporting-children').getByRole('button', { name: town.name }).click();
    await page.waitForURL((url) => url.searchParams.get('region') === town.code);
    await page.getByRole('heading', { level: 1, name: `${town.name} · `, exact: false }).waitFor();
    await page.getByTestId('reporting-children').getByRole('button', { name: village.name }).waitFor();
    await late.getByRole('link', { name: village.name }).click();
    await page.waitForURL(
      (url) => url.pathname === '/monitoring' && url.searchParams.get('region') === village.code,
    );
    await status(page, '已审核');
    await page.getByTestId('action-reopen').click();
    await page.getByTestId('reason-input').fill('核查发现一人外出地错报');
    await page.getByTestId('reason-ok').click();
    await status(page, '未报送');
    await page.getByTestId('reopen-reason').getByText('核查发现一人外出地错报', { exact: false }).waitFor();
    // Open again: the village can correct it, and its people can be recorded.
    await page.getByTestId('action-submit').waitFor();
    await context.close();

    // The same figures on a phone: nothing sticks out sideways, the child regions scroll in their table.
    const small = await signedIn('county', phone);
    await small.page.goto(`/monitoring/reporting?region=${kzzqCode}&month=${month}`);
    await small.page
      .getByTestId('reporting-expected')
      .getByText(String(Number(expected.n)))
      .waitFor();
    await small.page.getByTestId('overdue-villages').getByRole('link', { name: village.name }).waitFor();
    expect(await small.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await screenshot(small.page, 'phone-reporting');
    await small.context.close();
  });
});
