// RELIABILITY.md, "Nothing accepted is lost, nothing is applied twice", with
// the servers themselves failing under real OS processes (server mode:
// dist/main.js + dist/worker.js). Each test owns the server it breaks — a
// private redis-server or a private PostgreSQL cluster on a free loopback
// port — and never touches the shared ones the other test files use.
//
//   1. Redis dies (SIGKILL, and later a clean shutdown) in the middle of a run
//      of RUNS instances and comes back EMPTY on the same port (nothing is
//      persisted): the database is the source of truth, the sweeper re-sends
//      the commands whose jobs were lost, and every instance reaches its end
//      with exactly the expected tasks, commands and audit events.
//   2. PostgreSQL is stopped for a few seconds while clients approve and
//      start: meanwhile the API answers 503 (not 500, not a hang) in bounded
//      time; when it is back every accepted command (200/201/202) is applied
//      exactly once, instance by instance, and nothing is doubled for the
//      clients that retried their 503s with the same Idempotency-Key. (A key
//      whose first attempt was cut off by the outage stays "still running"
//      until its lease runs out, BATON_IDEMPOTENCY_LEASE_MS; this run's API
//      keeps the default lease, so such an operation may stay unresolved
//      here — the counts allow for exactly that. The test after it shows the
//      retry after the lease.)
// Embedded mode has one process, no Redis and no separate PostgreSQL: skipped.
// BATON_SOAK=1 runs 1,000 instances through the Redis restart
// (BATON_FAULT_RUNS=<n> sets it directly).
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  createTestDatabase,
  testMode,
  type TestDatabase,
} from './support/test-app.js';
import { apiDist, freePort, run, type Proc } from './support/processes.js';
import { oneApprovalFlow } from './support/flows.js';
import { apiClient, pool, sleep, until, type Answer, type ApiClient } from './support/http.js';
import {
  privateServersMissing,
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from './support/services.js';

const serverMode = testMode() === 'server';
const built =
  fs.existsSync(path.join(apiDist, 'main.js')) && fs.existsSync(path.join(apiDist, 'worker.js'));
const missing = privateServersMissing({ pg: true, redis: true });
const soak = process.env.BATON_SOAK;
const RUNS = Number(process.env.BATON_FAULT_RUNS || (soak ? 1000 : 200));
const CONCURRENCY = 8;

const skipReason = !serverMode
  ? 'it needs server mode (separate API and worker processes on PostgreSQL + Redis)'
  : !built
    ? `no built dist at ${apiDist} (run \`pnpm --filter @baton/api build\`)`
    : missing;
if (skipReason) console.warn(`faults.test.ts skipped: ${skipReason}.`);
const describeIf = skipReason ? describe.skip : describe;

const approvalFlow = oneApprovalFlow('fault-approve', 'Faults: one approval');

/** The audit trail of one approved instance, in order (start, a, end). */
const APPROVED_TRAIL = [
  'instanceStarted',
  'nodeEntered:start',
  'nodeCompleted:start',
  'nodeEntered:a',
  'taskCreated:a',
  'taskCompleted:a',
  'nodeCompleted:a',
  'nodeEntered:end',
  'nodeCompleted:end',
  'instanceEnded',
];
/** The audit trail of one instance still waiting at the approval. */
const WAITING_TRAIL = APPROVED_TRAIL.slice(0, 5);

type Q = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Per instance: its audit trail in seq order (types with node ids), whether
 * seq runs 1..n with event_seq = n, and its status. Grouped by trail and status.
 */
async function trails(q: Q) {
  return q<{ status: string; trail: string; gapless: boolean; n: number }>(
    `SELECT status, trail, gapless, count(*)::int AS n FROM (
       SELECT i.id, i.status,
              coalesce(string_agg(e.type || CASE WHEN e.type LIKE 'node%' OR e.type LIKE 'task%' THEN coalesce(':' || e.node_id, '') ELSE '' END, ',' ORDER BY e.seq), '') AS trail,
              (count(e.seq) = coalesce(max(e.seq), 0) AND min(coalesce(e.seq, 1)) = 1 AND i.event_seq = count(e.seq)) AS gapless
       FROM instances i LEFT JOIN events e ON e.instance_id = i.id GROUP BY i.id) s
     GROUP BY status, trail, gapless ORDER BY status`,
  );
}

async function commandTally(q: Q) {
  const rows = await q<{ type: string; status: string; n: number }>(
    `SELECT type, status, count(*)::int AS n FROM commands GROUP BY type, status ORDER BY type, status`,
  );
  return Object.fromEntries(rows.map((r) => [`${r.type}:${r.status}`, r.n]));
}

/** Starts an API process and `workers` worker processes on the given servers. */
async function startBaton(env: Record<string, string | undefined>, workers: number) {
  const port = await freePort();
  // All at once: migrations run under an advisory lock, whoever comes first.
  const api = run('main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const ws = Array.from({ length: workers }, () => run('worker.js', env));
  await Promise.all([
    api.waitFor('Baton API listening', 120000),
    ...ws.map((w) => w.waitFor('ready', 120000)),
  ]);
  return { api, workers: ws, client: apiClient(`http://127.0.0.1:${port}`) };
}

function bumper() {
  const tally: Record<string, number> = {};
  return {
    tally,
    add: (what: string, status: number | string) =>
      (tally[`${what} ${status}`] = (tally[`${what} ${status}`] ?? 0) + 1),
  };
}

describeIf('faults: the servers themselves fail (server mode, built dist)', () => {
  describe(`Redis dies in the middle of ${RUNS} instances and comes back empty`, () => {
    let redis: PrivateRedis;
    let db: TestDatabase;
    let sql: pg.Client;
    let api: Proc;
    const workers: Proc[] = [];
    let http: ApiClient;
    let pm: string, opsdir: string;
    const q: Q = async (text, params = []) => (await sql.query(text, params)).rows;
    const count = async (text: string, params: unknown[] = []) =>
      (await q<{ n: number }>(text, params))[0].n;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      db = await createTestDatabase();
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        BATON_QUEUE_PREFIX: `faults${randomBytes(4).toString('hex')}`,
        BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
        BATON_DEMO: '1',
        BATON_DEMO_PASSWORD: DEMO_PASSWORD,
        // Answer 202 soon while the queue is gone; sweep often.
        BATON_COMMAND_WAIT_MS: '1000',
        BATON_SWEEP_MS: '500',
      };
      const started = await startBaton(env, 2);
      api = started.api;
      workers.push(...started.workers);
      http = started.client;
      sql = new pg.Client({ connectionString: db.url });
      await sql.connect();
      const admin = await http.login('admin', ADMIN_PASSWORD);
      [pm, opsdir] = await Promise.all([
        http.login('pm', DEMO_PASSWORD),
        http.login('opsdir', DEMO_PASSWORD),
      ]);
      expect((await http.call('POST', '/api/processes', admin, approvalFlow)).status).toBe(201);
      expect((await http.call('POST', '/api/processes/fault-approve/publish', admin)).status).toBe(
        201,
      );
    }, 180000);

    afterAll(async () => {
      await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop('SIGKILL')));
      await sql?.end().catch(() => undefined);
      await db?.drop().catch(() => undefined);
      await redis?.destroy();
    }, 60000);

    it(
      `every instance ends approved exactly once; no answer is a 5xx`,
      async () => {
        const t0 = Date.now();
        const answers = bumper();
        const timeline: string[] = [];
        const mark = (what: string) => timeline.push(`${what} at ${Date.now() - t0} ms`);
        let done = 0;
        let outage: Promise<void> | undefined;
        let second: Promise<void> | undefined;
        let healthDown: Answer | undefined;

        /** The open task of an instance, once a worker has created it. */
        const openTask = (id: string) =>
          until(
            `a task on ${id}`,
            async () => {
              const res = await http.call('GET', `/api/instances/${id}`, pm);
              return (
                res.status === 200 &&
                (res.body.tasks as { id: string; status: string }[]).find(
                  (x) => x.status === 'open',
                )?.id
              );
            },
            180000,
            100,
          );

        const ids = await pool(
          CONCURRENCY,
          Array.from({ length: RUNS }, (_, i) => i),
          async (i) => {
            const started = await http.call(
              'POST',
              '/api/processes/fault-approve/instances',
              pm,
              { data: { n: i } },
              { 'Idempotency-Key': `start-${i}` },
            );
            answers.add('start', started.status);
            expect([201, 202]).toContain(started.status);
            const id = started.body.id as string;
            const taskId = await openTask(id);
            const approved = await http.call(
              'POST',
              `/api/tasks/${taskId}/actions`,
              opsdir,
              { action: 'approve' },
              { 'Idempotency-Key': `approve-${i}` },
            );
            answers.add('approve', approved.status);
            expect([200, 202]).toContain(approved.status);
            done++;
            if (done === Math.floor(RUNS * 0.3)) {
              outage = (async () => {
                // No goodbye: whatever Redis held (waiting jobs, locks, ids) is gone.
                await redis.kill('SIGKILL');
                mark('Redis SIGKILLed');
                healthDown = await http.call('GET', '/api/health', undefined, undefined, {}, 15000);
                await sleep(3000); // requests meanwhile are accepted and answered 202
                await redis.start();
                mark('Redis back (empty)');
              })();
            }
            if (done === Math.floor(RUNS * 0.65)) {
              second = (async () => {
                await outage;
                // Redis's own shutdown (SIGTERM), then at once a fresh, empty server.
                await redis.kill('SIGTERM');
                mark('Redis shut down');
                await redis.start();
                mark('Redis back (empty)');
              })();
            }
            return id;
          },
        );
        await outage;
        await second;
        expect(healthDown).toBeDefined();
        expect({ status: healthDown!.status, queue: healthDown!.body.queue }).toEqual({
          status: 503,
          queue: 'down',
        });

        // Settles: every instance approved and no command left queued.
        await until(
          'every instance to end',
          async () =>
            (await count(`SELECT count(*)::int AS n FROM instances WHERE status = 'approved'`)) ===
              RUNS &&
            (await count(`SELECT count(*)::int AS n FROM commands WHERE status = 'queued'`)) === 0,
          120000 + RUNS * 200,
          250,
        );
        const settled = Date.now() - t0;

        expect(new Set(ids).size).toBe(RUNS);
        expect(await count(`SELECT count(*)::int AS n FROM instances`)).toBe(RUNS);
        // One instance per client start (the form field n is the client's number).
        expect(
          await count(
            `SELECT count(DISTINCT (payload->'data'->>'n'))::int AS n FROM commands WHERE type = 'start'`,
          ),
        ).toBe(RUNS);
        expect(
          await q(`SELECT status, action, count(*)::int AS n FROM tasks GROUP BY status, action`),
        ).toEqual([{ status: 'done', action: 'approve', n: RUNS }]);
        expect(await count(`SELECT count(DISTINCT instance_id)::int AS n FROM tasks`)).toBe(RUNS);
        expect(await commandTally(q)).toEqual({
          'completeTask:applied': RUNS,
          'start:applied': RUNS,
        });
        expect(await trails(q)).toEqual([
          { status: 'approved', trail: APPROVED_TRAIL.join(','), gapless: true, n: RUNS },
        ]);
        expect(await count(`SELECT count(*)::int AS n FROM events`)).toBe(
          APPROVED_TRAIL.length * RUNS,
        );
        const perInstance = await q(
          `SELECT n, count(*)::int AS instances FROM (SELECT instance_id, count(*)::int AS n FROM notifications GROUP BY instance_id) s GROUP BY n`,
        );
        expect(perInstance).toHaveLength(1);
        expect(
          await count(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`),
        ).toBe(0);
        // The outage really cost jobs: commands accepted while Redis was gone
        // (their dispatch failed) are applied only after the sweeper found
        // them stale (10 s) and sent them again.
        const resent = await count(
          `SELECT count(*)::int AS n FROM commands WHERE applied_at - created_at >= interval '9 seconds'`,
        );
        expect(resent).toBeGreaterThan(0);
        // Every process lived through it.
        for (const p of [api, ...workers]) expect(p.child.exitCode).toBeNull();
        console.log(
          `Redis restart: ${RUNS} instances, ${timeline.join(', ')}; health during the outage ${healthDown!.status} in ${healthDown!.ms} ms; ` +
            `all settled at ${settled} ms; ${resent} commands applied ≥ 9 s after acceptance (re-sent by the sweeper); answers ${JSON.stringify(answers.tally)}`,
        );
      },
      300000 + RUNS * 1000,
    );
  });

  describe('PostgreSQL stopped for a few seconds in the middle of a run', () => {
    const PREPARED = 100; // instances waiting for an approval before the outage
    const STARTS = 100; // instances started by clients during the run
    const DOWN_MS = 4000;
    let pgsrv: PrivatePostgres;
    let workerEnv: Record<string, string | undefined>;
    let dbUrl: string;
    let sql: pg.Client | undefined;
    let api: Proc;
    const workers: Proc[] = [];
    let http: ApiClient;
    let pm: string, opsdir: string;
    const q: Q = async (text, params = []) => (await sql!.query(text, params)).rows;
    const count = async (text: string, params: unknown[] = []) =>
      (await q<{ n: number }>(text, params))[0].n;

    /** The open task of an instance, once a worker has created it. */
    const openTaskOf = (id: string) =>
      until(
        `a task on ${id}`,
        async () => {
          const res = await http.call('GET', `/api/instances/${id}`, pm);
          return (
            res.status === 200 &&
            (res.body.tasks as { id: string; status: string }[]).find((x) => x.status === 'open')
              ?.id
          );
        },
        120000,
        100,
      );

    beforeAll(async () => {
      pgsrv = await startPrivatePostgres();
      const admin = new pg.Client({ connectionString: pgsrv.adminUrl });
      await admin.connect();
      await admin.query('CREATE DATABASE baton_faults');
      await admin.end();
      dbUrl = pgsrv.urlFor('baton_faults');
      const env = {
        DATABASE_URL: dbUrl,
        REDIS_URL: process.env.REDIS_URL,
        BATON_QUEUE_PREFIX: `faultspg${randomBytes(4).toString('hex')}`,
        BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
        BATON_DEMO: '1',
        BATON_DEMO_PASSWORD: DEMO_PASSWORD,
        BATON_COMMAND_WAIT_MS: '1000',
        BATON_SWEEP_MS: '500',
      };
      workerEnv = env;
      const started = await startBaton(env, 1);
      api = started.api;
      workers.push(...started.workers);
      http = started.client;
      sql = new pg.Client({ connectionString: dbUrl });
      sql.on('error', () => undefined); // the server is stopped under it later on
      await sql.connect();
      const adminToken = await http.login('admin', ADMIN_PASSWORD);
      [pm, opsdir] = await Promise.all([
        http.login('pm', DEMO_PASSWORD),
        http.login('opsdir', DEMO_PASSWORD),
      ]);
      expect((await http.call('POST', '/api/processes', adminToken, approvalFlow)).status).toBe(
        201,
      );
      expect(
        (await http.call('POST', '/api/processes/fault-approve/publish', adminToken)).status,
      ).toBe(201);
    }, 180000);

    afterAll(async () => {
      await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop('SIGKILL')));
      await sql?.end().catch(() => undefined);
      await pgsrv?.destroy();
    }, 60000);

    it(`503 while it is down (never 500, never a hang); after it, every accepted command applied exactly once`, async () => {
      // Instances waiting for the director, started before the outage.
      const prepared = await pool(
        CONCURRENCY,
        Array.from({ length: PREPARED }, (_, i) => i),
        async (i) => {
          const res = await http.call('POST', '/api/processes/fault-approve/instances', pm, {
            data: { n: i },
          });
          expect([201, 202]).toContain(res.status);
          const id = res.body.id as string;
          return { id, taskId: await openTaskOf(id) };
        },
      );
      // A task of its own for the probes: pm may not act on it (403 when the
      // database is up), so a probe never changes anything.
      const spare = await http.call('POST', '/api/processes/fault-approve/instances', pm, {
        data: { n: -1 },
      });
      expect([201, 202]).toContain(spare.status);
      const spareTask = await openTaskOf(spare.body.id as string);
      expect(
        (await http.call('POST', `/api/tasks/${spareTask}/actions`, pm, { action: 'approve' }))
          .status,
      ).toBe(403);
      await sql!.end();
      sql = undefined;

      const t0 = Date.now();
      const at = () => Date.now() - t0;
      let stoppedAt = Infinity; // PostgreSQL is down from here...
      let restartAt = Infinity; // ...until at least here
      let backAt = Infinity;
      const answers = bumper();

      // The clients: approve every prepared task, start STARTS new instances.
      // Each operation has its own Idempotency-Key and is retried on 503, as
      // a well-behaved client does; the final answer of each is kept.
      type Op = { kind: 'approve'; i: number } | { kind: 'start'; i: number };
      const ops: Op[] = [];
      for (let i = 0; i < Math.max(PREPARED, STARTS); i++) {
        if (i < PREPARED) ops.push({ kind: 'approve', i });
        if (i < STARTS) ops.push({ kind: 'start', i });
      }
      // The probes: a health check, a read and a (forbidden) action, over
      // and over until the database is back, each recorded with its timing.
      type Probe = {
        what: string;
        sent: number;
        answered: number;
        status: number;
        error?: string;
        ms: number;
      };
      const probes: Probe[] = [];
      let probing = true;
      const prober = (async () => {
        while (probing) {
          await Promise.all(
            (
              [
                ['health', () => http.call('GET', '/api/health', undefined, undefined, {}, 30000)],
                ['read', () => http.call('GET', '/api/tasks', opsdir, undefined, {}, 30000)],
                [
                  'action',
                  () =>
                    http.call(
                      'POST',
                      `/api/tasks/${spareTask}/actions`,
                      pm,
                      { action: 'approve' },
                      {},
                      30000,
                    ),
                ],
              ] as [string, () => Promise<Answer>][]
            ).map(async ([what, send]) => {
              const sent = at();
              try {
                const r = await send();
                probes.push({
                  what,
                  sent,
                  answered: at(),
                  status: r.status,
                  error: r.body?.error,
                  ms: r.ms,
                });
              } catch (err) {
                probes.push({
                  what,
                  sent,
                  answered: at(),
                  status: 0,
                  error: (err as Error).message,
                  ms: at() - sent,
                });
              }
            }),
          );
          await sleep(200);
        }
      })();

      const finals: { op: Op; answer: Answer; attempts: number; first: number }[] = [];
      let opsDone = 0;
      let outage: Promise<void> | undefined;
      await pool(CONCURRENCY, ops, async (op) => {
        const send = () =>
          op.kind === 'approve'
            ? http.call(
                'POST',
                `/api/tasks/${prepared[op.i].taskId}/actions`,
                opsdir,
                { action: 'approve' },
                { 'Idempotency-Key': `approve-${op.i}` },
                30000,
              )
            : http.call(
                'POST',
                '/api/processes/fault-approve/instances',
                pm,
                { data: { n: 1000 + op.i } },
                { 'Idempotency-Key': `start-${op.i}` },
                30000,
              );
        let attempts = 0;
        let first = 0;
        for (;;) {
          const answer = await send();
          attempts++;
          if (attempts === 1) first = answer.status;
          answers.add(op.kind, answer.status);
          expect(answer.status).not.toBe(500);
          if (answer.status !== 503) {
            finals.push({ op, answer, attempts, first });
            break;
          }
          if (attempts > 240)
            throw new Error(`${op.kind}-${op.i}: still 503 after ${attempts} tries`);
          await sleep(250);
        }
        if (++opsDone === Math.floor(ops.length * 0.3)) {
          outage = (async () => {
            await pgsrv.stop('fast');
            stoppedAt = at();
            await sleep(DOWN_MS);
            restartAt = at();
            await pgsrv.start();
            backAt = at();
          })();
        }
        // Keep the run going through the outage.
        await sleep(20);
      });
      await outage;
      await until(
        'health 200 again',
        async () => (await http.call('GET', '/api/health')).status === 200,
        60000,
        200,
      );
      const healthyAt = at();
      probing = false;
      await prober;

      // While it was down: every probe answered 503 with its error code, in
      // bounded time; before and after, no probe was ever a 500 or unanswered.
      const inside = probes.filter((p) => p.sent >= stoppedAt && p.answered <= restartAt);
      const byStatus: Record<string, number> = {};
      for (const p of probes)
        byStatus[`${p.what} ${p.status}`] = (byStatus[`${p.what} ${p.status}`] ?? 0) + 1;
      const slowest = Math.max(...inside.map((p) => p.ms));
      const recovered = Math.min(
        ...probes.filter((p) => p.sent >= backAt && p.status !== 503).map((p) => p.answered),
      );
      console.log(
        `PostgreSQL outage probes: ${probes.length} in all ${JSON.stringify(byStatus)}; ${inside.length} wholly inside the outage, slowest ${slowest} ms; first non-503 probe answered ${recovered - backAt} ms after PostgreSQL was back (health 200 polled at ${healthyAt} ms)`,
      );
      expect(probes.filter((p) => p.status === 0 || (p.status >= 500 && p.status !== 503))).toEqual(
        [],
      );
      expect(inside.length).toBeGreaterThanOrEqual(6);
      expect(
        inside.filter(
          (p) => p.status !== 503 || (p.what !== 'health' && p.error !== 'unavailable'),
        ),
      ).toEqual([]);
      // Bounded: a 503 comes back well within the client's patience (no hang).
      expect(slowest).toBeLessThan(15000);

      // Every operation ended with an accepted answer (200/201/202), except
      // ones whose Idempotency-Key the outage left stuck: an attempt that got
      // its key row written and then answered 503 leaves the row unfinished
      // (the clean-up DELETE hit the same outage), and every retry with that
      // key waits 10 s and gets 409 "still running", forever. That is a known
      // bug (see STUCK_KEY below); such an operation may or may not have taken
      // effect, and the counts below allow for exactly that and nothing more.
      expect(finals).toHaveLength(ops.length);
      const accepted = (f: (typeof finals)[number]) =>
        (f.op.kind === 'approve' ? [200, 202] : [201, 202]).includes(f.answer.status);
      const stuck = finals.filter(
        (f) => f.answer.status === 409 && /still running/.test(f.answer.body?.message ?? ''),
      );
      const other = finals.filter((f) => !accepted(f) && !stuck.includes(f));
      console.log(
        `PostgreSQL outage: stopped at ${stoppedAt} ms, restarted at ${restartAt}..${backAt} ms; answers ${JSON.stringify(answers.tally)}; ` +
          `operations retried after a 503: ${finals.filter((f) => f.attempts > 1).length}; ` +
          `left with a stuck Idempotency-Key: ${JSON.stringify(stuck.map((f) => `${f.op.kind}-${f.op.i}`))}`,
      );
      expect(
        other.map((f) => ({ op: f.op, status: f.answer.status, body: f.answer.body })),
      ).toEqual([]);
      // A key is only ever stuck by an attempt answered 503.
      for (const f of stuck) expect(f.first).toBe(503);

      // Settles: no command left queued.
      sql = new pg.Client({ connectionString: dbUrl });
      sql.on('error', () => undefined); // the server is stopped under it later on
      await sql.connect();
      await until(
        'every command decided',
        async () =>
          (await count(`SELECT count(*)::int AS n FROM commands WHERE status = 'queued'`)) === 0 &&
          (await count(`SELECT count(*)::int AS n FROM instances WHERE status = 'new'`)) === 0,
        120000,
        250,
      );

      // Exact counts, instance by instance, against what each client was told.
      const isStuck = (kind: string, i: number) =>
        stuck.some((f) => f.op.kind === kind && f.op.i === i);
      // The prepared instances: approved exactly once, or (only if the
      // client's key got stuck) untouched; never anything in between.
      const preparedRows = await q<{
        id: string;
        status: string;
        tasks: string;
        cmds: string;
      }>(
        `SELECT i.id, i.status,
                (SELECT string_agg(status || ':' || coalesce(action, '-'), ',') FROM tasks t WHERE t.instance_id = i.id) AS tasks,
                (SELECT coalesce(string_agg(type || ':' || status, ',' ORDER BY type, status), '') FROM commands c WHERE c.instance_id = i.id) AS cmds
         FROM instances i WHERE i.id = ANY($1::uuid[])`,
        [prepared.map((x) => x.id)],
      );
      const approvedShape = {
        status: 'approved',
        tasks: 'done:approve',
        cmds: 'completeTask:applied,start:applied',
      };
      const untouchedShape = { status: 'running', tasks: 'open:-', cmds: 'start:applied' };
      let approvedCount = 0;
      for (const [i, x] of prepared.entries()) {
        const row = preparedRows.find((r) => r.id === x.id)!;
        const shape = { status: row.status, tasks: row.tasks, cmds: row.cmds };
        if (isStuck('approve', i) && row.status === 'running')
          expect({ i, ...shape }).toEqual({ i, ...untouchedShape });
        else expect({ i, ...shape }).toEqual({ i, ...approvedShape });
        if (row.status === 'approved') approvedCount++;
      }
      // The run's starts (form field n = 1000 + i): one instance each, or
      // (only if the client's key got stuck) none; never two.
      const perStart = await q<{ n: number; c: number }>(
        `SELECT (payload->'data'->>'n')::int AS n, count(*)::int AS c FROM commands WHERE type = 'start' AND (payload->'data'->>'n')::int >= 1000 GROUP BY 1`,
      );
      const startedCount = perStart.length;
      for (let i = 0; i < STARTS; i++) {
        const c = perStart.find((r) => r.n === 1000 + i)?.c ?? 0;
        expect({ i, instances: c }).toEqual({
          i,
          instances: isStuck('start', i) && c === 0 ? 0 : 1,
        });
      }
      const total = PREPARED + 1 + startedCount;
      expect(await count(`SELECT count(*)::int AS n FROM instances`)).toBe(total);
      expect(await commandTally(q)).toEqual({
        'completeTask:applied': approvedCount,
        'start:applied': total,
      });
      const waiting = total - approvedCount;
      expect(
        await q(
          `SELECT i.status, t.status AS task, t.action, count(*)::int AS n FROM instances i JOIN tasks t ON t.instance_id = i.id
             GROUP BY 1, 2, 3 ORDER BY 1`,
        ),
      ).toEqual([
        { status: 'approved', task: 'done', action: 'approve', n: approvedCount },
        { status: 'running', task: 'open', action: null, n: waiting },
      ]);
      expect(await trails(q)).toEqual([
        { status: 'approved', trail: APPROVED_TRAIL.join(','), gapless: true, n: approvedCount },
        { status: 'running', trail: WAITING_TRAIL.join(','), gapless: true, n: waiting },
      ]);
      expect(await count(`SELECT count(*)::int AS n FROM events`)).toBe(
        APPROVED_TRAIL.length * approvedCount + WAITING_TRAIL.length * waiting,
      );
      // Nothing accepted was lost: every accepted approval and start took effect.
      expect(approvedCount).toBeGreaterThanOrEqual(
        finals.filter((f) => f.op.kind === 'approve' && accepted(f)).length,
      );
      expect(startedCount).toBeGreaterThanOrEqual(
        finals.filter((f) => f.op.kind === 'start' && accepted(f)).length,
      );
      console.log(
        `PostgreSQL outage, database after: ${approvedCount}/${PREPARED} prepared approved, ${startedCount}/${STARTS} started, ${stuck.length} operations unresolved by a stuck key`,
      );
      expect(api.child.exitCode).toBeNull();
      for (const w of workers) expect(w.child.exitCode).toBeNull();
    }, 600000);

    // STUCK_KEY (found by the test above): when a request fails with a 5xx
    // mid-way, its key row may stay unfinished (the database went away before
    // it could be released), and the first attempt's command may or may not
    // have been accepted. A retry with the same key after the key's lease
    // takes the key over, and the command remembers the key it was accepted
    // under: the retry answers from that command (the approval applied once,
    // one instance started), never a second one. Repro: an approval and a
    // start whose API wait is under way when PostgreSQL stops.
    it('STUCK_KEY: a retry with the same Idempotency-Key after a 503 mid-request gets the first outcome', async () => {
      // The run's own connection would see the server stop: close it first.
      await sql?.end().catch(() => undefined);
      sql = undefined;
      const admin = new pg.Client({ connectionString: dbUrl });
      admin.on('error', () => undefined);
      await admin.connect();
      const rowOf = async (key: string) =>
        (
          await admin.query(
            `SELECT k.status, (SELECT count(*)::int FROM commands) AS cmds FROM idempotency_keys k WHERE k.key = $1`,
            [key],
          )
        ).rows[0];
      // No worker: an accepted command stays queued, so the API's wait is long.
      for (const w of workers) await w.stop('SIGTERM');
      const port = await freePort();
      const slow = run('main.js', {
        DATABASE_URL: dbUrl,
        REDIS_URL: process.env.REDIS_URL,
        BATON_QUEUE_PREFIX: `faultspgk${randomBytes(4).toString('hex')}`,
        BATON_COMMAND_WAIT_MS: '30000',
        // The first attempts die with the database: their keys may be taken over soon after.
        BATON_IDEMPOTENCY_LEASE_MS: '1000',
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      try {
        await slow.waitFor('Baton API listening', 90000);
        const c = apiClient(`http://127.0.0.1:${port}`);
        const pmT = await c.login('pm', DEMO_PASSWORD);
        const dirT = await c.login('opsdir', DEMO_PASSWORD);
        const task = (await c.call('GET', '/api/tasks?status=open&pageSize=200', dirT)).body
          .items[0].id as string;
        const cmds0 = (await admin.query(`SELECT count(*)::int AS n FROM commands`)).rows[0].n;
        const approve = c.call(
          'POST',
          `/api/tasks/${task}/actions`,
          dirT,
          { action: 'approve' },
          { 'Idempotency-Key': 'stuck-approve' },
          60000,
        );
        const start = c.call(
          'POST',
          '/api/processes/fault-approve/instances',
          pmT,
          { data: { n: 5000 } },
          { 'Idempotency-Key': 'stuck-start' },
          60000,
        );
        // Both accepted (key rows and commands written), both waiting.
        await until(
          'both commands written',
          async () =>
            (await rowOf('stuck-approve')) &&
            (await rowOf('stuck-start')) &&
            (await admin.query(`SELECT count(*)::int AS n FROM commands`)).rows[0].n === cmds0 + 2,
          30000,
          20,
        );
        await admin.end();
        await pgsrv.stop('fast');
        const [a1, s1] = await Promise.all([approve, start]);
        expect([a1.status, s1.status]).toEqual([503, 503]);
        await pgsrv.start();
        await until(
          'health',
          async () => (await c.call('GET', '/api/health')).body?.db === 'ok',
          30000,
          200,
        );
        workers.push(run('worker.js', { ...workerEnv }));
        await workers[workers.length - 1].waitFor('ready', 90000);
        const [a2, s2] = await Promise.all([
          c.call(
            'POST',
            `/api/tasks/${task}/actions`,
            dirT,
            { action: 'approve' },
            { 'Idempotency-Key': 'stuck-approve' },
            60000,
          ),
          c.call(
            'POST',
            '/api/processes/fault-approve/instances',
            pmT,
            { data: { n: 5000 } },
            { 'Idempotency-Key': 'stuck-start' },
            60000,
          ),
        ]);
        console.log(
          `STUCK_KEY: retries answered ${a2.status} ${JSON.stringify(a2.body).slice(0, 200)} / ${s2.status} ${JSON.stringify(s2.body).slice(0, 200)}`,
        );
        expect([200, 202]).toContain(a2.status);
        expect([201, 202]).toContain(s2.status);
        const check = new pg.Client({ connectionString: dbUrl });
        await check.connect();
        const n5000 = (
          await check.query(
            `SELECT count(*)::int AS n FROM commands WHERE type = 'start' AND (payload->'data'->>'n')::int = 5000`,
          )
        ).rows[0].n;
        await check.end();
        expect(n5000).toBe(1);
      } finally {
        await slow.stop('SIGKILL');
      }
    }, 300000);
  });
});
