// The template gallery (API.md "Templates", issue 6) over HTTP: the six
// built-in SOP templates are listed, each installs, is published and RUNS TO
// ITS END with the demo organisation, driven generically: whoever holds an
// open task signs in and approves or submits with what that node's form
// requires. Also access rules, conflicts, and admin-published templates.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEMPLATES } from '@baton/templates';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor } from './support/flows.js';

type Schema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: Schema;
  required?: string[];
  properties?: Record<string, Schema>;
};

interface InstanceView {
  id: string;
  status: string;
  activeNodes: string[];
  data: Record<string, unknown>;
  tasks: { id: string; nodeId: string; assigneeId: string; status: string; action?: string }[];
  incidents: { nodeId: string; code: string; message: string }[];
}

// Dates in the past: a timer waiting until a date field fires at once.
const PAST_DAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** A simple valid value for a field schema, by type and format. */
function sample(s: Schema, name = 'x'): unknown {
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  switch (s.type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number': {
      let n = Math.max(
        1,
        s.minimum ?? 0,
        s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0,
      );
      if (s.multipleOf) n = Math.ceil(n / s.multipleOf) * s.multipleOf;
      if (s.maximum !== undefined) n = Math.min(n, s.maximum);
      return s.type === 'integer' ? Math.ceil(n) : n;
    }
    case 'array': {
      const count = Math.max(1, s.minItems ?? 0);
      const items = s.items ?? { type: 'string' };
      if (Array.isArray(items.enum)) return items.enum.slice(0, count);
      return Array.from({ length: count }, (_, i) => sample(items, `${name}-${i + 1}`));
    }
    case 'object':
      return Object.fromEntries(
        (s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {}, k)]),
      );
    default:
      if (s.format === 'date') return PAST_DAY;
      if (s.format === 'date-time') return new Date(Date.now() - 86_400_000).toISOString();
      if (s.format === 'uri') return `https://example.com/${name}`;
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        const fit = [PAST_DAY.slice(0, 7), PAST_DAY, 'A-01', '1', 'x'].find((c) => re.test(c));
        if (!fit) throw new Error(`no sample for pattern ${s.pattern}`);
        return fit;
      }
      return `${name}`.slice(0, s.maxLength ?? 200).padEnd(s.minLength ?? 0, 'x');
  }
}

/** Values for the required fields the form does not hold yet. */
function fill(form: { schema: Schema; data?: Record<string, unknown> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of form.schema.required ?? []) {
    const have = form.data?.[field];
    if (have === undefined || have === null || (Array.isArray(have) && have.length === 0))
      out[field] = sample(form.schema.properties?.[field] ?? {}, field);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`template gallery over HTTP (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: Actor, pm: Actor, flowadmin: Actor;
  let users: { id: string; username: string; roles: string[]; active?: boolean }[];
  const actors = new Map<string, Promise<Actor>>();

  const actor = (username: string) => {
    if (!actors.has(username))
      actors.set(
        username,
        Actor.as(t, username, username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD),
      );
    return actors.get(username)!;
  };
  const usernameOf = (id: string) => users.find((u) => u.id === id)?.username ?? `(unknown ${id})`;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    [admin, pm, flowadmin] = await Promise.all(['admin', 'pm', 'flowadmin'].map(actor));
    users = (await admin.get('/api/users')).body;
  });
  afterAll(() => t?.close());

  /**
   * Works the instance's open tasks until it ends: each assignee signs in and
   * approves or submits with what the node requires. A task that moved on
   * meanwhile (escalated when overdue, or closed by a sibling) is skipped.
   */
  async function driveToEnd(
    id: string,
    timeoutMs = 20_000,
  ): Promise<{ view: InstanceView; log: string[] }> {
    const log: string[] = [];
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const view = (await admin.get(`/api/instances/${id}`)).body as InstanceView;
      if (view.status !== 'running') return { view, log };
      if (view.incidents.length) throw new Error(`incident: ${JSON.stringify(view.incidents)}`);
      const open = view.tasks.filter((x) => x.status === 'open');
      if (!open.length) {
        await sleep(50); // a timer or an automation is due
        continue;
      }
      for (const task of open) {
        const who = await actor(usernameOf(task.assigneeId));
        const detail = await who.get(`/api/tasks/${task.id}`);
        if (detail.status !== 200 || detail.body.status !== 'open') continue;
        const data = fill(detail.body.form);
        const action = detail.body.kind === 'approval' ? 'approve' : 'submit';
        const res = await who.post(`/api/tasks/${task.id}/actions`, {
          action,
          ...(Object.keys(data).length ? { data } : {}),
        });
        if (res.status === 409 || res.status === 403) continue; // it moved on under us
        if (res.status !== 200 && res.status !== 202) {
          throw new Error(
            `${who.username} ${action} ${task.nodeId}: ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
        log.push(`${task.nodeId}:${who.username}`);
      }
    }
    throw new Error(
      `instance ${id} did not end in ${timeoutMs} ms: ${JSON.stringify((await admin.get(`/api/instances/${id}`)).body)}`,
    );
  }

  /** Someone allowed to start the definition: a holder of its first starter role, else an operations specialist. */
  function starterOf(definition: {
    settings?: { starters?: { kind: string; role?: string }[] };
  }): string {
    const role = definition.settings?.starters?.find((r) => r.kind === 'role')?.role;
    const holder = role ? users.find((u) => u.roles.includes(role)) : undefined;
    return holder?.username ?? 'opsspec';
  }

  it('lists the six built-in templates with stages, roles and no missing roles in the demo organisation', async () => {
    const res = await pm.get('/api/templates');
    expect(res.status).toBe(200);
    const builtIn = (res.body as { key: string; source: string }[]).filter(
      (x) => x.source === 'built-in',
    );
    expect(builtIn.map((x) => x.key)).toEqual(TEMPLATES.map((x) => x.key));
    for (const tpl of TEMPLATES) {
      expect(res.body.find((x: { key: string }) => x.key === tpl.key)).toEqual({
        key: tpl.key,
        name: tpl.name,
        description: tpl.description,
        category: tpl.category,
        icon: tpl.icon,
        stages: tpl.stages,
        roles: tpl.roles,
        missingRoles: [],
        source: 'built-in',
      });
    }
    const one = await pm.get('/api/templates/refund');
    expect(one.status).toBe(200);
    expect(one.body.definition).toEqual(TEMPLATES.find((x) => x.key === 'refund')!.definition);
    expect((await pm.get('/api/templates/no-such-template')).status).toBe(404);
  });

  it.each(TEMPLATES.map((tpl) => [tpl.key]))(
    'installs and publishes %s, which runs to its end',
    async (key) => {
      const installed = await flowadmin.post(`/api/templates/${key}/install`, { publish: true });
      expect(installed.status).toBe(201);
      expect(installed.body).toEqual({
        templateKey: key,
        key,
        published: true,
        version: 1,
        problems: [],
      });

      const { definition } = (await flowadmin.get(`/api/templates/${key}`)).body;
      const starter = await actor(starterOf(definition));
      const data = fill({ schema: definition.form.schema });
      const started = await starter.start(key, data);
      expect(started.status).toBe('running');

      const { view, log } = await driveToEnd(started.id);
      const end = definition.graph.nodes.find((n: { type: string }) => n.type === 'end');
      expect(view.status).toBe(end.outcome ?? 'completed');
      expect(view.activeNodes).toEqual([]);
      expect(view.data).toMatchObject(data);
      expect(log.length).toBeGreaterThan(0);
      const events = (await admin.get(`/api/instances/${started.id}/events`)).body as {
        type: string;
        nodeId?: string;
      }[];
      expect(events[0].type).toBe('instanceStarted');
      expect(events.at(-1)!.type).toBe('instanceEnded');
      expect(events.some((e) => e.type === 'nodeEntered' && e.nodeId === end.id)).toBe(true);
    },
  );

  it('installs a draft under another key, and refuses a key that is taken (409)', async () => {
    const draft = await flowadmin.post('/api/templates/leave/install', { key: 'leave-shop2' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      templateKey: 'leave',
      key: 'leave-shop2',
      published: false,
      version: null,
      problems: [],
    });
    const proc = (await flowadmin.get('/api/processes/leave-shop2')).body;
    expect(proc.latestVersion).toBeNull();
    expect(proc.draft.key).toBe('leave-shop2');
    expect(proc.draft.graph).toEqual(TEMPLATES.find((x) => x.key === 'leave')!.definition.graph);

    const again = await flowadmin.post('/api/templates/leave/install', {
      key: 'leave-shop2',
      publish: true,
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('conflict');
    expect((await flowadmin.get('/api/processes/leave-shop2')).body.latestVersion).toBeNull();
    // The built-in one installed above keeps its key too.
    expect((await admin.post('/api/templates/refund/install', {})).status).toBe(409);
  });

  it('lets only designers and admins install (403), and nobody without a token (401)', async () => {
    const byPm = await pm.post('/api/templates/ad-spend/install', { key: 'ad-spend-pm' });
    expect(byPm.status).toBe(403);
    expect((await t.http().get('/api/templates')).status).toBe(401);
    expect(
      (await t.http().post('/api/templates/ad-spend/install').send({ key: 'ad-spend-anon' }))
        .status,
    ).toBe(401);
    expect((await admin.get('/api/processes/ad-spend-pm')).status).toBe(404);
    const bad = await flowadmin.post('/api/templates/ad-spend/install', {
      key: 'Not A Key',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect((await flowadmin.post('/api/templates/no-such-template/install', {})).status).toBe(404);
  });

  it('publishes a process as an admin template, in versions, that then appears in the gallery and installs', async () => {
    expect(
      (
        await flowadmin.post('/api/templates/ad-spend/install', {
          key: 'ad-spend-q4',
          publish: true,
        })
      ).status,
    ).toBe(201);
    const body = {
      processKey: 'ad-spend-q4',
      templateKey: 'q4-promotion',
      name: '双十一推广预算 Q4 promotion',
      icon: 'megaphone',
    };
    expect((await flowadmin.post('/api/templates', body)).status).toBe(403);
    const first = await admin.post('/api/templates', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      key: 'q4-promotion',
      name: body.name,
      icon: 'megaphone',
      source: 'admin',
      version: 1,
      processKey: 'ad-spend-q4',
      processVersion: 1,
      stages: ['申请 Request', '审批 Approval'],
      roles: ['operations_specialist', 'operations_director', 'finance'],
      missingRoles: [],
    });
    const second = await admin.post('/api/templates', {
      processKey: 'ad-spend-q4',
      templateKey: 'q4-promotion',
      description: '第二版',
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ version: 2, name: body.name, description: '第二版' });

    const gallery = (await pm.get('/api/templates')).body as {
      key: string;
      source: string;
      version?: number;
    }[];
    expect(gallery).toHaveLength(TEMPLATES.length + 1);
    expect(gallery.at(-1)).toMatchObject({ key: 'q4-promotion', source: 'admin', version: 2 });
    const preview = (await pm.get('/api/templates/q4-promotion')).body;
    expect(preview.definition.key).toBe('ad-spend-q4');

    const installed = await flowadmin.post('/api/templates/q4-promotion/install', {
      key: 'q4-shop2',
      publish: true,
    });
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({ key: 'q4-shop2', published: true, version: 1 });

    expect(
      (await admin.post('/api/templates', { processKey: 'ad-spend-q4', templateKey: 'refund' }))
        .status,
    ).toBe(409);
    expect((await admin.post('/api/templates', { processKey: 'leave-shop2' })).status).toBe(404); // a draft only
    expect((await admin.post('/api/templates', { processKey: 'no-such-process' })).status).toBe(
      404,
    );
  });

  it('shows the roles nobody holds, and refuses to publish such an install (400 invalid_definition), saving nothing', async () => {
    const hr = users.find((u) => u.username === 'hr')!;
    expect(
      (
        await admin.t
          .http()
          .patch(`/api/users/${hr.id}`)
          .set('Authorization', `Bearer ${admin.token}`)
          .send({ active: false })
      ).status,
    ).toBe(200);
    try {
      const leave = (
        (await pm.get('/api/templates')).body as { key: string; missingRoles: string[] }[]
      ).find((x) => x.key === 'leave')!;
      expect(leave.missingRoles).toEqual(['hr']);
      const res = await flowadmin.post('/api/templates/leave/install', {
        key: 'leave-no-hr',
        publish: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_definition');
      expect(res.body.problems.length).toBeGreaterThan(0);
      expect((await admin.get('/api/processes/leave-no-hr')).status).toBe(404);
      // As a draft it installs, with the problems to fix before publishing.
      const draft = await flowadmin.post('/api/templates/leave/install', { key: 'leave-no-hr' });
      expect(draft.status).toBe(201);
      expect(draft.body.problems.length).toBeGreaterThan(0);
    } finally {
      await admin.t
        .http()
        .patch(`/api/users/${hr.id}`)
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ active: true });
    }
  });
});
