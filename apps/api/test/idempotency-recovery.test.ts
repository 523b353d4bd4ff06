// An Idempotency-Key whose request died before its answer was kept (the
// process or the database went away mid-request): once the key's lease has
// run out, a retry takes it over, and because every command remembers the
// key it was accepted under, the retry answers from what the first attempt
// already did — one instance, one approval — or does it now if the first
// attempt never got that far. Both modes; faults.test.ts does the same with
// a real PostgreSQL outage (server mode).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, oneApprovalFlow, publish } from './support/flows.js';

const flow = oneApprovalFlow('idem-approve', 'Idempotency: one approval');

describe(`Idempotency-Key after a request died mid-way (${testMode()} mode)`, () => {
  let t: TestApp;
  let ds: DataSource;
  let pm: Actor, opsdir: Actor;
  const count = async (sql: string, params: unknown[] = []) =>
    ((await ds.query(sql, params)) as { n: number }[])[0].n;
  /** As if the request holding `key` died after its effect, before its answer was kept. */
  const abandon = (key: string) =>
    ds.query(
      `UPDATE idempotency_keys SET status = NULL, response = NULL, created_at = now() - interval '1 hour' WHERE key = $1`,
      [key],
    );
  const startWith = (key: string, n: number) =>
    pm.t
      .http()
      .post('/api/processes/idem-approve/instances')
      .set('Authorization', `Bearer ${pm.token}`)
      .set('Idempotency-Key', key)
      .send({ data: { n } });

  beforeAll(async () => {
    t = await startTestApp({
      env: { BATON_DEMO: '1', BATON_COMMAND_WAIT_MS: '20000', BATON_IDEMPOTENCY_LEASE_MS: '1000' },
    });
    ds = t.app.get(DataSource);
    const admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    await publish(t, admin.token, flow);
    pm = await Actor.as(t, 'pm', DEMO_PASSWORD);
    opsdir = await Actor.as(t, 'opsdir', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('a start retried after its answer was lost answers the instance it created, not a second one', async () => {
    const first = await startWith('start-1', 1);
    expect(first.status).toBe(201);
    await abandon('start-1');
    const retry = await startWith('start-1', 1);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(
      await count(`SELECT count(*)::int AS n FROM instances WHERE process_key = 'idem-approve'`),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM commands WHERE type = 'start' AND request_key = 'start-1'`,
      ),
    ).toBe(1);
  });

  it('an approval retried after its answer was lost answers 200 from the applied command (not 409)', async () => {
    const started = await startWith('start-2', 2);
    const taskId = (started.body.tasks as { id: string; nodeId: string }[]).find(
      (x) => x.nodeId === 'a',
    )!.id;
    const approve = () =>
      opsdir.t
        .http()
        .post(`/api/tasks/${taskId}/actions`)
        .set('Authorization', `Bearer ${opsdir.token}`)
        .set('Idempotency-Key', 'approve-2')
        .send({ action: 'approve' });
    const first = await approve();
    expect(first.status).toBe(200);
    await abandon('approve-2');
    const retry = await approve();
    expect(retry.status).toBe(200);
    expect(retry.body.instance.status).toBe('approved');
    expect(
      await count(
        `SELECT count(*)::int AS n FROM commands WHERE instance_id = $1 AND type = 'completeTask'`,
        [started.body.id],
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM events WHERE instance_id = $1 AND type = 'taskCompleted'`,
        [started.body.id],
      ),
    ).toBe(1);
  });

  it('a start whose first attempt died before anything was accepted runs once on the retry', async () => {
    const first = await startWith('start-3', 3);
    expect(first.status).toBe(201);
    // As if it had died before its command: the key is left, the instance never was.
    await ds.query(`UPDATE commands SET request_key = NULL WHERE request_key = 'start-3'`);
    await ds.query(`DELETE FROM events WHERE instance_id = $1`, [first.body.id]);
    await ds.query(`DELETE FROM tasks WHERE instance_id = $1`, [first.body.id]);
    await ds.query(`DELETE FROM commands WHERE instance_id = $1`, [first.body.id]);
    await ds.query(`DELETE FROM instances WHERE id = $1`, [first.body.id]);
    await abandon('start-3');
    const retry = await startWith('start-3', 3);
    expect(retry.status).toBe(201);
    expect(retry.body.id).not.toBe(first.body.id);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM instances WHERE process_key = 'idem-approve' AND (state->'data'->>'n')::int = 3`,
      ),
    ).toBe(1);
    // And a retry now (key finished) replays that answer.
    const again = await startWith('start-3', 3);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(retry.body.id);
  });
});
