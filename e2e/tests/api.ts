// Setting the scene over the HTTP API (what is not under test is not clicked
// through): sign in, publish a process, start it, act on a task, wait for the
// queue. Used from beforeAll hooks, so it takes its own APIRequestContext.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, ADMIN_USERNAME, DEMO_PASSWORD } from './credentials';

export interface Api {
  request: APIRequestContext;
  /** The Authorization header of a user (demo password unless it is the admin). */
  auth(username: string): Promise<Record<string, string>>;
  /** username → user id, from GET /api/users. */
  userId(username: string): Promise<string>;
}

export function apiFor(request: APIRequestContext): Api {
  const tokens = new Map<string, string>();
  let users: { id: string; username: string }[] | undefined;
  const api: Api = {
    request,
    async auth(username) {
      let token = tokens.get(username);
      if (!token) {
        const password = username === ADMIN_USERNAME ? ADMIN_PASSWORD : DEMO_PASSWORD;
        const res = await request.post('/api/auth/login', { data: { username, password } });
        expect(res.status(), await res.text()).toBe(200);
        token = ((await res.json()) as { accessToken: string }).accessToken;
        tokens.set(username, token);
      }
      return { Authorization: `Bearer ${token}` };
    },
    async userId(username) {
      if (!users) {
        const res = await request.get('/api/users', { headers: await api.auth(ADMIN_USERNAME) });
        expect(res.status(), await res.text()).toBe(200);
        users = (await res.json()) as { id: string; username: string }[];
      }
      const user = users.find((u) => u.username === username);
      if (!user) throw new Error(`no user ${username} (is the server seeded with BATON_DEMO=1?)`);
      return user.id;
    },
  };
  return api;
}

/** Save and publish a definition as the admin. */
export async function publish(
  api: Api,
  definition: { key: string; [more: string]: unknown },
): Promise<void> {
  const headers = await api.auth(ADMIN_USERNAME);
  const saved = await api.request.post('/api/processes', { headers, data: definition });
  expect(saved.status(), await saved.text()).toBe(201);
  const published = await api.request.post(`/api/processes/${definition.key}/publish`, {
    headers,
  });
  expect(published.status(), await published.text()).toBe(201);
}

/** Start an instance as `username`; returns its id. */
export async function startInstance(
  api: Api,
  username: string,
  key: string,
  data: Record<string, unknown>,
): Promise<string> {
  const res = await api.request.post(`/api/processes/${key}/instances`, {
    headers: await api.auth(username),
    data: { data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

interface TaskItem {
  id: string;
  instanceId: string;
  nodeId: string;
}

/** The open task `username` holds on an instance, waiting for the queue to create it. */
export async function openTask(
  api: Api,
  username: string,
  instanceId: string,
  nodeId?: string,
): Promise<TaskItem> {
  let found: TaskItem | undefined;
  await expect
    .poll(
      async () => {
        const res = await api.request.get('/api/tasks?status=open&pageSize=200', {
          headers: await api.auth(username),
        });
        const { items } = (await res.json()) as { items: TaskItem[] };
        found = items.find(
          (t) => t.instanceId === instanceId && (nodeId === undefined || t.nodeId === nodeId),
        );
        return Boolean(found);
      },
      { message: `${username} gets a task on ${instanceId}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** Act on a task over the API (200 once applied, 202 if still queued). */
export async function act(
  api: Api,
  username: string,
  taskId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const res = await api.request.post(`/api/tasks/${taskId}/actions`, {
    headers: await api.auth(username),
    data: body,
  });
  expect([200, 202], await res.text()).toContain(res.status());
}

/**
 * Sign in through the login page as a demo user (or the admin), landing on the
 * home page. Opening / (not /login) on purpose: after a log-out the login page
 * still holds the page the last person was on and would send the next one there.
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page
    .getByLabel(/密码|Password/)
    .fill(username === ADMIN_USERNAME ? ADMIN_PASSWORD : DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(退出登录|Log out)$/ }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Wait for antd's enter animations so screenshots are not caught half-way (spinners never end: skip them). */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Go to a path inside the app the way a link does: the router moves, the page
 * is not reloaded (page.goto would download and start the whole app again).
 */
export async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
  const { pathname, search } = new URL(path, 'http://x');
  await expect
    .poll(() => {
      const url = new URL(page.url());
      return url.pathname + url.search;
    })
    .toBe(pathname + search);
}

/**
 * Leave the inboxes as we found them: the admin cancels what is still running
 * (the other specs expect empty inboxes for the admin and the demo users).
 */
export async function cancelRunning(api: Api, instanceIds: readonly string[]): Promise<void> {
  const headers = await api.auth(ADMIN_USERNAME);
  for (const id of instanceIds) {
    const res = await api.request.get(`/api/instances/${id}`, { headers });
    if (res.status() !== 200 || ((await res.json()) as { status: string }).status !== 'running')
      continue;
    const cancelled = await api.request.post(`/api/instances/${id}/cancel`, {
      headers,
      data: { comment: 'e2e clean-up' },
    });
    expect([200, 201, 202], await cancelled.text()).toContain(cancelled.status());
    await expect
      .poll(
        async () =>
          (
            (await (await api.request.get(`/api/instances/${id}`, { headers })).json()) as {
              status: string;
            }
          ).status,
        { message: `instance ${id} is cancelled` },
      )
      .toBe('cancelled');
  }
}
