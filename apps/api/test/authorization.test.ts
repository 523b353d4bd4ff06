// RELIABILITY.md, "Nobody gets in where they don't belong":
//   - an endpoint-by-role matrix over EVERY route the API serves (the list is
//     checked against the OpenAPI document, so a new endpoint without a row
//     here fails this test);
//   - people and their tasks: a stranger gets 404, a participant who is not
//     the assignee gets 403, publishing needs the designer role;
//   - field permissions: a field hidden at a node never reaches that node's
//     assignee on any read path (task form, instance, lists, audit trail,
//     notifications, action answers); export is designer-only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessDefinition } from '@baton/flow';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, publish } from './support/flows.js';

const mode = testMode();
const MARKER = 'SECRET-MARKER-7f3a9c';
const MARKER2 = 'SECRET-MARKER-2-b81e44';
const NO_SUCH_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * start (pm) → director approval (secret hidden) → warehouse task (secret
 * editable: changes it) → director approval again (secret hidden) → end.
 * Only product managers may start it.
 */
const secretFlow = {
  key: 'auth-secret',
  name: 'Authorization: hidden field',
  form: {
    schema: {
      type: 'object',
      required: ['amount'],
      properties: {
        amount: { type: 'number', title: 'Amount' },
        note: { type: 'string', title: 'Note' },
        secret: { type: 'string', title: 'Secret cost' },
        reviewNote: { type: 'string', title: 'Review note' },
      },
      dependencies: { secret: ['amount'] },
    },
    uiSchema: {
      'ui:order': ['amount', 'note', 'secret', 'reviewNote'],
      secret: { 'ui:widget': 'textarea', 'ui:help': 'internal' },
    },
  },
  graph: {
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'review',
        type: 'approval',
        name: 'Director review',
        assignees: [{ kind: 'role', role: 'operations_director' }],
        fieldPermissions: { secret: 'hidden', reviewNote: 'edit' },
      },
      {
        id: 'stock',
        type: 'task',
        name: 'Warehouse',
        assignees: [{ kind: 'role', role: 'warehouse' }],
        fieldPermissions: { secret: 'edit' },
      },
      {
        id: 'final',
        type: 'approval',
        name: 'Director sign-off',
        assignees: [{ kind: 'role', role: 'operations_director' }],
        fieldPermissions: { secret: 'hidden' },
      },
      { id: 'end', type: 'end', outcome: 'approved' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'review' },
      { id: 'e2', source: 'review', target: 'stock' },
      { id: 'e3', source: 'stock', target: 'final' },
      { id: 'e4', source: 'final', target: 'end' },
    ],
  },
  settings: { starters: [{ kind: 'role', role: 'product_manager' }] },
} as unknown as ProcessDefinition;

type Role = 'anon' | 'user' | 'designer' | 'admin';
type Expect = number | 'ok';
interface Row {
  method: 'GET' | 'POST' | 'PATCH';
  /** The route as the controllers declare it (OpenAPI form). */
  route: string;
  path: () => string;
  body?: () => object;
  expect: Record<Role, Expect>;
}

describe(`authorization: endpoint-by-role matrix and field permissions (${mode} mode)`, () => {
  let t: TestApp;
  let admin: Actor, flowadmin: Actor, pm: Actor, opsdir: Actor, warehouse: Actor, cs: Actor;
  let ids: Map<string, string>;
  // An instance started by pm, waiting for opsdir at `review`.
  let inst: { id: string; taskId: string };
  let deptId: string;
  let opsdirNotificationId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [flowadmin, pm, opsdir, warehouse, cs] = await Promise.all(
      ['flowadmin', 'pm', 'opsdir', 'warehouse', 'cs'].map((u) => Actor.as(t, u, DEMO_PASSWORD)),
    );
    await publish(t, admin.token, secretFlow);
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    ids = new Map(users.map((u) => [u.username, u.id]));
    const started = await pm.start('auth-secret', { amount: 5, note: 'matrix' });
    inst = { id: started.id, taskId: started.tasks[0].id };
    deptId = ((await admin.get('/api/departments')).body as { id: string }[])[0].id;
    opsdirNotificationId = ((await opsdir.get('/api/notifications')).body as { id: string }[])[0]
      .id;
  });
  afterAll(() => t?.close());

  const as = (role: Role) => ({ anon: undefined, user: cs, designer: flowadmin, admin })[role];

  /** Every route of every controller (apps/api/src/modules/*\/*.controller.ts). */
  const matrix: Row[] = [
    // Public: login and health only.
    {
      method: 'GET',
      route: '/api/health',
      path: () => '/api/health',
      expect: { anon: 200, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/auth/login',
      path: () => '/api/auth/login',
      body: () => ({ username: 'cs', password: DEMO_PASSWORD }),
      expect: { anon: 200, user: 200, designer: 200, admin: 200 },
    },
    // Identity.
    {
      method: 'GET',
      route: '/api/me',
      path: () => '/api/me',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/users',
      path: () => '/api/users',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/users/{id}',
      path: () => `/api/users/${ids.get('pm')}`,
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    // Admin-only writes: the admin gets past the guard to the body check (400).
    {
      method: 'POST',
      route: '/api/users',
      path: () => '/api/users',
      body: () => ({}),
      expect: { anon: 401, user: 403, designer: 403, admin: 400 },
    },
    {
      method: 'PATCH',
      route: '/api/users/{id}',
      path: () => `/api/users/${ids.get('pm')}`,
      body: () => ({ roles: 'not-a-list' }),
      expect: { anon: 401, user: 403, designer: 403, admin: 400 },
    },
    {
      method: 'GET',
      route: '/api/departments',
      path: () => '/api/departments',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/departments',
      path: () => '/api/departments',
      body: () => ({}),
      expect: { anon: 401, user: 403, designer: 403, admin: 400 },
    },
    {
      method: 'PATCH',
      route: '/api/departments/{id}',
      path: () => `/api/departments/${deptId}`,
      body: () => ({ name: 42 }),
      expect: { anon: 401, user: 403, designer: 403, admin: 400 },
    },
    // Processes: designer-only writes and export.
    {
      method: 'GET',
      route: '/api/processes/schema',
      path: () => '/api/processes/schema',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/processes/import',
      path: () => '/api/processes/import',
      body: () => ({}),
      expect: { anon: 401, user: 403, designer: 400, admin: 400 },
    },
    {
      method: 'POST',
      route: '/api/processes',
      path: () => '/api/processes',
      body: () => ({}),
      expect: { anon: 401, user: 403, designer: 400, admin: 400 },
    },
    {
      method: 'GET',
      route: '/api/processes',
      path: () => '/api/processes',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/processes/{key}',
      path: () => '/api/processes/auth-secret',
      expect: { anon: 401, user: 'ok', designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/processes/{key}/versions',
      path: () => '/api/processes/auth-secret/versions',
      expect: { anon: 401, user: 'ok', designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/processes/{key}/versions/{version}',
      path: () => '/api/processes/auth-secret/versions/1',
      expect: { anon: 401, user: 'ok', designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/processes/{key}/export',
      path: () => '/api/processes/auth-secret/export',
      expect: { anon: 401, user: 403, designer: 200, admin: 200 },
    },
    // Publishing a process that does not exist: past the guard it is a 404.
    {
      method: 'POST',
      route: '/api/processes/{key}/publish',
      path: () => '/api/processes/no-such-process/publish',
      expect: { anon: 401, user: 403, designer: 404, admin: 404 },
    },
    // Starting: only the process's starters (product managers) get past 403; bad data is then a 400.
    {
      method: 'POST',
      route: '/api/processes/{key}/instances',
      path: () => '/api/processes/auth-secret/instances',
      body: () => ({ data: { amount: 'x' } }),
      expect: { anon: 401, user: 403, designer: 403, admin: 403 },
    },
    // Instances: strangers get 404; the admin reads everything.
    {
      method: 'GET',
      route: '/api/instances',
      path: () => '/api/instances?mine=involved',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/instances/{id}',
      path: () => `/api/instances/${inst.id}`,
      expect: { anon: 401, user: 404, designer: 404, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/instances/{id}/events',
      path: () => `/api/instances/${inst.id}/events`,
      expect: { anon: 401, user: 404, designer: 404, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/instances/{id}/withdraw',
      path: () => `/api/instances/${inst.id}/withdraw`,
      expect: { anon: 401, user: 404, designer: 404, admin: 403 },
    },
    {
      method: 'POST',
      route: '/api/instances/{id}/cancel',
      path: () => `/api/instances/${NO_SUCH_UUID}/cancel`,
      expect: { anon: 401, user: 403, designer: 403, admin: 404 },
    },
    // Tasks: strangers 404, the admin may read but not act on someone else's task.
    {
      method: 'GET',
      route: '/api/tasks',
      path: () => '/api/tasks',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/tasks/{id}',
      path: () => `/api/tasks/${inst.taskId}`,
      expect: { anon: 401, user: 404, designer: 404, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/tasks/{id}/actions',
      path: () => `/api/tasks/${inst.taskId}/actions`,
      body: () => ({ action: 'approve' }),
      expect: { anon: 401, user: 404, designer: 404, admin: 403 },
    },
    // Notifications: one's own only.
    {
      method: 'GET',
      route: '/api/notifications',
      path: () => '/api/notifications',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/notifications/read-all',
      path: () => '/api/notifications/read-all',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/notifications/{id}/read',
      path: () => `/api/notifications/${opsdirNotificationId}/read`,
      expect: { anon: 401, user: 404, designer: 404, admin: 404 },
    },
    // Templates: anyone reads the gallery; installing needs a designer, publishing one an admin.
    {
      method: 'GET',
      route: '/api/templates',
      path: () => '/api/templates',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'GET',
      route: '/api/templates/{key}',
      path: () => '/api/templates/new-product-listing',
      expect: { anon: 401, user: 200, designer: 200, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/templates',
      path: () => '/api/templates',
      body: () => ({}),
      expect: { anon: 401, user: 403, designer: 403, admin: 400 },
    },
    {
      method: 'POST',
      route: '/api/templates/{key}/install',
      path: () => '/api/templates/no-such-template/install',
      expect: { anon: 401, user: 403, designer: 404, admin: 404 },
    },
    // Files: anyone signed in uploads (no file sent here: 400); a file nobody showed them is a 404.
    {
      method: 'POST',
      route: '/api/files',
      path: () => '/api/files',
      body: () => ({}),
      expect: { anon: 401, user: 400, designer: 400, admin: 400 },
    },
    {
      method: 'GET',
      route: '/api/files/{id}',
      path: () => `/api/files/${NO_SUCH_UUID}`,
      expect: { anon: 401, user: 404, designer: 404, admin: 404 },
    },
    // Admin-only operations.
    {
      method: 'GET',
      route: '/api/incidents',
      path: () => '/api/incidents',
      expect: { anon: 401, user: 403, designer: 403, admin: 200 },
    },
    {
      method: 'POST',
      route: '/api/incidents/{id}/retry',
      path: () => '/api/incidents/no-such-incident/retry',
      expect: { anon: 401, user: 403, designer: 403, admin: 404 },
    },
    {
      method: 'POST',
      route: '/api/system/queue-check',
      path: () => '/api/system/queue-check',
      expect: { anon: 401, user: 403, designer: 403, admin: 200 },
    },
  ];

  it('covers every route the API serves (checked against the OpenAPI document)', async () => {
    const doc = (await t.http().get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(doc.paths)
      .flatMap(([p, ops]) =>
        Object.keys(ops)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${p}`),
      )
      .sort();
    expect(served).toEqual(matrix.map((r) => `${r.method} ${r.route}`).sort());
  });

  it.each(['anon', 'user', 'designer', 'admin'] as Role[])(
    'answers every route as expected for %s',
    async (role) => {
      const actor = as(role);
      const got: string[] = [];
      const want: string[] = [];
      for (const row of matrix) {
        const path = row.path();
        let req =
          row.method === 'GET'
            ? t.http().get(path)
            : row.method === 'POST'
              ? t.http().post(path)
              : t.http().patch(path);
        if (actor) req = req.set('Authorization', `Bearer ${actor.token}`);
        const res = await req.send(row.body?.() ?? {});
        const expected = row.expect[role];
        const line = `${row.method} ${row.route}`;
        // 'ok': allowed (neither 401 nor 403), and never a server error.
        const status =
          expected === 'ok' && res.status !== 401 && res.status !== 403 && res.status < 500
            ? 'ok'
            : res.status;
        got.push(`${line} → ${status}`);
        want.push(`${line} → ${expected}`);
        // Every error has the documented shape, never a stack trace.
        if (res.status >= 400) {
          expect(typeof res.body.error).toBe('string');
          expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
        }
      }
      expect(got).toEqual(want);
    },
  );

  it("marks only one's own notifications read", async () => {
    const mine = (await opsdir.get('/api/notifications')).body as { id: string; read: boolean }[];
    expect(mine.length).toBeGreaterThan(0);
    expect((await cs.post(`/api/notifications/${mine[0].id}/read`)).status).toBe(404);
    expect((await admin.post(`/api/notifications/${mine[0].id}/read`)).status).toBe(404);
    expect((await opsdir.post(`/api/notifications/${mine[0].id}/read`)).status).toBe(200);
    expect((await opsdir.post(`/api/notifications/${NO_SUCH_UUID}/read`)).status).toBe(404);
    const unread = mine.filter((n) => !n.read && n.id !== mine[0].id).length;
    expect((await opsdir.post('/api/notifications/read-all')).body).toEqual({ marked: unread });
    expect((await opsdir.get('/api/notifications?unread=true')).body).toEqual([]);
  });

  it('refuses forged, malformed and expired-looking tokens with 401', async () => {
    for (const header of [
      'Bearer not-a-jwt',
      `Bearer ${cs.token}x`,
      cs.token,
      'Basic Y3M6ZGVtbw==',
    ]) {
      const res = await t.http().get('/api/me').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('unauthorized');
    }
  });

  describe('tasks and instances of other people', () => {
    it('a participant who is not the assignee may not read or act on the task (403); a stranger gets 404', async () => {
      const started = await pm.start('auth-secret', { amount: 1 });
      const taskId = started.tasks[0].id;
      // pm started it (a participant), opsdir holds the task, cs has nothing to do with it.
      expect((await pm.get(`/api/tasks/${taskId}`)).status).toBe(403);
      expect((await pm.post(`/api/tasks/${taskId}/actions`, { action: 'approve' })).status).toBe(
        403,
      );
      expect((await cs.get(`/api/tasks/${taskId}`)).status).toBe(404);
      expect((await cs.post(`/api/tasks/${taskId}/actions`, { action: 'approve' })).status).toBe(
        404,
      );
      expect((await cs.get(`/api/instances/${started.id}`)).status).toBe(404);
      expect((await cs.get(`/api/instances/${started.id}/events`)).status).toBe(404);
      expect((await cs.post(`/api/instances/${started.id}/withdraw`)).status).toBe(404);
      // A task id that does not exist and one that does are indistinguishable to a stranger.
      expect((await cs.get('/api/tasks/tsk_does_not_exist')).status).toBe(404);
      // The assignee is not the initiator: may not withdraw (403) but may read (200).
      expect((await opsdir.post(`/api/instances/${started.id}/withdraw`)).status).toBe(403);
      expect((await opsdir.get(`/api/instances/${started.id}`)).status).toBe(200);
      // Nobody's list shows what they may not read.
      const csList = (await cs.get('/api/instances?mine=involved&pageSize=200')).body as {
        items: { id: string }[];
      };
      expect(csList.items.map((i) => i.id)).not.toContain(started.id);
      const csInbox = (await cs.get('/api/tasks?status=open&pageSize=200')).body as {
        items: { id: string }[];
      };
      expect(csInbox.items.map((i) => i.id)).not.toContain(taskId);
      // Nothing changed: the task is still open with the director.
      const view = (await opsdir.get(`/api/instances/${started.id}`)).body;
      expect(view.tasks).toEqual([expect.objectContaining({ id: taskId, status: 'open' })]);
    });

    it('publishing needs the designer role (403 for others, and nothing is saved)', async () => {
      const def = { ...secretFlow, key: 'auth-nodesigner' } as unknown as object;
      const save = await cs.post('/api/processes', def);
      expect(save.status).toBe(403);
      expect((await cs.post('/api/processes/auth-secret/publish')).status).toBe(403);
      expect((await cs.post('/api/processes/import?publish=true', def)).status).toBe(403);
      expect((await flowadmin.get('/api/processes/auth-nodesigner')).status).toBe(404);
      // The designer may.
      expect((await flowadmin.post('/api/processes', def)).status).toBe(201);
      expect((await flowadmin.post('/api/processes/auth-nodesigner/publish')).status).toBe(201);
    });
  });

  describe('a field hidden at a node', () => {
    /** Fails with the path of the response that leaked a marker. */
    function expectNoLeak(what: string, body: unknown, markers = [MARKER, MARKER2]) {
      const json = JSON.stringify(body);
      for (const m of markers)
        expect({ what, leaked: json.includes(m) }).toEqual({ what, leaked: false });
    }
    /** Every read path the director has, checked for the secret. */
    async function directorReadsNothing(instanceId: string, taskIds: string[]) {
      for (const id of taskIds) {
        const task = await opsdir.get(`/api/tasks/${id}`);
        expect(task.status).toBe(200);
        expectNoLeak(`GET /api/tasks/${id}`, task.body);
        expect(Object.keys(task.body.form.schema.properties)).not.toContain('secret');
        expect(task.body.form.schema.dependencies ?? {}).not.toHaveProperty('secret');
        expect(Object.keys(task.body.form.data)).not.toContain('secret');
        expect(task.body.form.uiSchema).not.toHaveProperty('secret');
        expect(task.body.form.uiSchema['ui:order'] ?? []).not.toContain('secret');
        expect(task.body.form.permissions ?? {}).not.toHaveProperty('secret');
      }
      const view = await opsdir.get(`/api/instances/${instanceId}`);
      expect(view.status).toBe(200);
      expectNoLeak('GET /api/instances/:id', view.body);
      expect(view.body.data).not.toHaveProperty('secret');
      for (const path of [
        '/api/instances?mine=involved&pageSize=200',
        '/api/instances?mine=initiated',
        '/api/tasks?status=open&pageSize=200',
        '/api/tasks?status=done&pageSize=200',
        '/api/notifications',
      ]) {
        const res = await opsdir.get(path);
        expect(res.status).toBe(200);
        expectNoLeak(`GET ${path}`, res.body);
      }
      const events = await opsdir.get(`/api/instances/${instanceId}/events`);
      expect(events.status).toBe(200);
      expectNoLeak('GET /api/instances/:id/events', events.body);
      expect(
        (events.body as { type: string; payload: { field?: string } }[]).filter(
          (e) => e.type === 'fieldChanged' && e.payload.field === 'secret',
        ),
      ).toEqual([]);
      // Export is for designers; the director is not one.
      expect((await opsdir.get('/api/processes/auth-secret/export')).status).toBe(403);
      return events.body as { seq: number; type: string; payload: { field?: string } }[];
    }

    it('never reaches the assignee there: task form, instance, lists, audit trail, notifications, action answers', async () => {
      const started = await pm.post('/api/processes/auth-secret/instances', {
        data: { amount: 5, note: 'n', secret: MARKER },
      });
      expect(started.status).toBe(201);
      const id = started.body.id as string;
      // The initiator filled it in and sees it (sanity: the marker is really there).
      expect(started.body.data.secret).toBe(MARKER);
      const reviewTask = await opsdir.taskOn(id, 'review');

      await directorReadsNothing(id, [reviewTask]);
      // Writing the hidden field is refused, and the refusal does not echo it.
      const write = await opsdir.post(`/api/tasks/${reviewTask}/actions`, {
        action: 'approve',
        data: { secret: 'overwrite' },
      });
      expect(write.status).toBe(400);
      expectNoLeak('refused write', write.body);
      // The director approves, writing a field that is editable there.
      const approved = await opsdir.post(`/api/tasks/${reviewTask}/actions`, {
        action: 'approve',
        data: { reviewNote: 'looks fine' },
      });
      expect(approved.status).toBe(200);
      expectNoLeak('POST approve (review)', approved.body);
      expect(approved.body.instance.data).toEqual({
        amount: 5,
        note: 'n',
        reviewNote: 'looks fine',
      });

      // The warehouse sees the secret and changes it (a fieldChanged event from MARKER to MARKER2).
      const stockTask = await warehouse.taskOn(id, 'stock');
      const stockView = await warehouse.get(`/api/tasks/${stockTask}`);
      expect(stockView.body.form.data.secret).toBe(MARKER);
      const changed = await warehouse.post(`/api/tasks/${stockTask}/actions`, {
        action: 'submit',
        data: { secret: MARKER2 },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.instance.data.secret).toBe(MARKER2);

      // Back with the director: still nothing, on every path, for both tasks.
      const finalTask = await opsdir.taskOn(id, 'final');
      const events = await directorReadsNothing(id, [reviewTask, finalTask]);
      // ...while the fields the director may see are all there.
      expect(events.filter((e) => e.type === 'fieldChanged').map((e) => e.payload.field)).toEqual([
        'reviewNote',
      ]);
      const signed = await opsdir
        .post(`/api/tasks/${finalTask}/actions`, { action: 'approve', comment: 'signed' })
        .set('Idempotency-Key', 'sign-1');
      expect(signed.status).toBe(200);
      expect(signed.body.instance.status).toBe('approved');
      expectNoLeak('POST approve (final)', signed.body);
      // The replayed answer (stored for an Idempotency-Key) does not leak either.
      const replay = await opsdir
        .post(`/api/tasks/${finalTask}/actions`, { action: 'approve', comment: 'signed' })
        .set('Idempotency-Key', 'sign-1');
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(signed.body);
      await directorReadsNothing(id, [reviewTask, finalTask]);

      // The admin and the designer's export see what they should.
      const adminView = (await admin.get(`/api/instances/${id}`)).body;
      expect(adminView.data.secret).toBe(MARKER2);
      const adminEvents = (await admin.get(`/api/instances/${id}/events`)).body as {
        type: string;
        payload: { field?: string; from?: unknown; to?: unknown };
      }[];
      expect(
        adminEvents.filter((e) => e.type === 'fieldChanged' && e.payload.field === 'secret'),
      ).toEqual([
        expect.objectContaining({
          payload: expect.objectContaining({ from: MARKER, to: MARKER2 }),
        }),
      ]);
      expect((await flowadmin.get('/api/processes/auth-secret/export')).status).toBe(200);
      // The designer, a stranger to the instance, cannot read it.
      expect((await flowadmin.get(`/api/instances/${id}`)).status).toBe(404);
    });
  });
});
