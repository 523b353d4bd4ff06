// The admin area end to end on a real server: the template gallery (six
// built-in templates, a readable preview diagram, one-click install, the
// "already installed" answer), the organisation (a new department and a new
// person, a taken username) and the incidents page, in Chinese, English and
// at phone width.
import type { Page } from '@playwright/test';
import { expect, login, screenshotPath, test } from './support';

const STAMP = Date.now().toString(36);
const DEPARTMENT = `电商二部 ${STAMP}`;
const USERNAME = `e2e-ops-${STAMP}`;
const DISPLAY_NAME = `测试运营 ${STAMP}`;

async function settle(page: Page, selector: string) {
  await page
    .locator(selector)
    .first()
    .evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
}

async function noSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: nothing sticks out sideways on a phone`).toBeLessThanOrEqual(375);
}

test('templates: preview, one-click install, already installed', async ({ page, consoleWatch }) => {
  test.setTimeout(120_000);
  // The second install is refused with 409 on purpose; Chromium logs it.
  consoleWatch.allow(/status of 409/);
  await page.goto('/');
  await login(page);
  await expect(page.getByTestId('current-user')).toBeVisible();

  await page.getByRole('menuitem', { name: /模板库/ }).click();
  await expect(page).toHaveURL(/\/admin\/templates$/);
  await expect(page.getByRole('heading', { name: '模板库', exact: true })).toBeVisible();
  const cards = page.getByTestId('template-card');
  await expect(cards).toHaveCount(6);
  for (const name of ['新品上架', '退款审批', 'S级直播活动', '请假', '推广费用申请', '设计工单'])
    await expect(cards.filter({ hasText: name })).toHaveCount(1);
  await expect(cards.first().getByTestId('template-stages')).toBeVisible();
  await page.screenshot({ path: screenshotPath('admin-templates-zh'), fullPage: true });

  // The preview of 新品上架: the flow as a diagram with titles and summaries, and the form's fields.
  const listing = page.locator('[data-key="new-product-listing"]');
  await listing.getByRole('button', { name: /预览/ }).click();
  const drawer = page.getByTestId('template-preview');
  const diagram = drawer.getByTestId('template-diagram');
  await expect(diagram.getByText('运营总监审批')).toBeVisible();
  await expect(diagram.locator('.react-flow__node')).toHaveCount(8);
  await expect(diagram.locator('.react-flow__edge')).toHaveCount(8);
  await expect(diagram.locator('.fp-summary', { hasText: '运营总监' }).first()).toBeVisible();
  await settle(page, '.ant-drawer');
  await page.screenshot({ path: screenshotPath('admin-template-preview-zh') });
  // The whole diagram: the drawer scrolls, so give the page room for all of it.
  await page.setViewportSize({ width: 1280, height: 1900 });
  await settle(page, '.ant-drawer');
  await page.screenshot({ path: screenshotPath('admin-template-diagram-zh') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await drawer.getByRole('tab', { name: /表单字段/ }).click();
  await expect(drawer.getByTestId('template-field').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('admin-template-fields-zh') });

  // One click from the preview: publish now.
  await drawer.getByTestId('preview-install').click();
  const modal = page.getByRole('dialog', { name: /安装「新品上架/ });
  await expect(modal.getByRole('radio', { name: /立即发布/ })).toBeChecked();
  await modal.getByTestId('install-confirm').click();
  const success = modal.getByTestId('install-success');
  await expect(success).toContainText('已安装「新品上架');
  await expect(success).toContainText('已发布为版本 1');
  await expect(success).toContainText('new-product-listing');
  await settle(page, '.ant-modal');
  await page.screenshot({ path: screenshotPath('admin-template-installed-zh') });
  await modal.getByRole('button', { name: '关闭', exact: true }).last().click();
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // The card now says so, the process is listed with an export, and a second install is a clear 409.
  await expect(listing.getByTestId('installed-tag')).toBeVisible();
  const processes = page.getByTestId('processes-panel');
  await expect(processes.getByRole('row', { name: /new-product-listing/ })).toContainText('v1');
  await listing.getByRole('button', { name: /一键安装/ }).click();
  const again = page.getByRole('dialog', { name: /安装「新品上架/ });
  await again.getByTestId('install-confirm').click();
  await expect(again.getByTestId('install-error')).toContainText('已安装');
  await again.getByRole('button', { name: '取消' }).click();

  // English is one click away.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Templates', exact: true })).toBeVisible();
  await expect(page.getByTestId('template-card')).toHaveCount(6);
  await page.screenshot({ path: screenshotPath('admin-templates-en'), fullPage: true });
  await page
    .locator('[data-key="refund"]')
    .getByRole('button', { name: /Preview/ })
    .click();
  await expect(
    page.getByTestId('template-diagram').locator('.react-flow__node').first(),
  ).toBeVisible();
  await expect(
    page.getByTestId('template-diagram').locator('.fp-edge-label').first(),
  ).toBeVisible();
  await settle(page, '.ant-drawer');
  await page.screenshot({ path: screenshotPath('admin-template-preview-en') });
  await page.setViewportSize({ width: 1280, height: 2000 });
  await settle(page, '.ant-drawer');
  await page.screenshot({ path: screenshotPath('admin-template-diagram-en') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('.ant-drawer-close').click();
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '模板库', exact: true })).toBeVisible();

  // A phone: cards stack, the preview takes the whole width.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.getByTestId('template-card').first()).toBeVisible();
  await noSidewaysScroll(page, 'template gallery');
  await page.screenshot({ path: screenshotPath('admin-templates-phone-zh'), fullPage: true });
  await page
    .locator('[data-key="new-product-listing"]')
    .getByRole('button', { name: /预览/ })
    .click();
  await expect(page.getByTestId('template-diagram').getByText('运营总监审批')).toBeVisible();
  await settle(page, '.ant-drawer');
  await page.screenshot({ path: screenshotPath('admin-template-preview-phone-zh') });
});

test('organisation: create a department and a person; a taken username is explained', async ({
  page,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  consoleWatch.allow(/status of 409/);
  await page.goto('/');
  await login(page);
  await page.getByRole('menuitem', { name: /组织架构/ }).click();
  await expect(page).toHaveURL(/\/admin\/organisation$/);
  await expect(page.getByRole('heading', { name: '组织架构' })).toBeVisible();
  // The demo organisation: departments with their heads, people with roles as tags.
  const departments = page.getByTestId('departments-card');
  await expect(departments.getByText(/运营部/).first()).toBeVisible();
  await expect(departments.getByText(/负责人：李运营总监/)).toBeVisible();
  const users = page.getByTestId('users-card');
  await expect(users.getByRole('row', { name: /opsdir/ })).toContainText('运营总监');

  // A new department under 运营部.
  await departments.getByRole('button', { name: '新建部门' }).click();
  const deptModal = page.getByRole('dialog', { name: '新建部门' });
  await deptModal.getByLabel('部门名称').fill(DEPARTMENT);
  await deptModal.getByLabel('上级部门').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '运营部' })
    .first()
    .click();
  // Picking a tree node may leave its dropdown open over the buttons: close it.
  await deptModal.locator('.ant-modal-title').click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await deptModal.getByRole('button', { name: '创建' }).click();
  await expect(page.getByText(`已创建部门「${DEPARTMENT}」`)).toBeVisible();
  await expect(departments.getByText(DEPARTMENT)).toBeVisible();

  // A new person in it, with a known role and a new one typed as a tag.
  await users.getByRole('button', { name: '新建人员' }).click();
  const userModal = page.getByRole('dialog', { name: '新建人员' });
  await userModal.getByLabel('用户名').fill(USERNAME);
  await userModal.getByLabel('姓名').fill(DISPLAY_NAME);
  await userModal.getByLabel('初始密码').fill('e2e-secret-1');
  const roles = userModal.getByLabel('角色');
  await roles.click();
  await roles.fill('operations_specialist');
  await page.keyboard.press('Enter');
  await roles.fill('buyer');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await userModal.getByLabel('部门').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: DEPARTMENT })
    .first()
    .click();
  // Close the tree's dropdown by clicking the dialog's title: the dropdown may
  // open upwards over the fields above it (it did on CI), never over the title.
  await userModal.locator('.ant-modal-title').click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await settle(page, '.ant-modal');
  await page.screenshot({ path: screenshotPath('admin-user-form-zh') });
  await userModal.getByRole('button', { name: '创建' }).click();
  await expect(page.getByText(`已创建人员「${DISPLAY_NAME}」`)).toBeVisible();
  const row = users.getByRole('row', { name: new RegExp(USERNAME) });
  await expect(row).toContainText('运营专员');
  await expect(row).toContainText('buyer');
  await expect(row).toContainText(DEPARTMENT);
  await expect(row).toContainText('启用');
  await expect(departments.getByText(/1 人/).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('admin-organisation-zh'), fullPage: true });

  // The same username again: the form says why, on the field.
  await users.getByRole('button', { name: '新建人员' }).click();
  const dup = page.getByRole('dialog', { name: '新建人员' });
  await dup.getByLabel('用户名').fill(USERNAME);
  await dup.getByLabel('姓名').fill('重复的人');
  await dup.getByLabel('初始密码').fill('e2e-secret-2');
  await dup.getByRole('button', { name: '创建' }).click();
  await expect(
    dup.locator('.ant-form-item-explain-error', { hasText: '这个用户名已被使用' }),
  ).toBeVisible();
  await dup.getByRole('button', { name: '取消' }).click();

  // Edit: disable the account.
  await row.getByRole('button', { name: /编辑/ }).click();
  const editModal = page.getByRole('dialog', { name: /编辑人员/ });
  await editModal.getByRole('switch').click();
  await editModal.getByRole('button', { name: '保存' }).click();
  await expect(row).toContainText('已停用');

  // Phone width: the tree and the table stack and nothing sticks out.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(departments).toBeVisible();
  await noSidewaysScroll(page, 'organisation');
  await page.screenshot({ path: screenshotPath('admin-organisation-phone-zh'), fullPage: true });
});

test('incidents: an empty list says all is well', async ({ page }) => {
  await page.goto('/');
  await login(page);
  await page.getByRole('menuitem', { name: /运维/ }).click();
  await expect(page).toHaveURL(/\/admin\/incidents$/);
  await expect(page.getByRole('heading', { name: '运维' })).toBeVisible();
  await expect(page.getByText('没有异常 — 所有流程都在正常运行')).toBeVisible();
  await page.screenshot({ path: screenshotPath('admin-incidents-zh'), fullPage: true });
});
