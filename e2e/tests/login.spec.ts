import { gzipSync } from 'node:zlib';
import { ADMIN_USERNAME, expect, login, screenshotPath, test } from './support';
import { DEMO_PASSWORD } from './credentials';

test('log in, see the shell in Chinese, switch to English, fit a phone', async ({ page }) => {
  await page.goto('/');

  // Not signed in: the app sends us to the login page, in Chinese for a zh-CN browser.
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page).toHaveTitle('Baton 接力');
  await page.screenshot({ path: screenshotPath('login-zh'), fullPage: true });

  await login(page);

  // The shell: the admin's name in the header, the 工作台 menu, health tags, honest empty state.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('current-user')).toContainText(/管理员|admin/i);
  await expect(page.getByRole('menuitem', { name: /工作台/ })).toBeVisible();
  const health = page.getByTestId('health-tags');
  await expect(health).toContainText('服务 · 正常');
  await expect(health).toContainText('数据库 · 正常');
  await expect(health).toContainText('队列 · 正常');
  await expect(page.getByText('还没有待办 — 去发起一个申请')).toBeVisible();
  await page.screenshot({ path: screenshotPath('home-zh'), fullPage: true });

  // One click to English; the choice survives a reload.
  await page.getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(
    page.getByRole('heading', { name: /^Good (morning|afternoon|evening), / }),
  ).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Home/ })).toBeVisible();
  await expect(page.getByTestId('health-tags')).toContainText('Database · OK');
  await expect(page.getByText('Nothing to do yet — start a request')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: /Log out/ })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText(/管理员|admin/i);
  await page.screenshot({ path: screenshotPath('home-en'), fullPage: true });

  // Phone width: no sider, a menu button opens the navigation in a drawer.
  await page.setViewportSize({ width: 375, height: 812 });
  const menuButton = page.getByRole('button', { name: 'Open menu' });
  await expect(menuButton).toBeVisible();
  await expect(page.locator('.ant-layout-sider')).toHaveCount(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'nothing sticks out sideways on a phone').toBeLessThanOrEqual(375);
  await page.screenshot({ path: screenshotPath('home-phone-en'), fullPage: true });
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByText('还没有待办 — 去发起一个申请')).toBeVisible();
  await page.screenshot({ path: screenshotPath('home-phone-zh'), fullPage: true });
  await page.getByRole('button', { name: '打开菜单' }).click();
  await expect(page.getByRole('menuitem', { name: /工作台/ })).toBeVisible();
  // Let the drawer finish sliding in, or the screenshot catches it half-way.
  await page
    .locator('.ant-drawer')
    .evaluate((drawer) =>
      Promise.all(drawer.getAnimations({ subtree: true }).map((a) => a.finished)),
    );
  await page.screenshot({ path: screenshotPath('home-phone-menu-zh') });
  await page.keyboard.press('Escape');

  // Logging out forgets the session: a reload stays on the login page.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('login-phone-zh'), fullPage: true });
});

test('after a log-out the next person starts at their own home, not at the last page', async ({
  page,
}) => {
  await page.goto('/admin/organisation');
  await expect(page).toHaveURL(/\/login$/);
  await login(page);
  // A deep link before signing in is honoured…
  await expect(page).toHaveURL(/\/admin\/organisation$/);
  await page.getByRole('button', { name: /^(退出登录|Log out)$/ }).click();
  await expect(page).toHaveURL(/\/login$/);
  // …but a log-out is not a deep link for whoever comes next.
  await login(page, 'pm', DEMO_PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('forbidden-page')).toHaveCount(0);
});

test('a wrong password shows the reason and keeps us on the login page', async ({
  page,
  consoleWatch,
}) => {
  // Chromium logs every 4xx response as a console error; this one is the point of the test.
  consoleWatch.allow(/status of 401/);
  await page.goto('/login');
  await login(page, ADMIN_USERNAME, 'definitely-not-the-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page).toHaveURL(/\/login$/);
  await page.screenshot({ path: screenshotPath('login-error-zh'), fullPage: true });
});

test('the login page loads less than 500 kB of gzipped JS and CSS', async ({ page }, testInfo) => {
  const assets: { url: string; raw: number; gzip: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const url = response.url();
    if (!/\.(js|css)(\?|$)/.test(url)) return;
    pending.push(
      response.body().then((body) => {
        assets.push({ url: new URL(url).pathname, raw: body.length, gzip: gzipSync(body).length });
      }),
    );
  });
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);

  const total = assets.reduce((sum, asset) => sum + asset.gzip, 0);
  const report = assets
    .sort((a, b) => b.gzip - a.gzip)
    .map((a) => `${(a.gzip / 1024).toFixed(1).padStart(7)} kB  ${a.url}`)
    .concat(`${(total / 1024).toFixed(1).padStart(7)} kB  total (gzip)`)
    .join('\n');
  await testInfo.attach('login-page-assets.txt', { body: report, contentType: 'text/plain' });
  console.log(`Login page JS+CSS:\n${report}`);
  expect(total).toBeLessThan(500 * 1024);
});
