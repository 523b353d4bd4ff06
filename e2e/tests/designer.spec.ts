// The designer journey (first half of the story): an admin creates a
// process, builds its form by drag and drop, sets the approver, inserts a
// condition branch with "金额 ≥ 500", publishes version 1, and the API agrees.
import { ADMIN_PASSWORD, ADMIN_USERNAME, expect, login, screenshotPath, test } from './support';

// The key of the process the first test designs; the second runs it.
let designedKey: string | undefined;

test('design a process: form by drag and drop, flow with a branch, publish v1', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const key = `e2e-${Date.now().toString(36)}`;
  designedKey = key;

  await page.goto('/');
  await login(page);
  await expect(page.getByTestId('current-user')).toBeVisible();

  // 流程设计 in the menu, then 新建流程.
  await page.getByRole('menuitem', { name: /流程设计/ }).click();
  await expect(page).toHaveURL(/\/designer$/);
  await expect(page.getByRole('heading', { name: '流程设计' })).toBeVisible();
  await page.getByTestId('designer-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('流程名称').fill('报销审批（E2E）');
  await dialog.getByLabel('流程标识').fill(key);
  await dialog.getByRole('button', { name: '新建流程' }).click();
  await expect(page).toHaveURL(new RegExp(`/designer/${key}$`));

  // Form tab: drag 单行文本 and 金额 from the palette onto the form.
  await expect(page.getByRole('tab', { name: '表单' })).toHaveAttribute('aria-selected', 'true');
  const canvas = page.getByTestId('form-canvas');
  await page.getByTestId('palette-field-text').dragTo(canvas);
  await expect(page.getByTestId('form-field-text')).toBeVisible();
  await page.getByTestId('prop-label').fill('标题');
  await page.getByTestId('prop-required').click();
  await page.getByTestId('palette-field-money').dragTo(canvas);
  await expect(page.getByTestId('form-field-amount')).toBeVisible();
  await expect(page.getByTestId('prop-label')).toHaveValue('金额');
  await expect(page.getByTestId('form-field-text')).toContainText('标题');
  await page.screenshot({ path: screenshotPath('designer-form-zh'), fullPage: true });

  // The live preview at phone width.
  await page.getByText('手机', { exact: true }).click();
  await expect(page.getByTestId('form-preview')).toContainText('金额');
  await page.screenshot({ path: screenshotPath('designer-form-preview-phone-zh'), fullPage: true });

  // Flow tab: start → approval → end.
  await page.getByRole('tab', { name: '流程' }).click();
  await expect(page.getByTestId('node-start')).toBeVisible();
  await expect(page.getByTestId('node-approval')).toBeVisible();
  await expect(page.getByTestId('node-end')).toBeVisible();

  // The approval goes to a named user (admin), not the initiator's manager.
  await page.getByTestId('node-approval').click();
  const drawer = page.getByTestId('node-drawer');
  await expect(drawer).toBeVisible();
  const rules = drawer.getByTestId('assignee-rules');
  await rules.getByTestId('assignee-rule').locator('.ant-tag-close-icon').click();
  await expect(rules.getByTestId('assignee-rule')).toHaveCount(0);
  await rules.getByTestId('pick-users').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '管理员 Admin' })
    .click();
  await page.keyboard.press('Escape');
  await rules.getByTestId('add-assignee').click();
  await expect(rules.getByTestId('assignee-rule')).toContainText('管理员');
  await expect(page.getByTestId('node-approval')).toContainText('管理员');
  // The permission matrix: one row per field.
  await drawer.getByRole('tab', { name: '字段' }).click();
  await expect(drawer.getByTestId('permission-matrix')).toContainText('金额');
  await drawer.getByRole('radio', { name: '金额 只读' }).check();
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // "+" on approval → end: insert a 条件分支.
  await page.getByTestId('edge-plus-e2').click();
  await page.getByRole('menuitem', { name: '条件分支' }).click();
  const branch = page.locator('[data-type="branch"]');
  await expect(branch).toBeVisible();
  await expect(page.getByText('其他情况')).toBeVisible();

  // The first column's condition: 金额 ≥ 500, with the condition builder.
  await page.getByText('未设置条件').click();
  const condition = page.getByTestId('condition-drawer');
  await expect(condition).toBeVisible();
  await condition.getByTestId('add-condition').click();
  await condition.getByTestId('condition-field-0').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '金额' })
    .click();
  await condition.getByTestId('condition-operator-0').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '大于等于' })
    .click();
  await condition.getByTestId('condition-value-0').locator('input').fill('500');
  await condition.getByTestId('condition-value-0').locator('input').blur();
  await expect(page.locator('.ie-header', { hasText: '金额 ≥ 500' })).toBeVisible();
  await condition.locator('.ant-drawer-close').click();

  // No problems left: publish is enabled.
  await expect(page.getByTestId('problems-panel')).toContainText('没有问题');
  await expect(page.getByTestId('designer-publish')).toBeEnabled();
  await page.getByRole('button', { name: '自动布局' }).click();
  await page.screenshot({ path: screenshotPath('designer-flow-zh'), fullPage: true });

  // The simulator: start with sample data (金额 1000 → the first column), admin approves.
  await page.getByTestId('simulate-toggle').click();
  await page.getByTestId('sim-start').click();
  await expect(page.getByTestId('sim-status')).toHaveText('进行中');
  await expect(page.getByTestId('node-approval')).toHaveClass(/is-active/);
  await page.getByTestId('simulator').getByRole('button', { name: '同意' }).click();
  await expect(page.getByTestId('sim-status')).toHaveText('已完成');
  await expect(page.getByTestId('node-end')).toHaveClass(/is-done/);
  await page.screenshot({ path: screenshotPath('designer-simulator-zh'), fullPage: true });
  await page.getByTestId('simulate-toggle').click();

  // Publish → version 1.
  await page.getByTestId('designer-publish').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByText('已发布版本 1')).toBeVisible();
  await expect(page.getByTestId('designer-version')).toHaveText('v1');

  // The API agrees: latest version 1, a branch whose first column has the condition.
  const auth = await request.post('/api/auth/login', {
    data: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
  });
  const { accessToken } = (await auth.json()) as { accessToken: string };
  const response = await request.get(`/api/processes/${key}`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(response.ok()).toBe(true);
  const view = (await response.json()) as {
    latestVersion: number;
    definition: {
      form: { schema: { properties: Record<string, { title: string }> } };
      graph: {
        nodes: { id: string; type: string; assignees?: unknown[] }[];
        edges: { source: string; condition?: unknown; default?: boolean }[];
      };
    };
  };
  expect(view.latestVersion).toBe(1);
  const { nodes, edges } = view.definition.graph;
  const branchNode = nodes.find((n) => n.type === 'branch');
  expect(branchNode).toBeDefined();
  const columns = edges.filter((e) => e.source === branchNode!.id);
  expect(columns[0].condition).toEqual({ '>=': [{ var: 'amount' }, 500] });
  expect(columns.some((e) => e.default === true)).toBe(true);
  expect(nodes.filter((n) => n.type === 'end').length).toBeGreaterThanOrEqual(1);
  expect(nodes.find((n) => n.id === 'approval')?.assignees).toEqual([
    { kind: 'user', ids: [expect.any(String)] },
  ]);
  expect(view.definition.form.schema.properties.text.title).toBe('标题');
  expect(view.definition.form.schema.properties.amount.title).toBe('金额');

  // One click to English: the designer follows (and keeps the document).
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Flow' })).toBeVisible();
  await expect(page.locator('.ie-header', { hasText: 'Otherwise' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish' })).toBeVisible();
  await expect(page.locator('[data-type="branch"]')).toBeVisible();
  await page.screenshot({ path: screenshotPath('designer-flow-en'), fullPage: true });
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.screenshot({ path: screenshotPath('designer-form-en'), fullPage: true });
  await page.getByText('中文', { exact: true }).click();
});

// The second half of the story: the process just designed runs. An
// employee starts it from the catalogue, the approver (admin, chosen in the
// drawer above) approves it from the inbox, and the instance shows it finished.
test('the designed process runs: start, approve from the inbox, finished', async ({
  page,
  request,
}) => {
  test.skip(!designedKey, 'needs the process designed by the test above');
  test.setTimeout(120_000);
  const auth = await request.post('/api/auth/login', {
    data: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
  });
  const { accessToken } = (await auth.json()) as { accessToken: string };
  const employee = { username: 'emp-journey', password: 'emp-journey-pass', displayName: '赵员工' };
  const created = await request.post('/api/users', {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: { ...employee, roles: [] },
  });
  expect([201, 409]).toContain(created.status());

  const signOut = async () => {
    await page.getByRole('button', { name: /^(退出登录|Log out)$/ }).click();
    await expect(page).toHaveURL(/\/login$/);
  };

  // The employee starts it from the catalogue.
  await page.goto('/');
  await login(page, employee.username, employee.password);
  await page.getByRole('menuitem', { name: /发起申请/ }).click();
  await page.getByRole('link', { name: '报销审批（E2E）' }).click();
  await expect(page).toHaveURL(new RegExp(`/start/${designedKey}$`));
  await page.getByLabel('标题').fill('直播补光灯报销');
  await page.getByLabel('金额').fill('600');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]+$/);
  const instanceUrl = page.url();
  await expect(page.getByTestId('instance-status')).toHaveText('审批中');
  await signOut();

  // The approver approves from the inbox.
  await login(page);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  const row = page.getByTestId('inbox-row').filter({ hasText: '报销审批（E2E）' }).first();
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/tasks\/.+$/);
  await page.getByRole('button', { name: '同意' }).click();
  await page.getByRole('dialog').getByTestId('action-confirm').click();
  await expect(page).toHaveURL(/\/inbox$/);
  await signOut();

  // The employee sees it finished.
  await login(page, employee.username, employee.password);
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.goto(instanceUrl);
  await expect(page.getByTestId('instance-status')).toHaveText(/已通过|已完成/);
  await expect(page.getByTestId('timeline')).toContainText('同意');
  await page.screenshot({ path: screenshotPath('journey-instance-finished-zh'), fullPage: true });
});
