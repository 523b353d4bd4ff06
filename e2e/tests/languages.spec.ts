// Every page in both languages. An admin and an employee switch the UI to
// English with the language switch and walk every route of
// apps/web/src/app/routes.tsx (plus the login page, the bell, the task action
// dialogs, the designer's tabs and 404/403). On each page: no console errors
// or page errors, and no Chinese characters left in the visible text in
// English, except user data (names of people, departments, processes,
// templates: everything the API holds, gathered up front) and the brand.
// Then the same walk in Chinese, for console errors. Screenshots:
// artifacts/screenshots/en-*.png and zh-*.png.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  act,
  apiFor,
  cancelRunning,
  go,
  openTask,
  publish,
  settle,
  signIn,
  startInstance,
  type Api,
} from './api';
import { ADMIN_USERNAME } from './credentials';
import { expect, screenshotPath, test } from './support';

const STAMP = Date.now().toString(36);
const KEY = `e2e-lang-${STAMP}`;
/** Seeded in English on purpose: its names and fields show on the form, task and instance pages. */
const NAME = `Office supplies ${STAMP}`;
const CJK = /[\u4e00-\u9fff]/;
/** The product name is bilingual in both languages (app.name). */
const BRAND = 'Baton 接力';

interface Scene {
  /** pm holds a task on it (Team lead review). */
  pmTask: string;
  pmInstance: string;
  /** admin holds a task on it (Admin sign-off), pm already approved it. */
  adminTask: string;
  adminInstance: string;
  /** Every CJK string the API holds (user data), longest first. */
  userData: string[];
  /** First characters of people's names: the avatars show them alone. */
  initials: string[];
}

let api: Api;
let scene: Scene;

/** Every string in a JSON value. */
function strings(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

async function getJson(path: string, username = ADMIN_USERNAME): Promise<unknown> {
  const res = await api.request.get(path, { headers: await api.auth(username) });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

/** What the API holds that people typed: any CJK in it is user data, not UI. */
async function gatherUserData(): Promise<Pick<Scene, 'userData' | 'initials'>> {
  const found = new Set<string>();
  const users = (await getJson('/api/users')) as { displayName?: string }[];
  strings(users, found);
  strings(await getJson('/api/departments'), found);
  const templates = (await getJson('/api/templates')) as { key: string }[];
  strings(templates, found);
  for (const { key } of templates) strings(await getJson(`/api/templates/${key}`), found);
  strings(await getJson('/api/incidents'), found);
  const processes = (await getJson('/api/processes?all=1')) as { key: string }[];
  strings(processes, found);
  for (const { key } of processes) strings(await getJson(`/api/processes/${key}`), found);
  return {
    userData: [...found].filter((s) => CJK.test(s)).sort((a, b) => b.length - a.length),
    initials: [...new Set(users.map((u) => [...(u.displayName ?? '')][0]).filter(Boolean))],
  };
}

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(90_000);
  api = apiFor(await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL }));
  const admin = await api.userId(ADMIN_USERNAME);
  const pm = await api.userId('pm');
  const departments = (await getJson('/api/departments')) as { id: string }[];
  await publish(api, {
    key: KEY,
    name: NAME,
    category: 'Office',
    description: 'Stationery and small furniture for the team',
    form: {
      schema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        required: ['item', 'amount'],
        properties: {
          item: { type: 'string', title: 'Item', maxLength: 100 },
          amount: { type: 'number', title: 'Amount', multipleOf: 0.01, minimum: 0 },
          neededBy: { type: 'string', format: 'date', title: 'Needed by' },
          kind: { type: 'string', title: 'Kind', enum: ['Stationery', 'Furniture'] },
          notes: { type: 'string', title: 'Notes' },
          urgent: { type: 'boolean', title: 'Urgent' },
          owner: { type: 'string', title: 'Owner' },
          team: { type: 'string', title: 'Team' },
          receipt: {
            type: 'array',
            title: 'Receipt',
            items: { type: 'string' },
            uniqueItems: true,
          },
          lines: {
            type: 'array',
            title: 'Lines',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                what: { type: 'string', title: 'What' },
                qty: { type: 'number', title: 'Quantity' },
              },
            },
          },
        },
      },
      uiSchema: {
        'ui:order': [
          'item',
          'amount',
          'neededBy',
          'kind',
          'notes',
          'urgent',
          'owner',
          'team',
          'receipt',
          'lines',
        ],
        amount: { 'ui:widget': 'money' },
        notes: { 'ui:widget': 'textarea' },
        owner: { 'ui:widget': 'user' },
        team: { 'ui:widget': 'department' },
        receipt: { 'ui:widget': 'attachment' },
      },
    },
    graph: {
      nodes: [
        { id: 'start', type: 'start', name: 'Request' },
        {
          id: 'lead',
          type: 'approval',
          name: 'Team lead review',
          assignees: [{ kind: 'user', ids: [pm] }],
          sla: { due: 'P2D' },
        },
        {
          id: 'signoff',
          type: 'approval',
          name: 'Admin sign-off',
          assignees: [{ kind: 'user', ids: [admin] }],
        },
        { id: 'end', type: 'end', name: 'Done', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'lead' },
        { id: 'e2', source: 'lead', target: 'signoff' },
        { id: 'e3', source: 'signoff', target: 'end' },
      ],
    },
  });
  const data = {
    item: 'Desk lamp',
    amount: 129.5,
    neededBy: '2026-12-01',
    kind: 'Furniture',
    notes: 'For the new hire',
    urgent: true,
    owner: pm,
    team: departments[0]?.id,
    lines: [{ what: 'Lamp', qty: 1 }],
  };
  // opsdir starts both: nobody approves their own request.
  const pmInstance = await startInstance(api, 'opsdir', KEY, data);
  const pmTask = (await openTask(api, 'pm', pmInstance, 'lead')).id;
  const adminInstance = await startInstance(api, 'opsdir', KEY, data);
  const first = await openTask(api, 'pm', adminInstance, 'lead');
  await act(api, 'pm', first.id, { action: 'approve', comment: 'Looks fine' });
  const adminTask = (await openTask(api, ADMIN_USERNAME, adminInstance, 'signoff')).id;
  scene = { pmTask, pmInstance, adminTask, adminInstance, ...(await gatherUserData()) };
});

test.afterAll(async () => {
  if (!api) return;
  if (scene) await cancelRunning(api, [scene.pmInstance, scene.adminInstance]);
  await api.request.dispose();
});

type Lang = 'en' | 'zh';

interface Leak {
  page: string;
  text: string;
  where: string;
}

/**
 * Visible text (text nodes of rendered elements, placeholders, the document
 * title) that still holds CJK once user data and the brand are taken out.
 */
async function cjkLeaks(page: Page, label: string): Promise<Leak[]> {
  const found = await page.evaluate(
    ({ allowed, initials, brand }) => {
      const cjk = /[\u4e00-\u9fff]/;
      const strip = (text: string) =>
        [brand, ...allowed].reduce((s, a) => (s.includes(a) ? s.split(a).join(' ') : s), text);
      const where = (el: Element) => {
        const parts: string[] = [];
        for (let e: Element | null = el; e && parts.length < 4; e = e.parentElement) {
          const id = e.getAttribute('data-testid');
          const cls = (e.getAttribute('class') ?? '').split(/\s+/).filter(Boolean)[0];
          parts.push(
            `${e.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls ? `.${cls}` : ''}`,
          );
        }
        return parts.reverse().join(' > ');
      };
      const out: { text: string; where: string }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.nodeValue ?? '').trim();
        if (!cjk.test(text)) continue;
        const el = n.parentElement;
        if (!el || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          continue;
        // The language switch names each language in itself, on purpose.
        if (text === '中文' && el.closest('.ant-segmented')) continue;
        if (initials.includes(text) && el.closest('.ant-avatar')) continue;
        if (cjk.test(strip(text))) out.push({ text: text.slice(0, 160), where: where(el) });
      }
      for (const el of document.querySelectorAll('[placeholder]')) {
        const text = el.getAttribute('placeholder') ?? '';
        if (cjk.test(strip(text)) && el.checkVisibility())
          out.push({ text: `placeholder="${text}"`, where: where(el) });
      }
      if (cjk.test(strip(document.title)))
        out.push({ text: `document.title="${document.title}"`, where: 'head > title' });
      return out;
    },
    { allowed: scene.userData, initials: scene.initials, brand: BRAND },
  );
  return found.map((leak) => ({ page: label, ...leak }));
}

/** Collects console and page errors per page, so a report names the page. */
function watchErrors(page: Page): { take(): string[] } {
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    take() {
      const taken = errors;
      errors = [];
      return taken;
    },
  };
}

/** Nothing still loading: no skeletons, no spinning tables. */
async function loaded(page: Page): Promise<void> {
  await expect(page.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0);
}

interface Walk {
  lang: Lang;
  who: string;
  page: Page;
  errors: { take(): string[] };
  leaks: Leak[];
  visited: string[];
}

/** Check the page as it is now: errors, CJK in English, a screenshot. */
async function check(walk: Walk, label: string): Promise<void> {
  await loaded(walk.page);
  await settle(walk.page);
  const name = `${walk.lang}-${walk.who}-${label}`;
  await walk.page.screenshot({ path: screenshotPath(name), fullPage: true });
  expect.soft(walk.errors.take(), `console errors on ${name}`).toEqual([]);
  if (walk.lang === 'en') walk.leaks.push(...(await cjkLeaks(walk.page, name)));
  // The detector itself: in Chinese the same page is full of what it looks for.
  else if (label === 'home')
    expect(await cjkLeaks(walk.page, name), 'the CJK check sees Chinese UI text').not.toEqual([]);
}

/** Open a URL, wait for what shows the page is there, check it. */
async function visit(
  walk: Walk,
  label: string,
  url: string,
  ready: (page: Page) => Promise<void>,
): Promise<void> {
  await go(walk.page, url);
  await ready(walk.page);
  walk.visited.push(new URL(walk.page.url()).pathname);
  await check(walk, label);
}

const T = {
  en: {
    english: 'English',
    submit: 'Submit request',
    required: 'Required',
    cancel: 'Cancel',
    form: 'Form',
    flow: 'Flow',
    settings: 'Settings',
    preview: /Preview/,
    notFound: 'Page not found',
  },
  zh: {
    english: 'English',
    submit: '提交申请',
    required: '必填',
    cancel: '取消',
    form: '表单',
    flow: '流程',
    settings: '设置',
    preview: /预览/,
    notFound: '页面不存在',
  },
};

/** The workspace routes every signed-in user has. */
async function walkWorkspace(walk: Walk, task: string, instance: string): Promise<void> {
  const { page, lang } = walk;
  const t = T[lang];
  await visit(walk, 'home', '/', async () => {
    await expect(page.getByTestId('home-todo')).toBeVisible();
    await expect(page.getByTestId('health-tags')).toBeVisible();
  });
  // The bell's panel, on the home page.
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-panel')).toBeVisible();
  await check(walk, 'notifications');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('notification-panel')).toBeHidden();

  await visit(walk, 'start', '/start', async () => {
    await expect(page.getByTestId('process-card').filter({ hasText: NAME })).toBeVisible();
  });
  await visit(walk, 'start-form', `/start/${KEY}`, async () => {
    await expect(page.getByRole('heading', { name: NAME })).toBeVisible();
  });
  // The form's own messages: submit it empty.
  await page.getByRole('button', { name: t.submit }).click();
  await expect(page.getByText(t.required).first()).toBeVisible();
  await check(walk, 'start-form-errors');

  for (const tab of ['todo', 'done', 'cc', 'initiated'])
    await visit(walk, `inbox-${tab}`, `/inbox?tab=${tab}`, async () => {
      await expect(page.locator('.ant-tabs-tab-active')).toBeVisible();
      await expect(page.locator('.ant-table, .ant-list').first()).toBeVisible();
    });
  await visit(walk, 'task', `/tasks/${task}`, async () => {
    await expect(page.getByTestId('task-title')).toContainText(NAME);
    await expect(page.getByTestId('action-bar')).toBeVisible();
  });
  await visit(walk, 'instance', `/instances/${instance}`, async () => {
    await expect(page.getByTestId('instance-title')).toContainText(NAME);
    await expect(page.getByTestId('timeline')).toBeVisible();
  });
  await visit(walk, 'not-found', '/no-such-page', async () => {
    await expect(page.getByText(t.notFound)).toBeVisible();
  });
}

/** Every action's dialog on the task page, opened and cancelled. */
async function walkActionDialogs(walk: Walk, task: string): Promise<void> {
  const { page } = walk;
  await go(page, `/tasks/${task}`);
  const bar = page.getByTestId('action-bar');
  await expect(bar).toBeVisible();
  for (const action of ['approve', 'reject', 'return', 'transfer', 'add-signer', 'comment']) {
    await bar.getByTestId(`action-${action}`).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('comment-text')).toBeVisible();
    await check(walk, `task-dialog-${action}`);
    await dialog.getByTestId('action-cancel').click();
    await expect(dialog).toBeHidden();
  }
}

/** The designer and admin routes. */
async function walkAdmin(walk: Walk): Promise<void> {
  const { page, lang } = walk;
  const t = T[lang];
  await visit(walk, 'designer', '/designer', async () => {
    await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
    await expect(page.getByText(NAME, { exact: true })).toBeVisible();
  });
  await visit(walk, 'editor-form', `/designer/${KEY}`, async () => {
    await expect(page.getByRole('tab', { name: t.form })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('form-canvas')).toBeVisible();
  });
  await page.getByRole('tab', { name: t.flow }).click();
  await expect(page.getByTestId('node-start')).toBeVisible();
  await check(walk, 'editor-flow');
  await page.getByRole('tab', { name: t.settings }).click();
  await expect(page.getByRole('tab', { name: t.settings })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await check(walk, 'editor-settings');

  await visit(walk, 'templates', '/admin/templates', async () => {
    await expect(page.getByTestId('template-card')).toHaveCount(6);
  });
  await page.getByTestId('template-card').first().getByRole('button', { name: t.preview }).click();
  await expect(page.getByTestId('template-preview')).toBeVisible();
  await expect(
    page.getByTestId('template-diagram').locator('.react-flow__node').first(),
  ).toBeVisible();
  await check(walk, 'template-preview');
  await page.keyboard.press('Escape');

  await visit(walk, 'organisation', '/admin/organisation', async () => {
    await expect(page.getByTestId('departments-card')).toBeVisible();
    await expect(page.getByTestId('users-card').getByRole('row').nth(1)).toBeVisible();
  });
  await visit(walk, 'incidents', '/admin/incidents', async () => {
    await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
  });
}

/** Every route pattern of routes.tsx: a new screen without a walk fails here. */
function routePatterns(): RegExp[] {
  const source = readFileSync(
    fileURLToPath(new URL('../../apps/web/src/app/routes.tsx', import.meta.url)),
    'utf8',
  );
  return [...source.matchAll(/path: '([^']*)'/g)].map(
    ([, path]) => new RegExp(`^/${path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
  );
}

async function begin(page: Page, lang: Lang, who: string): Promise<Walk> {
  const walk: Walk = { lang, who, page, errors: watchErrors(page), leaks: [], visited: [] };
  await page.goto('/login');
  if (lang === 'en') {
    // The language switch of the login page; the choice then holds after signing in.
    await page.getByText(T.en.english, { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  } else {
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  }
  await expect(
    page.getByRole('button', { name: lang === 'en' ? 'Sign in' : '登录' }),
  ).toBeVisible();
  await check(walk, 'login');
  await signIn(page, who);
  await expect(page.locator('html')).toHaveAttribute('lang', lang === 'en' ? 'en' : 'zh-CN');
  return walk;
}

function finish(walk: Walk, routes: RegExp[]): void {
  for (const route of routes)
    expect
      .soft(
        walk.visited.some((path) => route.test(path)),
        `walked ${route}`,
      )
      .toBe(true);
  const report = walk.leaks.map((l) => `${l.page}: "${l.text}"  (${l.where})`).join('\n');
  if (report) console.log(`Chinese left in English (${walk.who}):\n${report}`);
  expect(walk.leaks, 'Chinese text left on English pages').toEqual([]);
}

for (const lang of ['en', 'zh'] as const) {
  test(`${lang}: the admin walks every page`, async ({ page }) => {
    const walk = await begin(page, lang, ADMIN_USERNAME);
    // The switch in the header, too: back and forth keeps the language chosen.
    if (lang === 'en') {
      await page.getByText('中文', { exact: true }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await page.getByText('English', { exact: true }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    await walkWorkspace(walk, scene.adminTask, scene.adminInstance);
    // The dialogs in Chinese are driven by task-actions.spec.ts already.
    if (lang === 'en') await walkActionDialogs(walk, scene.adminTask);
    await walkAdmin(walk);
    finish(walk, routePatterns());
  });

  // In Chinese the employee's pages are walked by workspace.spec.ts and task-actions.spec.ts.
  if (lang !== 'en') continue;
  test(`${lang}: an employee walks every page they may open`, async ({ page }) => {
    const walk = await begin(page, lang, 'pm');
    await walkWorkspace(walk, scene.pmTask, scene.pmInstance);
    // Designer and admin pages are not for them: a 403 page, no failing calls.
    for (const [label, url] of [
      ['forbidden-designer', '/designer'],
      ['forbidden-organisation', '/admin/organisation'],
    ])
      await visit(walk, label, url, async () => {
        await expect(page.getByTestId('forbidden-page')).toBeVisible();
      });
    finish(
      walk,
      routePatterns().filter((r) => !/designer|admin/.test(r.source)),
    );
  });
}
