// Browser journeys of a village clerk (村协管员): find a person, edit and save, see the change and
// its history; a refused save keeps what was typed; the same work on a 375-px phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, logIn, newContext, phone, screenshot } from './support/browser.js';
import { employedPerson, freeIdNumber, otherIdNumber, regionOf } from './support/data.js';
import { choose, formItem } from './support/forms.js';
import { demoPassword, type E2eServer, startE2eServer } from './support/server.js';

const field = (page: Page, label: string) => formItem(page, label);

describe.skipIf(!hasChromium)('village clerk in the browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let village: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
    village = await regionOf(server.database, 'village');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds a person by name, edits employer and income, and sees the change and its history', async () => {
    const person = await employedPerson(server.database, village, 0);
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await screenshot(page, 'login');
    await logIn(page, 'village', demoPassword);

    const badge = page.getByTestId('user-badge');
    await badge.getByText('经办人').waitFor();
    expect(await badge.textContent()).toContain('协管员');

    await page.getByRole('link', { name: '人员台账' }).click();
    await page.locator('tbody tr.ant-table-row').nth(5).waitFor();
    await screenshot(page, 'person-list');
    const search = page.getByPlaceholder('姓名或身份证号码');
    await search.fill(person.name);
    await search.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === person.name);
    await page.getByText('共 1 人').waitFor();
    await page.getByRole('link', { name: person.name, exact: true }).click();
    await page.waitForURL(`**/persons/${person.id}`);

    await page.getByTestId('edit-person').click();
    await page.getByLabel('就业单位').fill('科左中旗测试建材有限公司');
    await page.getByLabel('月收入').fill('4321');
    await page.getByTestId('save').click();
    await page.waitForURL((url) => url.pathname === `/persons/${person.id}`);

    const details = page.getByTestId('person-details');
    await details.getByText('科左中旗测试建材有限公司').waitFor();
    await details.getByText('4,321 元').waitFor();
    const history = page.getByTestId('person-history');
    await history.getByText('科左中旗测试建材有限公司').waitFor();
    expect(await history.textContent()).toContain('就业单位');
    expect(await history.textContent()).toContain('月收入');
    await screenshot(page, 'person-view', { fullPage: true });

    await page.getByRole('link', { name: '查看家庭及成员' }).click();
    await page.waitForURL(`**/households/${person.householdId}`);
    await page.getByRole('link', { name: person.name, exact: true }).waitFor();
    await screenshot(page, 'household-view');
    await context.close();
  });

  it('shows a wrong check character as it is typed, and keeps all input when the server refuses', async () => {
    const person = await employedPerson(server.database, village, 1);
    const ids = await otherIdNumber(server.database, person.id);
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    let patches = 0;
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches++;
    });
    await page.goto(`/persons/${person.id}/edit`);
    await logIn(page, 'village', demoPassword);
    await page.waitForURL(`**/persons/${person.id}/edit`);

    await page.getByLabel('就业单位').fill('已经填好的单位');
    await page.getByTestId('field-idNumber-correct').click();
    const idInput = page.getByLabel('身份证号码', { exact: true });
    await idInput.fill(ids.wrongCheck);
    await field(page, '身份证号码').getByText('身份证号码校验位不正确，请核对是否录错').waitFor();
    await page.getByTestId('save').click();
    await page.getByText('请按红色提示修改后再保存').waitFor();
    expect(patches).toBe(0);

    // A valid number that belongs to someone else: only the server knows, and says so at the field.
    await idInput.fill(ids.duplicate);
    await field(page, '身份证号码')
      .getByText('校验位不正确', { exact: false })
      .waitFor({ state: 'detached' });
    await page.getByTestId('save').click();
    await field(page, '身份证号码').getByText(`身份证号码 ${ids.duplicate} 已登记`).waitFor();
    expect(patches).toBe(1);
    expect(await idInput.inputValue()).toBe(ids.duplicate);
    expect(await page.getByLabel('就业单位').inputValue()).toBe('已经填好的单位');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'edit-form-error');

    // Back to the stored number; the network fails: a message, and the input stays.
    await page.getByTestId('field-idNumber-correct').click();
    await page.route('**/api/persons/*', (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByTestId('save').click();
    await page.getByTestId('save-problem').getByText('网络连接失败', { exact: false }).waitFor();
    expect(await page.getByLabel('就业单位').inputValue()).toBe('已经填好的单位');
    await page.unroute('**/api/persons/*');

    // Someone else saves meanwhile: a version conflict, then the latest record with our change on top.
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'village', password: demoPassword }),
    });
    const { token } = (await login.json()) as { token: string };
    const other = await fetch(`${server.baseUrl}/api/persons/${person.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ version: 1, workplace: '内蒙古自治区通辽市' }),
    });
    expect(other.status).toBe(200);
    await page.getByTestId('save').click();
    await page.getByTestId('reload-latest').click();
    await page.getByTestId('form-notice').getByText('务工地点', { exact: false }).waitFor();
    expect(await page.getByLabel('就业单位').inputValue()).toBe('已经填好的单位');
    expect(await page.getByLabel('务工地点').inputValue()).toBe('内蒙古自治区通辽市');
    await page.getByTestId('save').click();
    await page.waitForURL((url) => url.pathname === `/persons/${person.id}`);
    await page.getByTestId('person-details').getByText('已经填好的单位').waitFor();
    await context.close();
  });

  it('works on a 375-px phone: find, view and edit a person', async () => {
    const person = await employedPerson(server.database, village, 2);
    const context = await newContext(browser, server.baseUrl, phone);
    const page = await context.newPage();
    await page.goto('/');
    await logIn(page, 'village', demoPassword);
    await page.getByTestId('user-badge').getByText('经办人').waitFor();
    await page.getByTestId('stat-persons').waitFor();
    await screenshot(page, 'phone-home');

    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '人员台账' }).click();
    await page.getByTestId('person-cards').waitFor();
    await screenshot(page, 'phone-person-list');
    const search = page.getByPlaceholder('姓名或身份证号码');
    await search.fill(person.name);
    await search.press('Enter');
    await page.getByText('共 1 人').waitFor();
    await page.getByRole('link', { name: new RegExp(person.name) }).click();
    await page.waitForURL(`**/persons/${person.id}`);
    await page.getByTestId('person-details').waitFor();
    await screenshot(page, 'phone-person-view');

    await page.getByTestId('edit-person').click();
    await page.getByLabel('月收入').fill('2800');
    await page.getByTestId('save').click();
    await page.waitForURL((url) => url.pathname === `/persons/${person.id}`);
    await page.getByTestId('person-details').getByText('2,800 元').waitFor();
    // Nothing is wider than the screen.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('creates a household with two members, checking one head and every ID number as typed', async () => {
    const head = await freeIdNumber(server.database, '1978-04-02', 'M');
    const spouse = await freeIdNumber(server.database, '1980-09-30', 'F');
    const context = await newContext(browser, server.baseUrl);
    const page = await context.newPage();
    await page.goto('/households');
    await logIn(page, 'village', demoPassword);
    await page.getByRole('link', { name: /新增家庭/ }).click();
    await page.waitForURL('**/households/new?**');
    await choose(page, page, '帮扶对象类别', '脱贫户');

    const first = page.locator('.ant-card').filter({ hasText: '成员 1' });
    await first.getByLabel('姓名').fill('测试户主');
    await first.getByLabel('身份证号码').fill(head);
    await first.getByText('出生日期 1978-04-02 · 男').waitFor();
    await choose(page, first, '劳动能力', '普通劳动力');
    await choose(page, first, '未就业原因', '在家闲置');

    await page.getByRole('button', { name: /再添加一名成员/ }).click();
    const second = page.locator('.ant-card').filter({ hasText: '成员 2' });
    await second.getByLabel('姓名').fill('测试配偶');
    await choose(page, second, '与户主关系', '户主');
    await formItem(second, '与户主关系').getByText('每户只能有一名户主').waitFor();
    await choose(page, second, '与户主关系', '配偶');
    await formItem(second, '与户主关系').getByText('每户只能有一名户主').waitFor({ state: 'detached' });
    await second.getByLabel('身份证号码').fill(`${spouse.slice(0, 10)}1331${spouse.slice(14)}`);
    await formItem(second, '身份证号码').getByText('身份证号码中的出生日期不是有效日期').waitFor();
    await second.getByLabel('身份证号码').fill(spouse);
    await choose(page, second, '劳动能力', '普通劳动力');
    await second.getByText('已就业', { exact: true }).click();
    await page.getByTestId('save').click();
    await formItem(second, '就业形式').getByText('已就业人员须填写就业形式').waitFor();
    await choose(page, second, '就业形式', '帮扶车间');
    await choose(page, second, '务工地域', '县内');
    await page.getByTestId('save').click();

    await page.waitForURL(/\/households\/\d+$/);
    await page.getByRole('link', { name: '测试户主', exact: true }).waitFor();
    await page.getByRole('link', { name: '测试配偶', exact: true }).waitFor();
    await context.close();
  });
});
