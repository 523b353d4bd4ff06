// Timers over HTTP: a timer node waits for its delay (and survives a restart
// of the app), a date already past lets the token through at once, and SLA
// timers on an approval remind, auto-approve and escalate. Time is only ever
// checked as "not before the timer, and after it" — never as a speed target.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { ProcessDefinition } from '@baton/flow';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  createTestDatabase,
  startTestApp,
  testMode,
  type TestApp,
  type TestDatabase,
} from './support/test-app.js';
import { Actor, poll, userIds, publish } from './support/flows.js';
import { QUEUES } from '../src/platform/queue/queue.constants.js';

interface View {
  id: string;
  status: string;
  activeNodes: string[];
  data: Record<string, unknown>;
  tasks: {
    id: string;
    nodeId: string;
    assigneeId: string;
    status: string;
    action?: string;
    completedAt?: string;
  }[];
}
interface AuditEvent {
  seq: number;
  type: string;
  actorId?: string;
  nodeId?: string;
  taskId?: string;
  at: string;
  payload: Record<string, unknown>;
}
interface Note {
  id: string;
  kind: string;
  instanceId: string;
  taskId?: string;
  createdAt: string;
  read: boolean;
}

const instance = async (who: Actor, id: string): Promise<View> => {
  const res = await who.get(`/api/instances/${id}`);
  if (res.status !== 200)
    throw new Error(`GET instance ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as View;
};
const events = async (who: Actor, id: string): Promise<AuditEvent[]> =>
  (await who.get(`/api/instances/${id}/events`)).body as AuditEvent[];
const notes = async (who: Actor, instanceId: string): Promise<Note[]> =>
  ((await who.get('/api/notifications')).body as Note[]).filter((n) => n.instanceId === instanceId);

const form = {
  schema: {
    type: 'object',
    properties: {
      note: { type: 'string' },
      liveDate: { type: 'string', format: 'date-time' },
    },
  },
  uiSchema: {},
};

function timerFlow(
  key: string,
  timer: { delay?: string; until?: { field: string; offset?: string } },
): ProcessDefinition {
  return {
    key,
    name: `Timer ${key}`,
    form,
    graph: {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'wait', type: 'timer', name: '等待', ...timer },
        { id: 'end', type: 'end' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'wait' },
        { id: 'e2', source: 'wait', target: 'end' },
      ],
    },
  } as ProcessDefinition;
}

function slaFlow(key: string, assignee: string, sla: Record<string, unknown>): ProcessDefinition {
  return {
    key,
    name: `SLA ${key}`,
    form,
    graph: {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'approve',
          type: 'approval',
          name: '审批',
          assignees: [{ kind: 'user', ids: [assignee] }],
          sla,
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'approve' },
        { id: 'e2', source: 'approve', target: 'end' },
      ],
    },
  } as ProcessDefinition;
}

// setTimeout and the queues round delays to whole milliseconds.
const CLOCK_SLACK_MS = 20;

describe(`timers (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: Actor, pm: Actor, opsdir: Actor, opsspec: Actor;
  let ids: Record<string, string>;
  let db: TestDatabase;
  // A database of our own (not dropped when an app closes) and one queue
  // prefix for every app of this file, so the restart test can start a new
  // app on the same installation: in server mode the BullMQ delayed job the
  // first app scheduled is what fires; in embedded mode the in-process queue
  // forgot it and the new app re-sends scheduled timers.
  const env = { BATON_DEMO: '1', BATON_QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}` };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({ db, env });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [pm, opsdir, opsspec] = await Promise.all(
      ['pm', 'opsdir', 'opsspec'].map((u) => Actor.as(t, u, DEMO_PASSWORD)),
    );
    ids = await userIds(admin);
    await publish(t, admin.token, timerFlow('timer-delay', { delay: 'PT1S' }));
    await publish(
      t,
      admin.token,
      timerFlow('timer-until', { until: { field: 'liveDate', offset: '-P3D' } }),
    );
    await publish(
      t,
      admin.token,
      slaFlow('sla-auto', ids.opsdir, {
        due: 'PT2S',
        remindBefore: ['PT1S'],
        onOverdue: { action: 'autoApprove' },
      }),
    );
    await publish(
      t,
      admin.token,
      slaFlow('sla-escalate', ids.opsspec, {
        due: 'PT1S',
        onOverdue: { action: 'escalate', to: { kind: 'user', ids: [ids.opsdir] } },
      }),
    );
  });
  afterAll(async () => {
    await t?.close().catch(() => undefined); // the restart test may have left it closed
    await db?.drop();
  });

  it('waits at a PT1S timer, then continues by itself', async () => {
    const started = await pm.start('timer-delay', { note: 'wait a second' });
    expect(started.status).toBe('running');
    expect(started.activeNodes).toEqual(['wait']);

    const done = await poll(
      () => instance(pm, started.id),
      (v) => v.status !== 'running',
      15000,
      'the timer firing',
    );
    expect(done.status).toBe('completed');
    expect(done.activeNodes).toEqual([]);

    // It left the timer node no earlier than the delay after entering it.
    const trail = await events(pm, started.id);
    const entered = trail.find((e) => e.type === 'nodeEntered' && e.nodeId === 'wait')!;
    const left = trail.find((e) => e.type === 'nodeCompleted' && e.nodeId === 'wait')!;
    expect(entered).toBeDefined();
    expect(left).toBeDefined();
    expect(Date.parse(left.at) - Date.parse(entered.at)).toBeGreaterThanOrEqual(
      1000 - CLOCK_SLACK_MS,
    );
    expect(trail.at(-1)!.type).toBe('instanceEnded');
  });

  it('lets the token through at once when `until` (a date field with an offset) is already past', async () => {
    const liveDate = new Date(Date.now() + 24 * 3600 * 1000).toISOString(); // tomorrow - 3 days = past
    const started = await pm.start('timer-until', { liveDate });
    expect(started.status).toBe('completed');
    expect(started.activeNodes).toEqual([]);
  });

  it('reminds before an approval is due, then auto-approves it when overdue and the flow continues', async () => {
    const started = await pm.start('sla-auto', { note: 'please approve' });
    expect(started.activeNodes).toEqual(['approve']);
    const task = started.tasks.find((x) => x.nodeId === 'approve')!;
    expect(task.assigneeId).toBe(ids.opsdir);
    const inbox = (await opsdir.get('/api/tasks?status=open')).body.items as {
      id: string;
      dueAt?: string;
      slaState?: string;
    }[];
    expect(inbox.find((i) => i.id === task.id)?.dueAt).toBeDefined();

    const reminder = await poll(
      () => notes(opsdir, started.id),
      (ns) => ns.some((n) => n.kind === 'reminder'),
      15000,
      'the SLA reminder',
    );
    expect(reminder.find((n) => n.kind === 'reminder')!.taskId).toBe(task.id);

    const done = await poll(
      () => instance(pm, started.id),
      (v) => v.status !== 'running',
      15000,
      'the overdue auto-approval',
    );
    expect(done.status).toBe('approved');
    const closed = done.tasks.find((x) => x.id === task.id)!;
    expect(closed).toMatchObject({ status: 'done', action: 'approve' });

    // The engine decided, and the audit trail says so.
    const trail = await events(admin, started.id);
    const completed = trail.find((e) => e.type === 'taskCompleted' && e.taskId === task.id)!;
    expect(completed).toBeDefined();
    expect(completed.actorId).toBe('system');
    expect(completed.payload).toMatchObject({ action: 'approve', auto: 'slaOverdue' });

    // Reminder first, then overdue; the assignee was told about both.
    const all = await notes(opsdir, started.id);
    const kinds = all.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['taskAssigned', 'reminder', 'overdue']));
    const at = (kind: string) => Date.parse(all.find((n) => n.kind === kind)!.createdAt);
    expect(at('reminder')).toBeLessThanOrEqual(at('overdue'));
    expect(at('reminder')).toBeLessThanOrEqual(Date.parse(closed.completedAt!));
  });

  it('escalates an overdue approval to the user named in onOverdue.to, who can then approve it', async () => {
    const started = await pm.start('sla-escalate', {});
    const original = started.tasks.find((x) => x.nodeId === 'approve')!;
    expect(original.assigneeId).toBe(ids.opsspec);

    const moved = await poll(
      () => instance(pm, started.id),
      (v) =>
        v.tasks.some(
          (x) => x.nodeId === 'approve' && x.assigneeId === ids.opsdir && x.status === 'open',
        ),
      15000,
      'the escalation',
    );
    expect(moved.status).toBe('running');
    expect(moved.tasks.find((x) => x.id === original.id)!.status).toBe('cancelled');
    expect(
      (await opsspec.get('/api/tasks?status=open')).body.items.some(
        (i: { instanceId: string }) => i.instanceId === started.id,
      ),
    ).toBe(false);

    const escalated = await notes(opsdir, started.id);
    expect(escalated.map((n) => n.kind)).toContain('escalated');
    expect((await notes(opsspec, started.id)).map((n) => n.kind)).toEqual(
      expect.arrayContaining(['overdue', 'escalated']),
    );

    const approved = await opsdir.act(started.id, 'approve', {
      action: 'approve',
      comment: '已处理',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.instance.status).toBe('approved');
  });

  // Last: it replaces the app.
  it('fires a timer after the app that scheduled it was closed and a new one started on the same database', async () => {
    await publish(t, admin.token, timerFlow('timer-restart', { delay: 'PT2S' }));
    const started = await pm.start('timer-restart', { note: 'survive me' });
    expect(started.activeNodes).toEqual(['wait']);
    await t.close();

    // Nobody is running now: the instance waits, its timer still scheduled.
    let timerId = '';
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const [row] = (await client.query(`SELECT status FROM instances WHERE id = $1`, [started.id]))
        .rows;
      expect(row.status).toBe('running');
      const timers = (
        await client.query(`SELECT id, status FROM timers WHERE instance_id = $1`, [started.id])
      ).rows;
      expect(timers.map((x: { status: string }) => x.status)).toEqual(['scheduled']);
      timerId = timers[0].id;
    } finally {
      await client.end();
    }
    if (testMode() === 'server') {
      // The first app's delayed job waits in Redis: that is what will fire.
      const redis = new Redis(process.env.REDIS_URL!);
      try {
        const delayed = await redis.zrange(
          `${env.BATON_QUEUE_PREFIX}:${QUEUES.timers}:delayed`,
          0,
          -1,
        );
        expect(delayed).toContain(`tm-${timerId}`);
      } finally {
        redis.disconnect();
      }
    }

    t = await startTestApp({ db, env });
    pm = await Actor.as(t, 'pm', DEMO_PASSWORD);
    const done = await poll(
      () => instance(pm, started.id),
      (v) => v.status !== 'running',
      15000,
      'the timer firing after restart',
    );
    expect(done.status).toBe('completed');
    const trail = await events(pm, started.id);
    expect(trail.filter((e) => e.type === 'nodeCompleted' && e.nodeId === 'wait')).toHaveLength(1);
    expect(trail.at(-1)!.type).toBe('instanceEnded');
  });
});
