// Filling antd forms from a test: selects open a dropdown rendered at the end of the page.
import type { Locator, Page } from 'playwright-core';

/** Picks `option` in the Select labelled `label` (within `scope`, e.g. one member's card). */
export async function choose(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** The form item (label, control and messages) of the field labelled `label`. */
export function formItem(scope: Page | Locator, label: string): Locator {
  // The inner locator of `has` is matched inside each form item, so it starts from the page.
  const page = 'page' in scope ? scope.page() : scope;
  return scope.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
}
