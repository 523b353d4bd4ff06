// RELIABILITY.md, "Nothing accepted is lost, nothing is applied twice", over
// HTTP against the real database and queue of the mode under test:
//   (a) the same approval sent 100 times at once: one success, 99 × 409, one transition;
//   (b) both branches of a parallel split completed at the same instant, N times
//       (1,000 in server mode, 100 in embedded mode): the join fires exactly once
//       each time. The instances are started through the API first, then raced;
//   (c) Idempotency-Key replays: the first answer comes back, nothing changes;
//   (d) the latency of an approval under a small load (reported, not asserted).
// Every check ends in EXACT counts read from the database (instances, tasks,
// events, commands): nothing lost, nothing doubled.
// BATON_SOAK=<n> (or BATON_SOAK=1 for 1,000, as `pnpm test:soak` does in both
// modes) runs the join race n times.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { ProcessDefinition } from '@baton/flow';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, oneApprovalFlow, poll, publish } from './support/flows.js';
import { pool } from './support/http.js';

const mode = testMode();
const soak = process.env.BATON_SOAK;
const JOIN_RUNS = soak ? (Number(soak) > 1 ? Number(soak) : 1000) : mode === 'server' ? 1000 : 100;
/** (b): instances started at a time, then instances whose two completions race at a time. */
const PREP_CONCURRENCY = mode === 'server' ? 16 : 4;
const RACE_CONCURRENCY = mode === 'server' ? 8 : 2;
/** How many copies of one approval are sent at once in (a). */
const APPROVAL_TWINS = 100;
const LATENCY_RUNS = 200;
const LATENCY_CONCURRENCY = 8;

/** start → one approval (the operations director) → end (approved). */
const approvalFlow = oneApprovalFlow('rel-approve', 'Reliability: one approval', {
  amount: { type: 'number' },
  note: { type: 'string' },
});

/** start → parallel → (design task ∥ warehouse task) → join → end. */
const joinFlow = {
  key: 'rel-join',
  name: 'Reliability: join race',
  form: { schema: { type: 'object', properties: { n: { type: 'number' } } } },
  graph: {
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'p', type: 'parallel' },
      {
        id: 't1',
        type: 'task',
        name: 'Design',
        assignees: [{ kind: 'role', role: 'graphic_designer' }],
      },
      {
        id: 't2',
        type: 'task',
        name: 'Warehouse',
        assignees: [{ kind: 'role', role: 'warehouse' }],
      },
      { id: 'j', type: 'join' },
      { id: 'end', type: 'end', outcome: 'completed' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'p' },
      { id: 'e2', source: 'p', target: 't1' },
      { id: 'e3', source: 'p', target: 't2' },
      { id: 'e4', source: 't1', target: 'j' },
      { id: 'e5', source: 't2', target: 'j' },
      { id: 'e6', source: 'j', target: 'end' },
    ],
  },
} as unknown as ProcessDefinition;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

type Counts = Record<string, number>;

describe(`reliability: concurrency, joins and idempotency (${mode} mode)`, () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Actor, pm: Actor, opsdir: Actor, design: Actor, warehouse: Actor;

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    ds.query(sql, params);
  /** Event types of an instance with their counts, and whether seq runs 1..n. */
  async function eventsOf(instanceId: string) {
    const rows = await q<{ seq: number; type: string; node_id: string | null }>(
      `SELECT seq, type, node_id FROM events WHERE instance_id = $1 ORDER BY seq`,
      [instanceId],
    );
    const counts: Counts = {};
    for (const r of rows) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return { rows, counts, gapless: rows.every((r, i) => r.seq === i + 1) };
  }
  async function commandsOf(instanceId: string) {
    const rows = await q<{ type: string; status: string; n: number }>(
      `SELECT type, status, count(*)::int AS n FROM commands WHERE instance_id = $1 GROUP BY type, status ORDER BY type, status`,
      [instanceId],
    );
    return Object.fromEntries(rows.map((r) => [`${r.type}:${r.status}`, r.n]));
  }
  const count = async (sql: string, params: unknown[] = []) =>
    (await q<{ n: number }>(sql, params))[0].n;

  beforeAll(async () => {
    // A generous bound on the API's wait, so a slow CI machine answers 200
    // (applied) rather than 202 (still queued): the counts are what we test.
    t = await startTestApp({ env: { BATON_DEMO: '1', BATON_COMMAND_WAIT_MS: '20000' } });
    // Listen once, so concurrent requests share one server.
    await t.app.listen(0, '127.0.0.1');
    ds = t.app.get(DataSource);
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [pm, opsdir, design, warehouse] = await Promise.all(
      ['pm', 'opsdir', 'design', 'warehouse'].map((u) => Actor.as(t, u, DEMO_PASSWORD)),
    );
    await publish(t, admin.token, approvalFlow);
    await publish(t, admin.token, joinFlow);
  });
  afterAll(() => t?.close());

  it(`(a) the same approval sent ${APPROVAL_TWINS} times at once: one success, ${APPROVAL_TWINS - 1} × 409, one transition`, async () => {
    const started = await pm.start('rel-approve', { amount: 1 });
    const taskId = started.tasks.find((x) => x.nodeId === 'a')!.id;
    const tA = Date.now();
    const answers = await Promise.all(
      Array.from({ length: APPROVAL_TWINS }, () =>
        opsdir.post(`/api/tasks/${taskId}/actions`, { action: 'approve' }),
      ),
    );
    const elapsedA = Date.now() - tA;
    const statuses = answers.map((r) => r.status);
    // One success (200 applied, or 202 if the wait ran out first), the rest 409: nothing else.
    const successes = answers.filter((r) => r.status === 200 || r.status === 202);
    expect(successes).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(APPROVAL_TWINS - 1);
    const winner = successes[0];
    if (winner.status === 200) expect(winner.body.instance.status).toBe('approved');
    await poll(
      () =>
        count(
          `SELECT count(*)::int AS n FROM commands WHERE instance_id = $1 AND status = 'queued'`,
          [started.id],
        ),
      (n) => n === 0,
      60000,
      'every command of the instance decided',
    );
    for (const r of answers.filter((x) => x.status === 409)) expect(r.body.error).toBe('conflict');

    // The database: one applied completeTask; each other request was either
    // refused by the engine (a 409 that names the reason) or turned away
    // before any command was written (a 409 without one).
    const cmds = await commandsOf(started.id);
    const refusedByEngine = answers.filter((r) => r.status === 409 && r.body.reason).length;
    for (const r of answers.filter((x) => x.status === 409 && x.body.reason))
      expect(['task_not_open', 'instance_not_running']).toContain(r.body.reason);
    expect(cmds).toEqual({
      'completeTask:applied': 1,
      ...(refusedByEngine ? { 'completeTask:refused': refusedByEngine } : {}),
      'start:applied': 1,
    });
    const ev = await eventsOf(started.id);
    expect(ev.gapless).toBe(true);
    expect(ev.counts.taskCompleted).toBe(1);
    expect(ev.counts.instanceEnded).toBe(1);
    expect(ev.rows.filter((e) => e.type === 'nodeCompleted' && e.node_id === 'a')).toHaveLength(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1`, [started.id]),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1 AND status = 'done' AND action = 'approve'`,
        [started.id],
      ),
    ).toBe(1);
    console.log(
      `(a) ${mode}: ${APPROVAL_TWINS} at once in ${elapsedA} ms: 1 applied (${winner.status}), ${refusedByEngine} refused by the engine, ${APPROVAL_TWINS - 1 - refusedByEngine} turned away before queueing`,
    );
  }, 120000);

  it(
    `(b) both branches completed at the same instant, ${JOIN_RUNS} times: the join fires exactly once each time`,
    async () => {
      // Prepared in bulk (every instance started through the API and waiting
      // at both branches), then raced: per instance, both completions are
      // sent in the same tick; RACE_CONCURRENCY instances race at a time.
      const t0 = Date.now();
      const started = await pool(
        PREP_CONCURRENCY,
        Array.from({ length: JOIN_RUNS }, (_, i) => i),
        async (i) => {
          const s = await pm.start('rel-join', { n: i });
          expect(s.activeNodes.sort()).toEqual(['t1', 't2']);
          return s;
        },
      );
      const prepared = Date.now() - t0;
      const ids = await pool(RACE_CONCURRENCY, started, async (s) => {
        const t1 = s.tasks.find((x) => x.nodeId === 't1')!.id;
        const t2 = s.tasks.find((x) => x.nodeId === 't2')!.id;
        const [r1, r2] = await Promise.all([
          design.post(`/api/tasks/${t1}/actions`, { action: 'submit' }),
          warehouse.post(`/api/tasks/${t2}/actions`, { action: 'submit' }),
        ]);
        expect([r1.status, r2.status]).toEqual([200, 200]);
        return s.id;
      });
      const elapsed = Date.now() - t0;

      // Every instance: completed, two tasks done, the join completed once,
      // the audit trail numbered without gaps, three commands applied.
      const rows = await q<{
        id: string;
        status: string;
        tasks: number;
        done: number;
        joins: number;
        ends: number;
        events: number;
        maxseq: number;
        cmds: number;
        applied: number;
      }>(
        `SELECT i.id, i.status,
              (SELECT count(*)::int FROM tasks t WHERE t.instance_id = i.id) AS tasks,
              (SELECT count(*)::int FROM tasks t WHERE t.instance_id = i.id AND t.status = 'done') AS done,
              (SELECT count(*)::int FROM events e WHERE e.instance_id = i.id AND e.type = 'nodeCompleted' AND e.node_id = 'j') AS joins,
              (SELECT count(*)::int FROM events e WHERE e.instance_id = i.id AND e.type = 'instanceEnded') AS ends,
              (SELECT count(*)::int FROM events e WHERE e.instance_id = i.id) AS events,
              (SELECT max(seq)::int FROM events e WHERE e.instance_id = i.id) AS maxseq,
              (SELECT count(*)::int FROM commands c WHERE c.instance_id = i.id) AS cmds,
              (SELECT count(*)::int FROM commands c WHERE c.instance_id = i.id AND c.status = 'applied') AS applied
       FROM instances i WHERE i.process_key = 'rel-join'`,
      );
      expect(rows).toHaveLength(JOIN_RUNS);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
      const bad = rows.filter(
        (r) =>
          r.status !== 'completed' ||
          r.tasks !== 2 ||
          r.done !== 2 ||
          r.joins !== 1 ||
          r.ends !== 1 ||
          r.events !== r.maxseq ||
          r.cmds !== 3 ||
          r.applied !== 3,
      );
      expect(bad).toEqual([]);
      // Every instance has exactly the same audit trail shape.
      const shapes = await q<{ shape: string; n: number }>(
        `SELECT shape, count(*)::int AS n FROM (
         SELECT string_agg(type || coalesce(':' || node_id, ''), ',' ORDER BY type, node_id) AS shape
         FROM events e JOIN instances i ON i.id = e.instance_id WHERE i.process_key = 'rel-join' GROUP BY e.instance_id) s
       GROUP BY shape`,
      );
      expect(shapes).toHaveLength(1);
      expect(shapes[0].n).toBe(JOIN_RUNS);
      const one = await eventsOf(ids[0]);
      expect(one.gapless).toBe(true);
      expect(one.counts).toEqual(EXPECTED_JOIN_EVENTS);
      // How often the race was real: both completions accepted (rows written)
      // before either was applied, so two workers could hold them at once.
      const overlapped = await count(
        `SELECT count(*)::int AS n FROM (
           SELECT c.instance_id FROM commands c JOIN instances i ON i.id = c.instance_id
           WHERE i.process_key = 'rel-join' AND c.type = 'completeTask'
           GROUP BY c.instance_id HAVING max(c.created_at) < min(c.applied_at)) s`,
      );
      console.log(
        `join race (${mode}): ${JOIN_RUNS} instances started in ${prepared} ms, raced in ${elapsed - prepared} ms (total ${elapsed} ms), join fired once in each; ` +
          `in ${overlapped} both completions were accepted before either was applied`,
      );
    },
    60000 + JOIN_RUNS * 1000,
  );

  describe('(c) Idempotency-Key', () => {
    it('replays a start: the same answer and one instance; the same key with another body is 422', async () => {
      const before = await count(
        `SELECT count(*)::int AS n FROM instances WHERE process_key = 'rel-approve'`,
      );
      const body = { data: { amount: 42, note: 'idem' } };
      const first = await pm
        .post('/api/processes/rel-approve/instances', body)
        .set('Idempotency-Key', 'start-1');
      expect(first.status).toBe(201);
      const again = await pm
        .post('/api/processes/rel-approve/instances', body)
        .set('Idempotency-Key', 'start-1');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      // Twins in flight at once are answered alike too.
      const twins = await Promise.all(
        Array.from({ length: 5 }, () =>
          pm.post('/api/processes/rel-approve/instances', body).set('Idempotency-Key', 'start-2'),
        ),
      );
      expect(twins.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(twins.map((r) => r.body.id)).size).toBe(1);

      const reused = await pm
        .post('/api/processes/rel-approve/instances', { data: { amount: 43, note: 'idem' } })
        .set('Idempotency-Key', 'start-1');
      expect(reused.status).toBe(422);
      expect(reused.body.error).toBe('idempotency_key_reused');

      expect(
        await count(`SELECT count(*)::int AS n FROM instances WHERE process_key = 'rel-approve'`),
      ).toBe(before + 2);
      for (const id of [first.body.id, twins[0].body.id]) {
        expect(await commandsOf(id)).toEqual({ 'start:applied': 1 });
        expect(
          await count(`SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1`, [id]),
        ).toBe(1);
      }
    });

    it('replays an approval: the same 200 body, one transition', async () => {
      const started = await pm.start('rel-approve', { amount: 7 });
      const taskId = started.tasks[0].id;
      const path = `/api/tasks/${taskId}/actions`;
      const first = await opsdir
        .post(path, { action: 'approve', comment: 'ok' })
        .set('Idempotency-Key', 'approve-1');
      expect(first.status).toBe(200);
      expect(first.body.instance.status).toBe('approved');
      const replays = await Promise.all(
        Array.from({ length: 5 }, () =>
          opsdir
            .post(path, { action: 'approve', comment: 'ok' })
            .set('Idempotency-Key', 'approve-1'),
        ),
      );
      for (const r of replays) {
        expect(r.status).toBe(200);
        expect(r.body).toEqual(first.body);
      }
      // Without the key, the same request is a second attempt: 409.
      expect((await opsdir.post(path, { action: 'approve', comment: 'ok' })).status).toBe(409);
      const reused = await opsdir
        .post(path, { action: 'reject' })
        .set('Idempotency-Key', 'approve-1');
      expect(reused.status).toBe(422);
      expect(reused.body.error).toBe('idempotency_key_reused');

      expect(await commandsOf(started.id)).toEqual({
        'completeTask:applied': 1,
        'start:applied': 1,
      });
      const ev = await eventsOf(started.id);
      expect(ev.gapless).toBe(true);
      expect(ev.counts.taskCompleted).toBe(1);
      expect(ev.counts.instanceEnded).toBe(1);
    });

    it('replays a refusal as the same refusal, and keys are per caller', async () => {
      const started = await pm.start('rel-approve', { amount: 8 });
      const path = `/api/tasks/${started.tasks[0].id}/actions`;
      // pm is not the assignee: 403, and the replay is the same 403.
      const first = await pm.post(path, { action: 'approve' }).set('Idempotency-Key', 'shared-key');
      expect(first.status).toBe(403);
      const replay = await pm
        .post(path, { action: 'approve' })
        .set('Idempotency-Key', 'shared-key');
      expect(replay.status).toBe(403);
      expect(replay.body).toEqual(first.body);
      // The assignee's request with the same key string is their own.
      const mine = await opsdir
        .post(path, { action: 'approve' })
        .set('Idempotency-Key', 'shared-key');
      expect(mine.status).toBe(200);
      expect(await commandsOf(started.id)).toEqual({
        'completeTask:applied': 1,
        'start:applied': 1,
      });
    });
  });

  it(`(d) reports the latency of an approval (${LATENCY_RUNS} at concurrency ${LATENCY_CONCURRENCY})`, async () => {
    const started = await pool(
      LATENCY_CONCURRENCY,
      Array.from({ length: LATENCY_RUNS }, (_, i) => i),
      (i) => pm.start('rel-approve', { amount: 1000 + i }),
    );
    const times = await pool(LATENCY_CONCURRENCY, started, async (s) => {
      const t0 = performance.now();
      const res = await opsdir.post(`/api/tasks/${s.tasks[0].id}/actions`, { action: 'approve' });
      const ms = performance.now() - t0;
      expect(res.status).toBe(200);
      return ms;
    });
    times.sort((a, b) => a - b);
    console.log(
      `approve latency (${mode}): p50=${percentile(times, 50).toFixed(1)}ms p99=${percentile(times, 99).toFixed(1)}ms n=${times.length}`,
    );
    const ids = started.map((s) => s.id);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM instances WHERE id = ANY($1::uuid[]) AND status = 'approved'`,
        [ids],
      ),
    ).toBe(LATENCY_RUNS);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM tasks WHERE instance_id = ANY($1::uuid[]) AND status = 'done'`,
        [ids],
      ),
    ).toBe(LATENCY_RUNS);
    expect(
      await count(`SELECT count(*)::int AS n FROM tasks WHERE instance_id = ANY($1::uuid[])`, [
        ids,
      ]),
    ).toBe(LATENCY_RUNS);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM events WHERE instance_id = ANY($1::uuid[]) AND type = 'taskCompleted'`,
        [ids],
      ),
    ).toBe(LATENCY_RUNS);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM commands WHERE instance_id = ANY($1::uuid[]) AND status = 'applied'`,
        [ids],
      ),
    ).toBe(2 * LATENCY_RUNS);
    expect(
      await count(`SELECT count(*)::int AS n FROM commands WHERE instance_id = ANY($1::uuid[])`, [
        ids,
      ]),
    ).toBe(2 * LATENCY_RUNS);
  }, 120000);

  it('leaves no command queued anywhere', async () => {
    expect(await count(`SELECT count(*)::int AS n FROM commands WHERE status = 'queued'`)).toBe(0);
  });
});

/** The audit trail of one join-race instance, by event type. */
const EXPECTED_JOIN_EVENTS: Counts = {
  instanceStarted: 1,
  nodeEntered: 6, // start, p, t1, t2, j, end
  nodeCompleted: 6,
  taskCreated: 2,
  taskCompleted: 2,
  instanceEnded: 1,
};
