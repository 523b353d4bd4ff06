// Browser tests drive Debian's Chromium (/usr/bin/chromium): `playwright install`
// cannot download browsers on our machines (docs/STACK-NOTES.md).
//
// Against a running deployment:   BATON_E2E_URL=http://host:port npx playwright test
// Otherwise we start our own:     pnpm --filter @baton/web build && npx playwright test
// (scripts/start.mjs serves the API plus the built apps/web/dist on port 3999,
// or BATON_E2E_PORT, with a fresh data directory so every run starts from an
// empty database). It runs embedded (PGlite + in-process queue) unless
// DATABASE_URL / REDIS_URL are set in the environment, exactly like
// `./baton start`; scripts/test.sh unsets them for this step.
// BATON_E2E_NO_BUILD=1 skips start.mjs's freshness rebuild (scripts/test.sh has
// just built everything).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { ADMIN_PASSWORD, DEMO_PASSWORD } from './tests/credentials';

const externalUrl = process.env.BATON_E2E_URL;
const port = process.env.BATON_E2E_PORT ?? '3999';
const localUrl = `http://127.0.0.1:${port}`;

// The config is evaluated again in every worker: create the data dir once and
// hand it down through the environment.
if (!externalUrl && !process.env.BATON_E2E_DATA_DIR) {
  process.env.BATON_E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
}

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/test-results',
  workers: 1,
  fullyParallel: false,
  // One retry: a browser test that fails once and then passes is reported as
  // FLAKY in the summary (scripts/test-summary.mjs) instead of sinking the run;
  // one that fails twice fails.
  retries: 1,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: externalUrl ?? localUrl,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
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
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      // Our users browse in Chinese: the default project is a zh-CN browser in Beijing.
      name: 'chromium-zh',
      use: {
        browserName: 'chromium',
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1280, height: 800 },
      },
    },
  ],
  webServer: externalUrl
    ? undefined
    : {
        command: `node ../scripts/start.mjs${process.env.BATON_E2E_NO_BUILD === '1' ? ' --no-build' : ''}`,
        url: `${localUrl}/api/health`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          PORT: port,
          BATON_DATA_DIR: process.env.BATON_E2E_DATA_DIR!,
          BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
          // The demo organisation (departments, heads, a user per SOP role).
          BATON_DEMO: '1',
          BATON_DEMO_PASSWORD: DEMO_PASSWORD,
        },
      },
});
