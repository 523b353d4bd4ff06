// Server mode with the API and the worker in different processes (here two
// Nest apps on one PostgreSQL and one queue prefix, the API one without
// workers): the caller of an action learns that a worker elsewhere applied
// its command from the worker's NOTIFY, not by polling; a refusal travels
// the same way. Embedded mode has one process: skipped there.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandBus } from '../src/modules/runtime/command-bus.js';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, oneApprovalFlow, publish } from './support/flows.js';

const serverMode = testMode() === 'server';

const flow = oneApprovalFlow('notify-approve', 'Notify: one approval', {
  amount: { type: 'number' },
});

(serverMode ? describe : describe.skip)('commands applied in another process (server mode)', () => {
  let api: TestApp;
  let worker: TestApp;
  let bus: CommandBus;

  beforeAll(async () => {
    const env = {
      BATON_DEMO: '1',
      BATON_COMMAND_WAIT_MS: '20000',
      // The safety-net poll comes late, so the answers must come by NOTIFY.
      BATON_COMMAND_POLL_MS: '10000',
      BATON_QUEUE_PREFIX: `n${randomBytes(4).toString('hex')}`,
    };
    api = await startTestApp({ worker: false, env });
    worker = await startTestApp({ worker: true, db: api.db, env });
    bus = api.app.get(CommandBus);
    const admin = await Actor.as(api, 'admin', ADMIN_PASSWORD);
    await publish(api, admin.token, flow);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('the API hears of applied and refused commands through NOTIFY', async () => {
    const pm = await Actor.as(api, 'pm', DEMO_PASSWORD);
    const opsdir = await Actor.as(api, 'opsdir', DEMO_PASSWORD);
    const before = { ...bus.stats };

    const started = await pm.start('notify-approve', { amount: 5 });
    expect(started.status).toBe('running');
    const taskId = started.tasks.find((x) => x.nodeId === 'a')!.id;

    const approved = await opsdir.post(`/api/tasks/${taskId}/actions`, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.instance.status).toBe('approved');

    // Withdrawing a finished request: the worker refuses it, the API answers 409 at once.
    const withdrawn = await pm.post(`/api/instances/${started.id}/withdraw`, {});
    expect(withdrawn.status).toBe(409);

    // Three outcomes, none of them announced in this process (it runs no worker).
    expect(bus.stats.announced - before.announced).toBe(0);
    expect(bus.stats.notified - before.notified).toBe(3);
    expect(bus.stats.polled - before.polled).toBe(0);
  });
});
