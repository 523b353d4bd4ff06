// Every task action over HTTP on a small process: transfer, add a signer
// before and after, return by hand (to a passed node and to the initiator),
// comment with an @mention, and the refusals that go with them.
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

const definition: ProcessDefinition = {
  key: 'purchase',
  name: '采购申请 Purchase',
  form: {
    schema: {
      type: 'object',
      required: ['item', 'amount'],
      properties: {
        item: { type: 'string', title: '物品' },
        amount: { type: 'number', title: '金额' },
        receipt: { type: 'string', title: '入库单号' },
      },
    },
  },
  graph: {
    nodes: [
      { id: 'start', type: 'start', fieldPermissions: { receipt: 'hidden' } },
      {
        id: 'approve',
        type: 'approval',
        name: '运营总监审批',
        assignees: [{ kind: 'role', role: 'operations_director' }],
      },
      {
        id: 'receive',
        type: 'task',
        name: '仓库收货',
        assignees: [{ kind: 'role', role: 'warehouse' }],
        fieldPermissions: { receipt: 'required' },
      },
      { id: 'end', type: 'end', outcome: 'approved' },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'approve' },
      { id: 'e2', source: 'approve', target: 'receive' },
      { id: 'e3', source: 'receive', target: 'end' },
    ],
  },
};

describe(`task actions over HTTP (${testMode()} mode)`, () => {
  let t: TestApp;
  let pm: Actor, opsdir: Actor, gm: Actor, finance: Actor, warehouse: Actor, admin: Actor;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [pm, opsdir, gm, finance, warehouse] = await Promise.all(
      ['pm', 'opsdir', 'gm', 'finance', 'warehouse'].map((u) => Actor.as(t, u, DEMO_PASSWORD)),
    );
    ids = Object.fromEntries(
      ((await admin.get('/api/users')).body as { id: string; username: string }[]).map((u) => [
        u.username,
        u.id,
      ]),
    );
    await publish(t, admin.token, definition);
  });
  afterAll(() => t?.close());

  it('transfers a task: the new assignee gets it, the old one no longer can act', async () => {
    const inst = await pm.start('purchase', { item: '补光灯', amount: 800 });
    const taskId = await opsdir.taskOn(inst.id, 'approve');
    const moved = await opsdir.post(`/api/tasks/${taskId}/actions`, {
      action: 'transfer',
      to: ids.gm,
      comment: '请陈总定',
    });
    expect(moved.status).toBe(200);
    expect((await opsdir.post(`/api/tasks/${taskId}/actions`, { action: 'approve' })).status).toBe(
      409,
    );
    const done = await gm.act(inst.id, 'approve', { action: 'approve' });
    expect(done.status).toBe(200);
    expect(done.body.instance.activeNodes).toEqual(['receive']);
    const bad = await warehouse.act(inst.id, 'receive', { action: 'transfer', to: 'no-such-user' });
    expect(bad.status).toBe(400);
  });

  it('adds a signer before: they decide first, then the original approver', async () => {
    const inst = await pm.start('purchase', { item: '样品', amount: 120 });
    const added = await opsdir.act(inst.id, 'approve', {
      action: 'addSigner',
      to: [ids.finance],
      position: 'before',
    });
    expect(added.status).toBe(200);
    await expect(opsdir.taskOn(inst.id, 'approve')).rejects.toThrow();
    expect((await finance.act(inst.id, 'approve', { action: 'approve' })).status).toBe(200);
    const last = await opsdir.act(inst.id, 'approve', { action: 'approve' });
    expect(last.status).toBe(200);
    expect(last.body.instance.activeNodes).toEqual(['receive']);
  });

  it('returns by hand to a passed node and to the initiator', async () => {
    const inst = await pm.start('purchase', { item: '包装盒', amount: 300 });
    await opsdir.act(inst.id, 'approve', { action: 'approve' });
    const back = await warehouse.act(inst.id, 'receive', {
      action: 'return',
      to: 'approve',
      comment: '数量不对，请重新审批',
    });
    expect(back.status).toBe(200);
    expect(back.body.instance.activeNodes).toEqual(['approve']);
    const toInitiator = await opsdir.act(inst.id, 'approve', { action: 'return', to: 'initiator' });
    expect(toInitiator.status).toBe(200);
    expect(toInitiator.body.instance.activeNodes).toEqual(['start']);
    const nowhere = await pm.act(inst.id, 'start', { action: 'return', to: 'receive' });
    expect(nowhere.status).toBe(400);
    expect(
      (await pm.act(inst.id, 'start', { action: 'submit', data: { amount: 280 } })).status,
    ).toBe(200);
    const events = (await pm.get(`/api/instances/${inst.id}/events`)).body as { type: string }[];
    expect(events.filter((e) => e.type === 'returned')).toHaveLength(2);
  });

  it('records a comment with an @mention in the trail and notifies the mentioned person', async () => {
    const inst = await pm.start('purchase', { item: '直播背景布', amount: 90 });
    const res = await opsdir.act(inst.id, 'approve', {
      action: 'comment',
      comment: '@finance 这笔能报销吗？',
    });
    expect(res.status).toBe(200);
    const events = (await pm.get(`/api/instances/${inst.id}/events`)).body as {
      type: string;
      payload: { comment?: string };
    }[];
    expect(events.find((e) => e.type === 'commentAdded')?.payload.comment).toBe(
      '@finance 这笔能报销吗？',
    );
    const notes = (await finance.get('/api/notifications')).body as {
      kind: string;
      instanceId: string;
    }[];
    expect(notes.some((n) => n.kind === 'mentioned' && n.instanceId === inst.id)).toBe(true);
    // The task stays open after a comment.
    expect(await opsdir.taskOn(inst.id, 'approve')).toBeTruthy();
  });

  it('refuses the wrong action for the task kind and an unknown action', async () => {
    const inst = await pm.start('purchase', { item: '灯架', amount: 60 });
    expect((await opsdir.act(inst.id, 'approve', { action: 'submit' })).status).toBe(400);
    expect((await opsdir.act(inst.id, 'approve', { action: 'launch' })).status).toBe(400);
    expect((await opsdir.act(inst.id, 'approve', { action: 'transfer' })).status).toBe(400);
  });

  it('lets an admin cancel a running request; the initiator cannot withdraw after the first action', async () => {
    const inst = await pm.start('purchase', { item: '摄像头', amount: 1500 });
    await opsdir.act(inst.id, 'approve', { action: 'approve' });
    const withdraw = await pm.post(`/api/instances/${inst.id}/withdraw`);
    expect(withdraw.status).toBe(422);
    expect((await pm.post(`/api/instances/${inst.id}/cancel`)).status).toBe(403);
    const cancelled = await admin.post(`/api/instances/${inst.id}/cancel`, { comment: '预算冻结' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(
      (await warehouse.get('/api/tasks?status=open')).body.items.some(
        (i: { instanceId: string }) => i.instanceId === inst.id,
      ),
    ).toBe(false);
  });
});
