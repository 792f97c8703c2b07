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

/**
 * Clicks `ok` in the open confirmation (Popconfirm) once it has settled, and waits for it to close.
 * Opened at machine speed, the popup may still be zooming in or drawn where it first appears (the
 * end of the page) before it is placed by its button; the page then scrolls to reach it, the popup
 * moves, and a click in that moment was lost: the confirmation stayed open and nothing was sent.
 */
export async function confirmPopup(page: Page, ok: RegExp) {
  const popup = page
    .locator('.ant-popover:not(.ant-popover-hidden):not([class*="ant-zoom-big"])')
    .filter({ has: page.locator('.ant-popconfirm-buttons') });
  await popup.waitFor();
  await popup.getByRole('button', { name: ok }).click();
  await popup.waitFor({ state: 'hidden' });
}
