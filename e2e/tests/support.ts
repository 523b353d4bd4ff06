// Shared by the specs: credentials, screenshot paths and a fixture that fails
// a test on any console error or uncaught exception in the page.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from './credentials';

export { ADMIN_PASSWORD, ADMIN_USERNAME };

/** Stable place for screenshots people look at (outside outputDir, which is per test). */
export const screenshotPath = (name: string) => `artifacts/screenshots/${name}.png`;

export interface ConsoleWatch {
  errors: string[];
  /** Expected errors this test provokes on purpose (e.g. a 401 from a wrong password). */
  allow(pattern: RegExp): void;
}

export const test = base.extend<{ consoleWatch: ConsoleWatch }>({
  consoleWatch: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error')
          errors.push(`console: ${message.text()} @ ${message.location().url}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use({ errors, allow: (pattern) => allowed.push(pattern) });
      expect(errors.filter((text) => !allowed.some((pattern) => pattern.test(text)))).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function login(
  page: Page,
  username = ADMIN_USERNAME,
  password = ADMIN_PASSWORD,
): Promise<void> {
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

/**
 * Drags `source` onto `target` once the target has stopped moving: the flow
 * canvas refits with an animation after steps come or go (insert, paste, undo),
 * and a drop computed from a box that is still sliding lands beside the "+".
 */
export async function dropOn(page: Page, source: Locator, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  let last = '';
  let same = 0;
  for (let i = 0; i < 100 && same < 3; i += 1) {
    const box = JSON.stringify(await target.boundingBox());
    same = box === last ? same + 1 : 0;
    last = box;
    await page.waitForTimeout(80);
  }
  await source.dragTo(target);
}

/** Picks an option of the open antd Select / Mentions dropdown. */
export async function pickOption(page: Page, text: string | RegExp): Promise<void> {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}
