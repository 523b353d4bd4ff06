// Shared by the specs: credentials, screenshot paths and a fixture that fails
// a test on any console error or uncaught exception in the page.
import { test as base, expect, type Page } from '@playwright/test';
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
