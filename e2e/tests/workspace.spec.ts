// The employee workspace end to end on a real server: a product manager starts
// a request from the catalogue, the operations director approves it from the
// inbox with a comment, and the initiator sees it approved with the timeline.
import type { APIRequestContext, Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USERNAME, DEMO_PASSWORD } from './credentials';
import { expect, login, pickOption, screenshotPath, test } from './support';

// A fixed key: against a reused server the test publishes a new version of the same process.
const KEY = 'e2e-purchase';
const NAME = '采购申请 E2E';
const TITLE = '直播间补光灯采购';
const COMMENT = '同意采购，注意控制预算 @pm';

async function apiToken(
  request: APIRequestContext,
  username: string,
  password: string,
): Promise<string> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/**
 * The two people of the journey. A server started with BATON_DEMO=1 already has
 * them (demo password); otherwise the admin creates them with the same names, so
 * the other specs keep an organisation without the demo users.
 */
const PEOPLE = [
  { username: 'pm', displayName: '王产品 (Product manager)', roles: ['product_manager'] },
  {
    username: 'opsdir',
    displayName: '李运营总监 (Operations director)',
    roles: ['operations_director'],
  },
];

async function ensurePeople(request: APIRequestContext, headers: Record<string, string>) {
  const list = async () =>
    (await (await request.get('/api/users', { headers })).json()) as {
      id: string;
      username: string;
    }[];
  let users = await list();
  for (const person of PEOPLE) {
    if (users.some((u) => u.username === person.username)) continue;
    const res = await request.post('/api/users', {
      headers,
      data: { ...person, password: DEMO_PASSWORD },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  users = await list();
  return (username: string) => users.find((u) => u.username === username)!.id;
}

/** Start → approval by opsdir (2-day SLA, so the inbox shows a light) → end. */
async function publishProcess(request: APIRequestContext): Promise<void> {
  const token = await apiToken(request, ADMIN_USERNAME, ADMIN_PASSWORD);
  const headers = { Authorization: `Bearer ${token}` };
  const idOf = await ensurePeople(request, headers);
  const definition = {
    key: KEY,
    name: NAME,
    category: '行政采购',
    description: '办公与直播设备采购',
    form: {
      schema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        required: ['title', 'amount'],
        properties: {
          title: { type: 'string', title: '标题', maxLength: 100 },
          amount: { type: 'number', title: '金额', multipleOf: 0.01, minimum: 0 },
        },
      },
      uiSchema: { 'ui:order': ['title', 'amount'], amount: { 'ui:widget': 'money' } },
    },
    graph: {
      nodes: [
        { id: 'start', type: 'start', name: '发起' },
        {
          id: 'ops',
          type: 'approval',
          name: '运营总监审批',
          assignees: [{ kind: 'user', ids: [idOf('opsdir')] }],
          sla: { due: 'P2D' },
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'ops' },
        { id: 'e2', source: 'ops', target: 'end' },
      ],
    },
  };
  const saved = await request.post('/api/processes', { headers, data: definition });
  expect(saved.status(), await saved.text()).toBe(201);
  const published = await request.post(`/api/processes/${KEY}/publish`, { headers });
  expect(published.status(), await published.text()).toBe(201);
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await login(page, username, DEMO_PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(退出登录|Log out)$/ }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Wait for antd's enter animations so screenshots are not caught half-way (spinners never end: skip them). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, 'nothing sticks out sideways on a phone').toBeLessThanOrEqual(375);
}

test('start a request, approve it from the inbox, see it approved', async ({ page, request }) => {
  test.setTimeout(120_000);
  await publishProcess(request);

  // ---- pm starts the request from the catalogue ----
  await signIn(page, 'pm');
  await page.getByRole('menuitem', { name: /发起申请/ }).click();
  await expect(page).toHaveURL(/\/start$/);
  await expect(page.getByRole('heading', { name: '发起申请' })).toBeVisible();
  await expect(page.getByText('行政采购')).toBeVisible();
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-start-zh'), fullPage: true });

  await page.getByPlaceholder('搜索流程名称、分类或说明').fill('补光灯不存在');
  await expect(page.getByText('没有找到与“补光灯不存在”相关的流程')).toBeVisible();
  await page.getByPlaceholder('搜索流程名称、分类或说明').fill('采购');
  await page.getByRole('link', { name: NAME }).click();
  await expect(page).toHaveURL(new RegExp(`/start/${KEY}$`));
  await expect(page.getByRole('heading', { name: NAME })).toBeVisible();

  // Required fields are checked in the browser, in Chinese.
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('必填').first()).toBeVisible();
  await page.getByLabel('标题').fill(TITLE);
  await page.getByLabel('金额').fill('1234.5');
  await page.getByLabel('标题').click(); // blur the amount so it shows formatted
  await expect(page.getByLabel('金额')).toHaveValue('1,234.50');
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-start-form-zh'), fullPage: true });
  await page.getByRole('button', { name: '提交申请' }).click();

  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]+$/);
  await expect(page.getByTestId('instance-status')).toHaveText('审批中');
  await expect(page.getByTestId('timeline')).toContainText('发起了申请');
  await expect(page.getByTestId('timeline')).toContainText('运营总监审批');
  await expect(page.getByRole('button', { name: '撤回申请' })).toBeVisible();
  await expect(page.getByTestId('diagram-slot')).toBeVisible();
  await expect(page.getByTestId('instance-diagram')).toBeVisible();
  await expect(page.getByTestId('diagram-node-start')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('diagram-node-ops')).toHaveAttribute('data-status', 'active');
  await expect(page.getByTestId('diagram-node-end')).toHaveAttribute('data-status', 'pending');
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-instance-running-zh'), fullPage: true });
  await signOut(page);

  // ---- opsdir sees the bell, opens the inbox and approves with a comment ----
  await signIn(page, 'opsdir');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName(/^通知，[1-9]\d* 条未读$/);
  await bell.click();
  await expect(page.getByTestId('notification-panel')).toContainText('新待办');
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-bell-zh') });
  await page.keyboard.press('Escape');

  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  const row = page.getByTestId('inbox-row').filter({ hasText: NAME }).first();
  await expect(row).toContainText('运营总监审批');
  await expect(row.getByTestId('sla-light')).toHaveAttribute('data-sla', 'green');
  // The row's key fields, as this step may see them.
  await expect(row.getByTestId('row-summary')).toHaveText(`标题 ${TITLE} · 金额 ¥1,234.50`);
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-inbox-zh'), fullPage: true });

  await row.getByRole('link', { name: new RegExp(NAME) }).click();
  await expect(page).toHaveURL(/\/tasks\/.+$/);
  await expect(page.getByTestId('task-title')).toContainText(NAME);
  // This node did not name the fields: read-only for the approver.
  await expect(page.getByLabel('标题')).toBeDisabled();
  await expect(page.getByText('¥1,234.50')).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText(
    '等待 李运营总监 (Operations director) 处理',
  );
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-task-zh'), fullPage: true });

  // A phone stacks summary, form, timeline, actions.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.getByRole('button', { name: '同意' })).toBeVisible();
  await noSidewaysScroll(page);
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-task-phone-zh'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: '同意' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('comment-text').fill(COMMENT);
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-approve-dialog-zh') });
  await dialog.getByTestId('action-confirm').click();

  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText('已同意')).toBeVisible();
  await expect(page.getByText('还没有待办 — 去发起一个申请')).toBeVisible();
  await page.getByRole('tab', { name: '已办' }).click();
  await expect(page.getByTestId('inbox-row').filter({ hasText: NAME }).first()).toContainText(
    '同意',
  );
  await signOut(page);

  // ---- pm sees the request approved, with the approval in the timeline ----
  await signIn(page, 'pm');
  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  await page.getByRole('tab', { name: '我发起的' }).click();
  await expect(page).toHaveURL(/tab=initiated/);
  const mine = page.getByTestId('inbox-row').filter({ hasText: NAME }).first();
  await expect(mine).toContainText('已通过');
  // Filters: this process only, then a status it is not in, then back.
  await page.getByTestId('filter-process').click();
  await page.keyboard.type(NAME);
  await pickOption(page, NAME);
  await expect(page).toHaveURL(new RegExp(`process=${KEY}`));
  await expect(page.getByTestId('inbox-row').first()).toContainText(NAME);
  await page.getByTestId('filter-status').click();
  await pickOption(page, '已拒绝');
  await expect(page).toHaveURL(/status=rejected/);
  await expect(page.getByTestId('inbox-row').filter({ hasText: NAME })).toHaveCount(0);
  await page.getByTestId('filter-status').click();
  await pickOption(page, '已通过');
  await expect(mine).toContainText('已通过');
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-initiated-zh'), fullPage: true });
  await mine.getByRole('link', { name: new RegExp(NAME) }).click();

  await expect(page).toHaveURL(/\/instances\/.+$/);
  // The list stays on screen until the instance page has loaded: wait for the page itself.
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(page.getByTestId('instance-status')).toHaveText('已通过');
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('李运营总监 (Operations director) 同意');
  await expect(timeline).toContainText(COMMENT);
  await expect(timeline).toContainText('流程结束：已通过');
  await expect(page.getByRole('button', { name: '撤回申请' })).toHaveCount(0);
  await expect(page.getByTestId('instance-diagram')).toBeVisible();
  await expect(page.getByTestId('diagram-legend')).toContainText('已完成');
  await expect(page.getByTestId('diagram-node-ops')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('diagram-node-end')).toHaveAttribute('data-status', 'done');
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-instance-approved-zh'), fullPage: true });

  // ---- the same pages in English, and on a phone ----
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByTestId('instance-status')).toHaveText('Approved');
  await expect(timeline).toContainText('approved');
  await expect(timeline).toContainText('Ended: approved');
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-instance-approved-en'), fullPage: true });

  await page.getByRole('menuitem', { name: /My inbox/ }).click();
  await expect(page.getByText('Nothing to do — start a request')).toBeVisible();
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-inbox-empty-en'), fullPage: true });
  await page.getByRole('menuitem', { name: /Start a request/ }).click();
  await expect(page.getByRole('link', { name: NAME })).toBeVisible();
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-start-en'), fullPage: true });

  await page.setViewportSize({ width: 375, height: 812 });
  await noSidewaysScroll(page);
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-start-phone-en'), fullPage: true });
  await page.goto('/inbox?tab=initiated');
  await expect(page.getByTestId('inbox-row').filter({ hasText: NAME }).first()).toContainText(
    'Approved',
  );
  await noSidewaysScroll(page);
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-initiated-phone-en'), fullPage: true });
  await page.getByText('中文', { exact: true }).click();
  await page.getByTestId('inbox-row').filter({ hasText: NAME }).getByRole('link').first().click();
  await expect(page.getByTestId('instance-status')).toHaveText('已通过');
  await expect(page.getByTestId('diagram-node-ops')).toHaveAttribute('data-status', 'done');
  await noSidewaysScroll(page);
  await settle(page);
  await page.screenshot({ path: screenshotPath('workspace-instance-phone-zh'), fullPage: true });
  // Leave the browser in Chinese for the next spec.
});

test('the initiator withdraws a request nobody has acted on yet', async ({ page, request }) => {
  await publishProcess(request);
  const token = await apiToken(request, 'pm', DEMO_PASSWORD);
  const started = await request.post(`/api/processes/${KEY}/instances`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { data: { title: '撤回测试', amount: 88 } },
  });
  expect(started.status(), await started.text()).toBe(201);
  const { id } = (await started.json()) as { id: string };

  await signIn(page, 'pm');
  await page.goto(`/instances/${id}`);
  await expect(page.getByTestId('instance-status')).toHaveText('审批中');
  await page.getByRole('button', { name: '撤回申请' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('确定撤回这个申请？');
  await dialog.getByRole('button', { name: '撤回申请' }).click();
  await expect(page.getByText('申请已撤回')).toBeVisible();
  await expect(page.getByTestId('instance-status')).toHaveText('已撤回');
  await expect(page.getByTestId('timeline')).toContainText('王产品 (Product manager) 撤回了申请');
  await expect(page.getByRole('button', { name: '撤回申请' })).toHaveCount(0);
  await settle(page);
  await page.screenshot({
    path: screenshotPath('workspace-instance-withdrawn-zh'),
    fullPage: true,
  });
});
