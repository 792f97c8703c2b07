// Debian's Chromium driven by playwright-core (no browser download). Without /usr/bin/chromium the
// browser suites are skipped with a hint, except in CI, where that is a failure.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { projectRoot } from './web-build.js';

export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  const hint = `Browser tests need Chromium at ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk`;
  if (process.env.CI) throw new Error(hint);
  console.warn(`Skipping browser tests. ${hint}`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 375, height: 812 };

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport = desktop,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: viewport === phone,
    hasTouch: viewport === phone,
  });
  context.setDefaultTimeout(15_000);
  return context;
}

export async function logIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Screenshots of the main pages. They go to docs/screenshots when BANGFU_SCREENSHOTS=1 (npm run
 * screenshots), otherwise to a temporary folder, so an ordinary test run leaves the repository as it was.
 */
export const screenshotDir =
  process.env.BANGFU_SCREENSHOTS === '1'
    ? path.join(projectRoot, 'docs', 'screenshots')
    : path.join(tmpdir(), 'bangfu-screenshots');
mkdirSync(screenshotDir, { recursive: true });

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  // For the documentation, let charts finish their entry animation and messages fade.
  if (process.env.BANGFU_SCREENSHOTS === '1') await page.waitForTimeout(700);
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
    fullPage: options.fullPage ?? false,
  });
}
