// RELIABILITY.md, "Nothing accepted is lost, nothing is applied twice", with
// real OS processes (server mode: dist/main.js + dist/worker.js on
// PostgreSQL and Redis):
//   - SIGKILL the only worker in the middle of a run of 200 instances (1,000
//     with BATON_SOAK), start a new one: every instance reaches its end with
//     exactly the expected tasks and audit events (no duplicates, no gaps);
//   - the database goes away (its connections are refused and the open ones
//     terminated): the API answers 503 quickly, never 500, never a hang; when
//     it is back, the API recovers and a command accepted before the outage
//     is applied.
// Embedded mode has one process and no separate worker to kill: skipped there.
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
import { apiClient, pool, type ApiClient } from './support/http.js';

const serverMode = testMode() === 'server';
const built =
  fs.existsSync(path.join(apiDist, 'main.js')) && fs.existsSync(path.join(apiDist, 'worker.js'));
// BATON_SOAK=1 (pnpm test:soak) runs the 1,000 of RELIABILITY.md; BATON_CRASH_RUNS=<n> sets it directly.
const RUNS = Number(process.env.BATON_CRASH_RUNS || (process.env.BATON_SOAK ? 1000 : 200));
const KILL_AFTER = Math.floor(RUNS * 0.3);
const CONCURRENCY = 8;

if (!serverMode || !built) {
  console.warn(
    `crash-recovery.test.ts skipped: ${!serverMode ? 'it needs server mode (separate API and worker processes on PostgreSQL + Redis)' : ''}` +
      `${!serverMode && !built ? '; ' : ''}${!built ? `no built dist at ${apiDist} (run \`pnpm --filter @baton/api build\`)` : ''}.`,
  );
}

const approvalFlow = oneApprovalFlow('crash-approve', 'Crash recovery: one approval');

/** The audit trail of one approved instance, by type (start, a, end: 3 nodes). */
const EXPECTED_EVENTS: Record<string, number> = {
  instanceStarted: 1,
  nodeEntered: 3,
  nodeCompleted: 3,
  taskCreated: 1,
  taskCompleted: 1,
  instanceEnded: 1,
};
const EVENTS_PER_INSTANCE = Object.values(EXPECTED_EVENTS).reduce((a, b) => a + b, 0);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

(serverMode && built ? describe : describe.skip)(
  'crash recovery with separate API and worker processes (server mode, built dist)',
  () => {
    let db: TestDatabase;
    let dbName: string;
    let api: Proc;
    const workers: Proc[] = [];
    let base: string;
    let env: Record<string, string | undefined>;
    let sql: pg.Client;
    let admin: string, pm: string, opsdir: string;

    // The shared client (support/http.ts) against this run's API address.
    const call: ApiClient['call'] = (...args) => apiClient(base).call(...args);
    const login = (username: string, password: string) => apiClient(base).login(username, password);
    const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await sql.query(text, params)).rows as T[];
    const count = async (text: string, params: unknown[] = []) =>
      (await q<{ n: number }>(text, params))[0].n;
    async function until<T>(
      what: string,
      fn: () => Promise<T | undefined | false>,
      timeoutMs: number,
      everyMs = 100,
    ): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = await fn().catch(() => undefined);
        if (v) return v;
        if (Date.now() > deadline)
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(everyMs);
      }
    }
    function startWorker(): Proc {
      const w = run('worker.js', env);
      workers.push(w);
      return w;
    }
    /** The open task of an instance, once a worker has created it. */
    async function openTask(
      instanceId: string,
      token: string,
      timeoutMs = 120000,
    ): Promise<string> {
      return until(
        `a task on ${instanceId}`,
        async () => {
          const res = await call('GET', `/api/instances/${instanceId}`, token);
          return (
            res.status === 200 &&
            (res.body.tasks as { id: string; status: string }[]).find((x) => x.status === 'open')
              ?.id
          );
        },
        timeoutMs,
        100,
      );
    }

    beforeAll(async () => {
      db = await createTestDatabase();
      dbName = new URL(db.url).pathname.slice(1);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      env = {
        DATABASE_URL: db.url,
        REDIS_URL: process.env.REDIS_URL,
        BATON_QUEUE_PREFIX: `crash${randomBytes(4).toString('hex')}`,
        BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
        BATON_DEMO: '1',
        BATON_DEMO_PASSWORD: DEMO_PASSWORD,
        // Answer 202 soon while no worker runs; sweep often.
        BATON_COMMAND_WAIT_MS: '1000',
        BATON_SWEEP_MS: '500',
      };
      api = run('main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' });
      await api.waitFor('Baton API listening', 60000);
      await startWorker().waitFor('ready', 60000);
      sql = new pg.Client({ connectionString: db.url });
      await sql.connect();
      [admin, pm, opsdir] = await Promise.all([
        login('admin', ADMIN_PASSWORD),
        login('pm', DEMO_PASSWORD),
        login('opsdir', DEMO_PASSWORD),
      ]);
      expect((await call('POST', '/api/processes', admin, approvalFlow)).status).toBe(201);
      expect((await call('POST', '/api/processes/crash-approve/publish', admin)).status).toBe(201);
    }, 120000);

    afterAll(async () => {
      await Promise.all([api, ...workers].filter(Boolean).map((p) => p.stop('SIGKILL')));
      await sql?.end().catch(() => undefined);
      if (db) {
        // Undo a failed outage test before dropping.
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => undefined);
        await admin.end();
        await db.drop();
      }
    }, 60000);

    it(
      `SIGKILL of the worker in the middle of ${RUNS} instances: every one ends approved, exactly once`,
      async () => {
        const t0 = Date.now();
        let done = 0;
        let killedAt = 0;
        let restartedAt = 0;
        const statuses: Record<string, number> = {};
        const tally = (what: string, s: number) =>
          (statuses[`${what} ${s}`] = (statuses[`${what} ${s}`] ?? 0) + 1);
        let crash: Promise<void> | undefined;

        const ids = await pool(
          CONCURRENCY,
          Array.from({ length: RUNS }, (_, i) => i),
          async (i) => {
            // Idempotency keys make a retried call safe (none is expected).
            const started = await call(
              'POST',
              '/api/processes/crash-approve/instances',
              pm,
              { data: { n: i } },
              { 'Idempotency-Key': `start-${i}` },
            );
            tally('start', started.status);
            expect([201, 202]).toContain(started.status);
            const id = started.body.id as string;
            const taskId = await openTask(id, pm);
            const approved = await call(
              'POST',
              `/api/tasks/${taskId}/actions`,
              opsdir,
              { action: 'approve' },
              { 'Idempotency-Key': `approve-${i}` },
            );
            tally('approve', approved.status);
            expect([200, 202]).toContain(approved.status);
            if (++done === KILL_AFTER) {
              crash = (async () => {
                killedAt = Date.now() - t0;
                await workers[0].stop('SIGKILL');
                await sleep(1500); // calls meanwhile are accepted and answered 202
                restartedAt = Date.now() - t0;
                await startWorker().waitFor('ready', 60000);
              })();
            }
            return id;
          },
        );
        await crash;
        expect(workers[0].child.signalCode).toBe('SIGKILL');

        // Settles: every instance approved and no command left queued.
        await until(
          'every instance to end',
          async () =>
            (await count(`SELECT count(*)::int AS n FROM instances WHERE status = 'approved'`)) ===
              RUNS &&
            (await count(`SELECT count(*)::int AS n FROM commands WHERE status = 'queued'`)) === 0,
          150000 + RUNS * 300,
          250,
        );
        const settled = Date.now() - t0;

        expect(new Set(ids).size).toBe(RUNS);
        expect(await count(`SELECT count(*)::int AS n FROM instances`)).toBe(RUNS);
        expect(await q(`SELECT status, count(*)::int AS n FROM instances GROUP BY status`)).toEqual(
          [{ status: 'approved', n: RUNS }],
        );
        // Tasks: one per instance, approved.
        expect(
          await q(`SELECT status, action, count(*)::int AS n FROM tasks GROUP BY status, action`),
        ).toEqual([{ status: 'done', action: 'approve', n: RUNS }]);
        expect(await count(`SELECT count(DISTINCT instance_id)::int AS n FROM tasks`)).toBe(RUNS);
        // Commands: a start and an approval each, all applied, none refused.
        expect(
          await q(
            `SELECT type, status, count(*)::int AS n FROM commands GROUP BY type, status ORDER BY type`,
          ),
        ).toEqual([
          { type: 'completeTask', status: 'applied', n: RUNS },
          { type: 'start', status: 'applied', n: RUNS },
        ]);
        // Events: exact counts per type, and per instance seq = 1..n without gaps.
        const byType = await q<{ type: string; n: number }>(
          `SELECT type, count(*)::int AS n FROM events GROUP BY type ORDER BY type`,
        );
        expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual(
          Object.fromEntries(Object.entries(EXPECTED_EVENTS).map(([k, v]) => [k, v * RUNS])),
        );
        const gaps = await q(
          `SELECT i.id, count(e.seq)::int AS n, min(e.seq) AS lo, max(e.seq) AS hi, i.event_seq
       FROM instances i LEFT JOIN events e ON e.instance_id = i.id GROUP BY i.id
       HAVING count(e.seq) <> $1 OR min(e.seq) <> 1 OR max(e.seq) <> $1 OR i.event_seq <> $1`,
          [EVENTS_PER_INSTANCE],
        );
        expect(gaps).toEqual([]);
        // Each instance's trail has the same shape, in order.
        const shapes = await q<{ shape: string; n: number }>(
          `SELECT shape, count(*)::int AS n FROM (
         SELECT string_agg(type || coalesce(':' || node_id, ''), ',' ORDER BY seq) AS shape FROM events GROUP BY instance_id) s GROUP BY shape`,
        );
        expect(shapes).toHaveLength(1);
        expect(shapes[0].n).toBe(RUNS);
        // Notifications: the same number for every instance (none doubled).
        const perInstance = await q(
          `SELECT n, count(*)::int AS instances FROM (SELECT instance_id, count(*)::int AS n FROM notifications GROUP BY instance_id) s GROUP BY n`,
        );
        expect(perInstance).toHaveLength(1);
        expect(
          await count(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`),
        ).toBe(0);
        console.log(
          `crash recovery: ${RUNS} instances, worker SIGKILLed at ${killedAt} ms (after ${KILL_AFTER} approvals), new worker at ${restartedAt} ms, ` +
            `all settled at ${settled} ms; answers ${JSON.stringify(statuses)}`,
        );
      },
      300000 + RUNS * 1000,
    );

    it('database out of reach: 503 quickly (never 500, never a hang), then recovery and the accepted command applied', async () => {
      // Two fresh instances waiting for the director.
      const a = await call('POST', '/api/processes/crash-approve/instances', pm, {
        data: { n: -1 },
      });
      const b = await call('POST', '/api/processes/crash-approve/instances', pm, {
        data: { n: -2 },
      });
      expect([a.status, b.status]).toEqual([201, 201]);
      const taskA = a.body.tasks[0].id as string;
      const taskB = b.body.tasks[0].id as string;

      // No worker: an approval is accepted (its command row written) and answered 202.
      await Promise.all(
        workers
          .filter((w) => w.child.exitCode === null && w.child.signalCode === null)
          .map((w) => w.stop('SIGTERM')),
      );
      const accepted = await call('POST', `/api/tasks/${taskA}/actions`, opsdir, {
        action: 'approve',
      });
      expect(accepted.status).toBe(202);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM commands WHERE instance_id = $1 AND status = 'queued'`,
          [a.body.id],
        ),
      ).toBe(1);
      await sql.end();

      // The outage: no new connections, and every open one terminated.
      const dba = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await dba.connect();
      try {
        await dba.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
        await dba.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [dbName],
        );

        const health = await call('GET', '/api/health', undefined, undefined, {}, 10000);
        expect(health.status).toBe(503);
        expect(health.body).toMatchObject({ status: 'degraded', db: 'down' });
        expect(health.ms).toBeLessThan(5000);
        const act = await call(
          'POST',
          `/api/tasks/${taskB}/actions`,
          opsdir,
          { action: 'approve' },
          {},
          15000,
        );
        expect({ status: act.status, error: act.body.error }).toEqual({
          status: 503,
          error: 'unavailable',
        });
        expect(act.ms).toBeLessThan(10000);
        const read = await call('GET', `/api/instances/${b.body.id}`, pm, undefined, {}, 15000);
        expect(read.status).toBe(503);
        const inbox = await call('GET', '/api/tasks', opsdir, undefined, {}, 15000);
        expect(inbox.status).toBe(503);
        console.log(
          `database outage: health 503 in ${health.ms} ms, action 503 in ${act.ms} ms, read 503 in ${read.ms} ms`,
        );
      } catch (err) {
        console.error(`API output (tail):\n${api.output().slice(-4000)}`);
        throw err;
      } finally {
        await dba.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
        await dba.end();
      }

      // Back: the API recovers by itself, a worker applies the accepted command.
      const back = Date.now();
      await until(
        'health 200',
        async () => (await call('GET', '/api/health')).status === 200,
        20000,
        200,
      );
      console.log(`database back: API healthy again after ${Date.now() - back} ms`);
      sql = new pg.Client({ connectionString: db.url });
      await sql.connect();
      await startWorker().waitFor('ready', 60000);
      await until(
        'the accepted approval to be applied',
        async () =>
          (await call('GET', `/api/instances/${a.body.id}`, pm)).body.status === 'approved',
        30000,
        200,
      );
      // The refused call was not accepted: the task is still open, and now it goes through.
      expect(
        await count(`SELECT count(*)::int AS n FROM commands WHERE instance_id = $1`, [b.body.id]),
      ).toBe(1);
      const retry = await call('POST', `/api/tasks/${taskB}/actions`, opsdir, {
        action: 'approve',
      });
      expect([200, 202]).toContain(retry.status);
      await until(
        'B approved',
        async () =>
          (await call('GET', `/api/instances/${b.body.id}`, pm)).body.status === 'approved',
        30000,
        200,
      );
      for (const id of [a.body.id, b.body.id]) {
        expect(
          await q(
            `SELECT type, status, count(*)::int AS n FROM commands WHERE instance_id = $1 GROUP BY type, status ORDER BY type`,
            [id],
          ),
        ).toEqual([
          { type: 'completeTask', status: 'applied', n: 1 },
          { type: 'start', status: 'applied', n: 1 },
        ]);
        expect(
          await count(`SELECT count(*)::int AS n FROM events WHERE instance_id = $1`, [id]),
        ).toBe(EVENTS_PER_INSTANCE);
        expect(
          await count(
            `SELECT count(*)::int AS n FROM tasks WHERE instance_id = $1 AND status = 'done'`,
            [id],
          ),
        ).toBe(1);
      }
      // The API process lived through it.
      expect(api.child.exitCode).toBeNull();
      expect(api.output()).not.toMatch(/"level":50.*(Unhandled|uncaught)/i);
    }, 180000);
  },
);
