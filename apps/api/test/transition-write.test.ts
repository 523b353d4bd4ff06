// The worker's one-statement write (src/modules/runtime/transition-write.ts)
// against a migrated database of the mode under test: it writes everything
// or, when another transition moved the instance on since it was read,
// nothing at all; and the corner cases where two of its parts touch the same
// row (a timer scheduled and cancelled at once, the fired timer) come out as
// the old statement-by-statement writes did.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/platform/database/data-source-options.js';
import type { PersistencePlan } from '../src/modules/runtime/persistence-plan.js';
import { refusalWrite, transitionWrite } from '../src/modules/runtime/transition-write.js';
import { createTestDatabase, testMode, type TestDatabase } from './support/test-app.js';

const USER = '00000000-0000-4000-8000-000000000001';
const NOW = '2026-11-22T08:00:00.000Z';

const emptyPlan = (): PersistencePlan => ({
  newTasks: [],
  closedTasks: [],
  timers: [],
  cancelledTimers: [],
  outbox: [],
  events: [],
  notifications: [],
  incidents: [],
  resolvedIncidents: [],
});

describe(`transitionWrite (${testMode()} mode)`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    ds.query(sql, params) as Promise<T[]>;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions(db.url, { embedded: db.embedded }));
    await ds.initialize();
    await ds.runMigrations();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function instanceWithCommand() {
    const [{ id }] = await q<{ id: string }>(
      `INSERT INTO instances (process_key, version, title, status, initiator_id, state) VALUES ('p', 1, 'T', 'running', $1, '{}') RETURNING id`,
      [USER],
    );
    await q(
      `INSERT INTO tasks (id, instance_id, process_key, node_id, node_name, kind, title, assignee_id, status, created_at) VALUES ($1, $2, 'p', 'a', 'A', 'approval', 'T', $3, 'open', $4)`,
      [`task_old_${id}`, id, USER, NOW],
    );
    await q(
      `INSERT INTO timers (id, instance_id, at, purpose) VALUES ($1, $2, $3, 'sla'), ($4, $2, $3, 'timer')`,
      [`tm_old_${id}`, id, NOW, `tm_fired_${id}`],
    );
    const [{ id: commandId }] = await q<{ id: string }>(
      `INSERT INTO commands (instance_id, actor_id, type, payload) VALUES ($1, $2, 'completeTask', '{}') RETURNING id`,
      [id, USER],
    );
    const xmin = async () =>
      (await q<{ x: string }>(`SELECT xmin::text AS x FROM instances WHERE id = $1`, [id]))[0].x;
    return { id, commandId, xmin };
  }

  function fullPlan(id: string): PersistencePlan {
    return {
      ...emptyPlan(),
      newTasks: [
        {
          id: `task_new_${id}`,
          nodeId: 'b',
          nodeName: 'B',
          kind: 'task',
          assigneeId: USER,
          createdAt: NOW,
          dueAt: null,
          warnAt: null,
        },
      ],
      closedTasks: [{ id: `task_old_${id}`, status: 'done', action: 'approve', at: NOW }],
      // Scheduled and cancelled by the same transition; plus the old SLA timer cancelled.
      timers: [{ id: `tm_new_${id}`, at: NOW, purpose: 'sla' }],
      cancelledTimers: [`tm_new_${id}`, `tm_old_${id}`, `tm_fired_${id}`],
      outbox: [{ kind: 'timer', payload: { timerId: `tm_new_${id}` }, availableAt: NOW }],
      events: [
        { type: 'taskCompleted', actorId: USER, nodeId: 'a', taskId: null, at: NOW, payload: {} },
        { type: 'taskCreated', actorId: null, nodeId: 'b', taskId: null, at: NOW, payload: {} },
      ],
      notifications: [
        { userId: USER, kind: 'task', taskId: `task_new_${id}`, actorId: null, message: null },
      ],
      incidents: [
        { id: `inc_${id}`, nodeId: 'b', code: 'x', message: 'opened and closed', createdAt: NOW },
      ],
      resolvedIncidents: [`inc_${id}`],
    };
  }

  async function written(id: string) {
    const [row] = await q<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM tasks WHERE instance_id = $1) AS tasks,
              (SELECT count(*)::int FROM tasks WHERE instance_id = $1 AND status = 'open') AS open,
              (SELECT count(*)::int FROM events WHERE instance_id = $1) AS events,
              (SELECT count(*)::int FROM notifications WHERE instance_id = $1) AS notifications,
              (SELECT count(*)::int FROM timers WHERE instance_id = $1) AS timers,
              (SELECT count(*)::int FROM incidents WHERE instance_id = $1) AS incidents,
              (SELECT count(*)::int FROM outbox WHERE payload->>'timerId' = $2) AS outbox`,
      [id, `tm_new_${id}`],
    );
    return row;
  }

  it('writes nothing when the instance moved on since it was read', async () => {
    const { id, commandId, xmin } = await instanceWithCommand();
    const stale = await xmin();
    await q(`UPDATE instances SET updated_at = now() WHERE id = $1`, [id]); // another transition
    const before = await written(id);
    const st = transitionWrite({
      commandId,
      instanceId: id,
      xmin: stale,
      state: { status: 'running', marker: 'lost' },
      status: 'running',
      eventSeq: 2,
      endedAt: null,
      plan: fullPlan(id),
      firedTimerId: `tm_fired_${id}`,
    });
    expect(await q(st.text, st.values)).toEqual([]);
    expect(await written(id)).toEqual(before);
    const [cmd] = await q<{ status: string }>(`SELECT status FROM commands WHERE id = $1`, [
      commandId,
    ]);
    expect(cmd.status).toBe('queued');
    const [inst] = await q<{ state: unknown }>(`SELECT state FROM instances WHERE id = $1`, [id]);
    expect(inst.state).toEqual({});
  });

  it('writes everything in one statement when the instance is as it was read', async () => {
    const { id, commandId, xmin } = await instanceWithCommand();
    const st = transitionWrite({
      commandId,
      instanceId: id,
      xmin: await xmin(),
      state: { status: 'approved' },
      status: 'approved',
      eventSeq: 2,
      endedAt: NOW,
      plan: fullPlan(id),
      firedTimerId: `tm_fired_${id}`,
    });
    expect(await q(st.text, st.values)).toHaveLength(1);
    expect(await written(id)).toEqual({
      tasks: 2,
      open: 1,
      events: 2,
      notifications: 1,
      timers: 3,
      incidents: 1,
      outbox: 1,
    });
    const timers = await q<{ id: string; status: string }>(
      `SELECT id, status FROM timers WHERE instance_id = $1 ORDER BY id`,
      [id],
    );
    expect(Object.fromEntries(timers.map((t) => [t.id, t.status]))).toEqual({
      [`tm_fired_${id}`]: 'fired',
      [`tm_new_${id}`]: 'cancelled',
      [`tm_old_${id}`]: 'cancelled',
    });
    const [inc] = await q<{ resolved: boolean }>(
      `SELECT resolved_at IS NOT NULL AS resolved FROM incidents WHERE id = $1`,
      [`inc_${id}`],
    );
    expect(inc.resolved).toBe(true);
    const events = await q<{ seq: number; type: string }>(
      `SELECT seq, type FROM events WHERE instance_id = $1 ORDER BY seq`,
      [id],
    );
    expect(events).toEqual([
      { seq: 1, type: 'taskCompleted' },
      { seq: 2, type: 'taskCreated' },
    ]);
    const [cmd] = await q<{ status: string }>(`SELECT status FROM commands WHERE id = $1`, [
      commandId,
    ]);
    expect(cmd.status).toBe('applied');
    const [inst] = await q<{ status: string; event_seq: number; ended: boolean }>(
      `SELECT status, event_seq, ended_at IS NOT NULL AS ended FROM instances WHERE id = $1`,
      [id],
    );
    expect(inst).toEqual({ status: 'approved', event_seq: 2, ended: true });
  });

  it('a refusal is written only while the instance is as it was read, and only once', async () => {
    const { id, commandId, xmin } = await instanceWithCommand();
    const seen = await xmin();
    const result = { ok: false, code: 'task_not_open', message: 'no' };
    await q(`UPDATE instances SET updated_at = now() WHERE id = $1`, [id]);
    const stale = refusalWrite({ commandId, instanceId: id, xmin: seen, result });
    expect(await q(stale.text, stale.values)).toEqual([]);
    const fresh = refusalWrite({ commandId, instanceId: id, xmin: await xmin(), result });
    expect(await q(fresh.text, fresh.values)).toHaveLength(1);
    expect(await q(fresh.text, fresh.values)).toEqual([]); // no longer queued
    const [cmd] = await q<{ status: string; result: unknown }>(
      `SELECT status, result FROM commands WHERE id = $1`,
      [commandId],
    );
    expect(cmd).toEqual({ status: 'refused', result });
  });
});
