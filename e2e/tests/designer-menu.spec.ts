// The flow designer's right-click menus and default names: a step the
// designer adds ("+" menu, palette drop, duplicate, paste) is named after its
// type in both languages ("审批 2 Approval 2"), so the inbox and the timeline
// never show an id; a right-click on a step offers 编辑属性 / 复制 / 创建副本 /
// 删除 (what the start may not do is disabled), one on the empty canvas offers
// 粘贴 / 自动布局 / 适应画布, and the simulator's read-only canvas offers no
// edits. Fit view keeps the cards clear of the minimap and the controls,
// checked with the widest built-in template at two window sizes.
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  dropOn,
  expect,
  login,
  screenshotPath,
  test,
} from './support';

const RUN = Date.now().toString(36);

async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const auth = await request.post('/api/auth/login', {
    data: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
  });
  expect(auth.ok()).toBe(true);
  const { accessToken } = (await auth.json()) as { accessToken: string };
  return { Authorization: `Bearer ${accessToken}` };
}

/** Waits until the canvas has stopped moving (it refits with an animation after steps come or go). */
async function settled(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  await expect(viewport).toBeVisible();
  let last = '';
  let same = 0;
  for (let i = 0; i < 100 && same < 3; i += 1) {
    const now = await viewport.evaluate((el) => getComputedStyle(el).transform);
    same = now === last ? same + 1 : 0;
    last = now;
    await page.waitForTimeout(80);
  }
}

/** Cards that lie under the toolbar, the zoom controls or the minimap, or outside the canvas. */
async function coveredCards(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect();
    const overlap = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const canvas = box(document.querySelector('[data-testid="flow-canvas"]')!);
    const overlays = ['.fl-toolbar', '.react-flow__controls', '.react-flow__minimap'].map(
      (selector) => [selector, box(document.querySelector(selector)!)] as const,
    );
    const out: string[] = [];
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const card = box(node);
      const id = node.getAttribute('data-id');
      for (const [selector, overlay] of overlays)
        if (overlap(card, overlay)) out.push(`${id} under ${selector}`);
      if (
        card.left < canvas.left ||
        card.top < canvas.top ||
        card.right > canvas.right ||
        card.bottom > canvas.bottom
      )
        out.push(`${id} outside the canvas`);
    }
    return out;
  });
}

/** Right-clicks `target` once the canvas has settled and returns the menu that opened. */
async function rightClick(page: Page, target: Locator, menu: 'node-menu' | 'pane-menu') {
  await settled(page);
  await target.click({ button: 'right' });
  const opened = page.getByTestId(menu);
  await expect(opened).toBeVisible();
  return opened;
}

/** Right-clicks the empty canvas left of the cards (fit view centres them). */
async function rightClickCanvas(page: Page) {
  await settled(page);
  await page.locator('.react-flow__pane').click({ button: 'right', position: { x: 40, y: 220 } });
  const opened = page.getByTestId('pane-menu');
  await expect(opened).toBeVisible();
  return opened;
}

test('right-click menus on steps and canvas, and readable names for new steps', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const key = `e2e-menu-${RUN}`;
  await page.goto('/');
  await login(page);
  await expect(page.getByTestId('current-user')).toBeVisible();

  await page.getByRole('menuitem', { name: /流程设计/ }).click();
  await page.getByTestId('designer-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('流程名称').fill(`右键菜单 ${RUN}`);
  await dialog.getByLabel('流程标识').fill(key);
  await dialog.getByRole('button', { name: '新建流程' }).click();
  await expect(page).toHaveURL(new RegExp(`/designer/${key}$`));
  await page.getByRole('tab', { name: '流程' }).click();

  // A new process's approval, and every step added after it, has a name after its type.
  const approvals = page.locator('.fc-card[data-type="approval"]');
  await expect(page.getByTestId('node-approval')).toContainText('审批 Approval');
  await settled(page);
  await page.getByTestId('edge-plus-e2').click();
  await page.getByRole('menuitem', { name: '审批人' }).click();
  await expect(approvals).toHaveCount(2);
  await expect(approvals.filter({ hasText: '审批 2 Approval 2' })).toHaveCount(1);
  await dropOn(page, page.getByTestId('palette-node-cc'), page.getByTestId('edge-plus-e1'));
  await expect(page.locator('.fc-card[data-type="cc"]')).toContainText('抄送 CC');

  // Right-click a step: its menu, with the shortcuts; 创建副本 adds a copy with the next name.
  const first = page.getByTestId('node-approval');
  let menu = await rightClick(page, first, 'node-menu');
  await expect(menu).toContainText('编辑属性');
  await expect(menu).toContainText('Ctrl+C');
  await expect(menu).toContainText('Ctrl+D');
  for (const item of ['edit', 'copy', 'duplicate', 'delete'])
    await expect(page.getByTestId(`node-menu-${item}`)).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
  await page.screenshot({ path: screenshotPath('designer-node-menu-zh') });
  await page.getByTestId('node-menu-duplicate').click();
  await expect(menu).toBeHidden();
  await expect(approvals).toHaveCount(3);
  await expect(approvals.filter({ hasText: '审批 3 Approval 3' })).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(approvals).toHaveCount(2);

  // The start is the flow's one start: no copy, no duplicate, no delete; its properties open.
  menu = await rightClick(page, page.getByTestId('node-start'), 'node-menu');
  for (const item of ['copy', 'duplicate', 'delete'])
    await expect(page.getByTestId(`node-menu-${item}`)).toHaveAttribute('aria-disabled', 'true');
  await page.getByTestId('node-menu-edit').click();
  const drawer = page.getByTestId('node-drawer');
  await expect(drawer).toBeVisible();
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // 复制 on a step, then 粘贴 on the empty canvas: the copy lands there with a name of its own.
  await rightClick(page, first, 'node-menu');
  await page.getByTestId('node-menu-copy').click();
  await expect(page.getByText('已复制 1 个节点，按 Ctrl+V 粘贴')).toBeVisible();
  menu = await rightClickCanvas(page);
  await expect(menu).toContainText('自动布局');
  await expect(menu).toContainText('适应画布');
  await expect(page.getByTestId('pane-menu-paste')).not.toHaveAttribute('aria-disabled', 'true');
  await page.screenshot({ path: screenshotPath('designer-pane-menu-zh') });
  await page.getByTestId('pane-menu-paste').click();
  await expect(approvals).toHaveCount(3);
  const pasted = approvals.filter({ hasText: '审批 3 Approval 3' });
  await expect(pasted).toHaveCount(1);

  // 删除 from the pasted step's menu; then 自动布局 from the canvas menu.
  await rightClick(page, pasted, 'node-menu');
  await page.getByTestId('node-menu-delete').click();
  await expect(approvals).toHaveCount(2);
  await rightClickCanvas(page);
  await page.getByTestId('pane-menu-layout').click();
  await settled(page);
  await rightClickCanvas(page);
  await page.getByTestId('pane-menu-fit').click();
  await settled(page);
  expect(await coveredCards(page)).toEqual([]);

  // The simulator's canvas is read-only: the menu only changes the view.
  await page.getByTestId('simulate-toggle').click();
  await rightClick(page, first, 'pane-menu');
  await expect(page.getByTestId('pane-menu-fit')).toBeVisible();
  for (const item of ['pane-menu-paste', 'pane-menu-layout', 'node-menu-copy', 'node-menu-delete'])
    await expect(page.getByTestId(item)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('pane-menu')).toBeHidden();
  await page.getByTestId('simulate-toggle').click();

  // Saved, the names are in the definition, no two alike.
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('草稿已保存')).toBeVisible();
  const response = await request.get(`/api/processes/${key}`, {
    headers: await adminHeaders(request),
  });
  expect(response.ok()).toBe(true);
  const view = (await response.json()) as {
    definition: { graph: { nodes: { id: string; type: string; name?: string }[] } };
  };
  const named = view.definition.graph.nodes.filter((n) => n.type !== 'start' && n.type !== 'end');
  expect(named.map((n) => n.name).sort()).toEqual([
    '审批 2 Approval 2',
    '审批 Approval',
    '抄送 CC',
  ]);

  // In English the menu speaks English (the names stay what they are).
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Flow' })).toBeVisible();
  menu = await rightClick(page, first, 'node-menu');
  await expect(menu).toContainText('Edit properties');
  await expect(menu).toContainText('Duplicate');
  await page.screenshot({ path: screenshotPath('designer-node-menu-en') });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('tab', { name: '流程' })).toBeVisible();
});

test('fit view keeps the widest template clear of the minimap and the controls', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const key = `e2e-live-${RUN}`;
  const installed = await request.post('/api/templates/s-level-livestream/install', {
    headers: await adminHeaders(request),
    data: { key },
  });
  expect(installed.status(), await installed.text()).toBe(201);

  await page.goto('/');
  await login(page);
  await expect(page.getByTestId('current-user')).toBeVisible();
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(`/designer/${key}`);
    await page.getByRole('tab', { name: '流程' }).click();
    await expect(page.getByTestId('node-start')).toBeVisible();
    await settled(page);
    expect(await coveredCards(page), `${size.width}x${size.height}`).toEqual([]);
    await page.screenshot({
      path: screenshotPath(`designer-fit-livestream-${size.width}x${size.height}-zh`),
    });
    // The controls' own fit button leaves the same room.
    await page.locator('.react-flow__controls-fitview').click();
    await settled(page);
    expect(await coveredCards(page), `${size.width}x${size.height} after fit`).toEqual([]);
  }
});
