// Every task action, clicked in the browser, and what people see afterwards:
// reject, return to an earlier step, transfer, add a signer, comment with an
// @mention, and the initiator withdrawing. The scene (a published two-step
// approval and a started request) is set over the API; the action under test
// is always clicked, and the assertions are on the inbox, the bell, the
// instance status and the timeline of the people concerned.
import type { Locator, Page } from '@playwright/test';
import {
  act,
  apiFor,
  cancelRunning,
  go,
  openTask,
  publish,
  settle,
  signIn,
  signOut,
  startInstance,
  type Api,
} from './api';
import { expect, pickOption, screenshotPath, test } from './support';

const STAMP = Date.now().toString(36);

/** One process per test, so its inbox rows are told apart by name ("<name> · pm"). */
const P = {
  reject: { key: `e2e-act-reject-${STAMP}`, name: `拒绝测试 ${STAMP}` },
  return: { key: `e2e-act-return-${STAMP}`, name: `退回测试 ${STAMP}` },
  transfer: { key: `e2e-act-transfer-${STAMP}`, name: `转交测试 ${STAMP}` },
  addSigner: { key: `e2e-act-sign-${STAMP}`, name: `加签测试 ${STAMP}` },
  comment: { key: `e2e-act-comment-${STAMP}`, name: `评论测试 ${STAMP}` },
  withdraw: { key: `e2e-act-withdraw-${STAMP}`, name: `撤回测试 ${STAMP}` },
};

const OPSDIR = '李运营总监 (Operations director)';
const GM = '陈总 (General manager)';
const OPSSPEC = '钱运营专员 (Operations specialist)';
const FINANCE = '吴财务 (Finance)';
const PM = '王产品 (Product manager)';

/** start → 运营总监审批 (opsdir) → 总经理审批 (gm) → end. */
async function twoStep(api: Api, { key, name }: { key: string; name: string }) {
  await publish(api, {
    key,
    name,
    category: 'E2E 动作',
    form: {
      schema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: {
          item: { type: 'string', title: '物品', maxLength: 100 },
          amount: { type: 'number', title: '金额', minimum: 0 },
        },
      },
      uiSchema: { 'ui:order': ['item', 'amount'] },
    },
    graph: {
      nodes: [
        { id: 'start', type: 'start', name: '发起' },
        {
          id: 'ops',
          type: 'approval',
          name: '运营总监审批',
          assignees: [{ kind: 'user', ids: [await api.userId('opsdir')] }],
        },
        {
          id: 'gm',
          type: 'approval',
          name: '总经理审批',
          assignees: [{ kind: 'user', ids: [await api.userId('gm')] }],
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'ops' },
        { id: 'e2', source: 'ops', target: 'gm' },
        { id: 'e3', source: 'gm', target: 'end' },
      ],
    },
  });
}

test.describe.configure({ timeout: 120_000 });

let api: Api;
const instances: Partial<Record<keyof typeof P, string>> = {};

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(60_000);
  const request = await playwright.request.newContext({
    baseURL: testInfo.project.use.baseURL,
  });
  api = apiFor(request);
  for (const which of Object.keys(P) as (keyof typeof P)[]) {
    await twoStep(api, P[which]);
    instances[which] = await startInstance(api, 'pm', P[which].key, {
      item: `${which} 物品`,
      amount: 100,
    });
  }
});

test.afterAll(async () => {
  if (!api) return;
  await cancelRunning(api, Object.values(instances));
  await api.request.dispose();
});

/** Wait for the request page itself: the page we came from may still show its status tags. */
async function onInstancePage(page: Page, id: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/instances/${id}$`));
  await expect(page.getByTestId('instance-title')).toBeVisible();
}

/** The inbox row of a process (the 待办 tab unless `tab` says otherwise). */
async function inboxRow(page: Page, name: string, tab?: string): Promise<Locator> {
  await go(page, tab ? `/inbox?tab=${tab}` : '/inbox');
  return page.getByTestId('inbox-row').filter({ hasText: name });
}

/** Open my task on a process from the inbox, as a person would. */
async function openFromInbox(page: Page, name: string, node: string): Promise<void> {
  const row = await inboxRow(page, name);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(node);
  await row.getByRole('link', { name: new RegExp(name) }).click();
  await expect(page).toHaveURL(/\/tasks\/[^/]+$/);
  await expect(page.getByTestId('task-title')).toContainText(name);
}

/**
 * The search settles the question "is it still in my inbox?" without racing the
 * load: the 没有…相关的结果 empty state only shows once the answer came back empty.
 */
async function expectNotInTodo(page: Page, name: string): Promise<void> {
  await go(page, `/inbox?q=${encodeURIComponent(name)}`);
  await expect(page.getByText(`没有与“${name}”相关的结果`)).toBeVisible();
  await expect(page.getByTestId('inbox-row')).toHaveCount(0);
}

type Action = 'approve' | 'reject' | 'return' | 'transfer' | 'add-signer' | 'comment';
const LABELS: Record<Action, string> = {
  approve: '同意',
  reject: '拒绝',
  return: '退回',
  transfer: '转交',
  'add-signer': '加签',
  comment: '评论',
};

/** A button of the task page's action bar (data-testid action-<name>), checked by its label. */
async function actionButton(page: Page, action: Action): Promise<Locator> {
  const button = page.getByTestId('action-bar').getByTestId(`action-${action}`);
  await expect(button).toBeVisible();
  await expect(button).toContainText(LABELS[action]);
  return button;
}

/** The comment box of the action dialog. */
function commentBox(dialog: Locator): Locator {
  return dialog.getByTestId('comment-text');
}

test('reject: the request ends rejected, the approver’s inbox is clear, the initiator sees why', async ({
  page,
}) => {
  const { name } = P.reject;
  await signIn(page, 'opsdir');
  await openFromInbox(page, name, '运营总监审批');
  await (await actionButton(page, 'reject')).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('确定拒绝这个申请？');
  await commentBox(dialog).fill('预算超标，请下季度再提');
  await settle(page);
  await page.screenshot({ path: screenshotPath('actions-reject-dialog-zh') });
  await dialog.getByTestId('action-confirm').click();

  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText('已拒绝').first()).toBeVisible();
  await expectNotInTodo(page, name);
  const done = await inboxRow(page, name, 'done');
  await expect(done).toContainText('拒绝');
  await signOut(page);

  // The initiator: rejected under 我发起的, with who and why on the timeline; nothing left to withdraw.
  await signIn(page, 'pm');
  const mine = await inboxRow(page, name, 'initiated');
  await expect(mine).toContainText('已拒绝');
  await mine.getByRole('link', { name: new RegExp(name) }).click();
  await onInstancePage(page, instances.reject!);
  await expect(page.getByTestId('instance-status')).toHaveText('已拒绝');
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText(`${OPSDIR} 拒绝`);
  await expect(timeline).toContainText('预算超标，请下季度再提');
  await expect(timeline).toContainText('流程结束：已拒绝');
  await expect(timeline).not.toContainText(GM);
  await expect(page.getByRole('button', { name: '撤回申请' })).toHaveCount(0);
});

test('return: back to an earlier step, whose approver finds it in the inbox again', async ({
  page,
}) => {
  const { name } = P.return;
  const id = instances.return!;
  // 运营总监 already approved; it waits for 总经理.
  const first = await openTask(api, 'opsdir', id, 'ops');
  await act(api, 'opsdir', first.id, { action: 'approve', comment: '同意' });
  await openTask(api, 'gm', id, 'gm');
  // opsdir has read everything so far: what the bell shows later is news.
  const read = await api.request.post('/api/notifications/read-all', {
    headers: await api.auth('opsdir'),
  });
  expect(read.status(), await read.text()).toBe(200);

  await signIn(page, 'gm');
  await openFromInbox(page, name, '总经理审批');
  await (await actionButton(page, 'return')).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('退回到').click();
  await pickOption(page, '运营总监审批');
  await expect(dialog).toContainText('确定退回到「运营总监审批」？');
  await commentBox(dialog).fill('请补充供应商报价');
  await settle(page);
  await page.screenshot({ path: screenshotPath('actions-return-dialog-zh') });
  await dialog.getByTestId('action-confirm').click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText('已退回').first()).toBeVisible();
  await expectNotInTodo(page, name);
  await signOut(page);

  // 运营总监: a new task in the bell, and the request is back in the inbox at their step.
  await signIn(page, 'opsdir');
  await page.getByTestId('notification-bell').click();
  const panel = page.getByTestId('notification-panel');
  await expect(panel.locator('.notification-item', { hasText: name })).toContainText('新待办');
  await page.keyboard.press('Escape');
  await openFromInbox(page, name, '运营总监审批');
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText(`${OPSDIR} 同意`);
  await expect(timeline).toContainText(`${GM} 退回到「运营总监审批」`);
  await expect(timeline).toContainText('请补充供应商报价');
  await expect(timeline).toContainText(`等待 ${OPSDIR} 处理`);
  await actionButton(page, 'approve');
  await signOut(page);

  // The initiator is told it went back.
  await signIn(page, 'pm');
  await page.getByTestId('notification-bell').click();
  await expect(
    page
      .getByTestId('notification-panel')
      .locator('.notification-item', { hasText: '申请被退回' })
      .filter({ hasText: name }),
  ).toBeVisible();
});

test('transfer: the new holder has it, the original no longer does', async ({ page }) => {
  const { name } = P.transfer;
  await signIn(page, 'opsdir');
  await openFromInbox(page, name, '运营总监审批');
  await (await actionButton(page, 'transfer')).click();
  const dialog = page.getByRole('dialog');
  const picker = dialog.getByLabel('转交给');
  await picker.click();
  await picker.fill('opsspec');
  await pickOption(page, OPSSPEC);
  await commentBox(dialog).fill('我这周出差，请钱专员处理');
  await dialog.getByTestId('action-confirm').click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText('已转交').first()).toBeVisible();
  await expectNotInTodo(page, name);
  await signOut(page);

  await signIn(page, 'opsspec');
  await openFromInbox(page, name, '运营总监审批');
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText(`${OPSDIR} 转交给 ${OPSSPEC}`);
  await expect(timeline).toContainText(`等待 ${OPSSPEC} 处理`);
  await actionButton(page, 'approve');
});

test('add signer: the added person must approve too before the flow moves on', async ({ page }) => {
  const { name } = P.addSigner;
  const id = instances.addSigner!;
  await signIn(page, 'opsdir');
  await openFromInbox(page, name, '运营总监审批');
  await (await actionButton(page, 'add-signer')).click();
  const dialog = page.getByRole('dialog');
  const picker = dialog.getByLabel('加签人员');
  await picker.click();
  await picker.fill('finance');
  await pickOption(page, FINANCE);
  await dialog.locator('.ant-modal-title').click(); // close the dropdown
  await expect(dialog.getByRole('radio', { name: /后加签|After me/ })).toBeChecked();
  await dialog.getByTestId('action-confirm').click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText('已加签').first()).toBeVisible();

  // After me: it is still mine to approve first.
  await openFromInbox(page, name, '运营总监审批');
  await expect(page.getByTestId('timeline')).toContainText(`${OPSDIR} 加签 ${FINANCE}（后加签）`);
  await (await actionButton(page, 'approve')).click();
  await page.getByRole('dialog').getByTestId('action-confirm').click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expectNotInTodo(page, name);
  await signOut(page);

  // 吴财务 now holds the same step; 总经理 has nothing yet.
  await signIn(page, 'finance');
  await openFromInbox(page, name, '运营总监审批');
  await page.getByRole('link', { name: '查看申请详情' }).click();
  await onInstancePage(page, id);
  await expect(page.getByTestId('instance-status')).toHaveText('审批中');
  await expect(page.getByTestId('timeline')).toContainText(`等待 ${FINANCE} 处理`);
  await expect(page.getByTestId('diagram-node-ops')).toHaveAttribute('data-status', 'active');
  await expect(page.getByTestId('diagram-node-gm')).toHaveAttribute('data-status', 'pending');

  await page.goBack();
  await expect(page.getByTestId('task-title')).toContainText(name);
  await (await actionButton(page, 'approve')).click();
  await page.getByRole('dialog').getByTestId('action-confirm').click();
  await expect(page).toHaveURL(/\/inbox$/);

  // Only now does it move on to 总经理.
  const done = await inboxRow(page, name, 'done');
  await expect(done).toContainText('同意');
  await done.getByRole('link', { name: new RegExp(name) }).click();
  await expect(page.getByText('这个任务已经处理过了')).toBeVisible();
  await page.getByRole('link', { name: '查看申请详情' }).click();
  await onInstancePage(page, id);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText(`${OPSDIR} 同意`);
  await expect(timeline).toContainText(`${FINANCE} 同意`);
  await expect(timeline).toContainText(`等待 ${GM} 处理`);
  await expect(page.getByTestId('diagram-node-ops')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('diagram-node-gm')).toHaveAttribute('data-status', 'active');
});

test('comment with an @mention: on the timeline, and in the mentioned person’s bell', async ({
  page,
}) => {
  const { name } = P.comment;
  const id = instances.comment!;
  await signIn(page, 'opsdir');
  await openFromInbox(page, name, '运营总监审批');
  await (await actionButton(page, 'comment')).click();
  const dialog = page.getByRole('dialog');
  // Empty comments are refused in the dialog.
  await dialog.getByTestId('action-confirm').click();
  await expect(dialog.getByText('请填写评论内容')).toBeVisible();
  // Type @ and pick the colleague from the suggestions.
  const box = commentBox(dialog);
  await box.click();
  await box.pressSequentially('报价单在哪里？ @p');
  await page
    .locator('.ant-mentions-dropdown:visible .ant-mentions-dropdown-menu-item', {
      hasText: '(@pm)',
    })
    .click();
  await box.pressSequentially('请补一下');
  await expect(box).toHaveValue('报价单在哪里？ @pm 请补一下');
  await settle(page);
  await page.screenshot({ path: screenshotPath('actions-comment-dialog-zh') });
  await dialog.getByTestId('action-confirm').click();
  await expect(page.getByText('评论已发布')).toBeVisible();
  // A comment does not hand the task on: still here, still open, the comment on the timeline.
  await expect(page).toHaveURL(/\/tasks\/[^/]+$/);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText(`${OPSDIR} 评论`);
  await expect(timeline).toContainText('报价单在哪里？ @pm 请补一下');
  await actionButton(page, 'approve');
  await signOut(page);

  // The initiator, mentioned: the bell says so and leads to the request.
  await signIn(page, 'pm');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName(/^通知，[1-9]\d* 条未读$/);
  await bell.click();
  const item = page
    .getByTestId('notification-panel')
    .locator('.notification-item', { hasText: '有人 @ 了你' })
    .filter({ hasText: name });
  await expect(item).toContainText('报价单在哪里？ @pm 请补一下');
  await settle(page);
  await page.screenshot({ path: screenshotPath('actions-mention-bell-zh') });
  await item.click();
  await onInstancePage(page, id);
  await expect(page.getByTestId('timeline')).toContainText('报价单在哪里？ @pm 请补一下');
  // Opening it marks it read.
  await page.getByTestId('notification-bell').click();
  await expect(
    page
      .getByTestId('notification-panel')
      .locator('.notification-item', { hasText: '有人 @ 了你' }),
  ).toHaveCount(0);
});

test('withdraw: the initiator withdraws from the request page, the approver’s task goes away', async ({
  page,
}) => {
  const { name } = P.withdraw;
  const id = instances.withdraw!;
  await openTask(api, 'opsdir', id, 'ops'); // the approver has it before the withdrawal

  await signIn(page, 'pm');
  const mine = await inboxRow(page, name, 'initiated');
  await expect(mine).toContainText('审批中');
  await mine.getByRole('link', { name: new RegExp(name) }).click();
  await onInstancePage(page, id);
  await expect(page.getByTestId('instance-status')).toHaveText('审批中');
  await page.getByRole('button', { name: '撤回申请' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('确定撤回这个申请？');
  await dialog.getByRole('button', { name: '撤回申请' }).click();
  await expect(page.getByText('申请已撤回')).toBeVisible();
  await expect(page.getByTestId('instance-status')).toHaveText('已撤回');
  await expect(page.getByTestId('timeline')).toContainText(`${PM} 撤回了申请`);
  await expect(page.getByRole('button', { name: '撤回申请' })).toHaveCount(0);
  await expect(await inboxRow(page, name, 'initiated')).toContainText('已撤回');
  await signOut(page);

  await signIn(page, 'opsdir');
  await expectNotInTodo(page, name);
});
