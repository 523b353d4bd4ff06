// SOPS.md §2 refund, over HTTP, along every branch of the template: each
// amount tier (at its boundaries) with and without returned goods, finance's
// payout with the transaction id, the one-day finance SLA in the inbox, and a
// rejection at each approval.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { refund } from '@baton/templates';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, publish } from './support/flows.js';

interface Event {
  seq: number;
  type: string;
  actorId?: string;
  nodeId?: string;
  taskId?: string;
  payload: Record<string, unknown>;
}

const request = (amount: number, goodsReturned: boolean) => ({
  orderNo: `TB-${amount}-${goodsReturned ? 'R' : 'N'}`,
  platform: '天猫',
  amount,
  reason: goodsReturned ? '质量问题' : '少件漏发',
  reasonDetail: '客户反馈',
  goodsReturned,
  evidence: ['file-evidence-1'],
});

const HOUR = 3600_000;
/** The template's REFUND_TIERS (not exported from the package index). */
const REFUND_TIERS = { finance: 500, director: 5000 };

describe(`refund over HTTP (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: Actor, cs: Actor, cslead: Actor, finance: Actor, opsdir: Actor, warehouse: Actor;
  let ids: Record<string, string>;
  let approverOf: Record<string, Actor>;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [cs, cslead, finance, opsdir, warehouse] = await Promise.all(
      ['cs', 'cslead', 'finance', 'opsdir', 'warehouse'].map((u) => Actor.as(t, u, DEMO_PASSWORD)),
    );
    await publish(t, admin.token, refund.definition);
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
    approverOf = { csLead: cslead, financeReview: finance, director: opsdir };
  });
  afterAll(() => t?.close());

  async function trail(instanceId: string): Promise<Event[]> {
    return (await admin.get(`/api/instances/${instanceId}/events`)).body as Event[];
  }

  // Boundaries: the finance tier starts AT 500 and the director tier AT 5,000.
  const paths = [
    { amount: REFUND_TIERS.finance - 0.01, goodsReturned: false, approvals: ['csLead'] },
    { amount: REFUND_TIERS.finance - 0.01, goodsReturned: true, approvals: ['csLead'] },
    { amount: REFUND_TIERS.finance, goodsReturned: false, approvals: ['csLead', 'financeReview'] },
    {
      amount: REFUND_TIERS.director - 1,
      goodsReturned: true,
      approvals: ['csLead', 'financeReview'],
    },
    {
      amount: REFUND_TIERS.director,
      goodsReturned: false,
      approvals: ['csLead', 'financeReview', 'director'],
    },
    { amount: 12_800, goodsReturned: true, approvals: ['csLead', 'financeReview', 'director'] },
  ];

  it.each(paths)(
    'refunds %j through exactly the approvals of its tier',
    async ({ amount, goodsReturned, approvals }) => {
      const data = request(amount, goodsReturned);
      const started = await cs.start('refund', data);
      expect(started.status).toBe('running');

      for (const node of approvals) {
        const current = (await cs.get(`/api/instances/${started.id}`)).body;
        expect(current.activeNodes).toEqual([node]);
        const res = await approverOf[node].act(started.id, node, {
          action: 'approve',
          comment: `${node} ok`,
        });
        expect(res.status).toBe(200);
      }

      if (goodsReturned) {
        const atReceipt = (await cs.get(`/api/instances/${started.id}`)).body;
        expect(atReceipt.activeNodes).toEqual(['receipt']);
        // Money does not move before the warehouse confirms: no payout task yet.
        expect(atReceipt.tasks.some((x: { nodeId: string }) => x.nodeId === 'payout')).toBe(false);
        const noDate = await warehouse.act(started.id, 'receipt', {
          action: 'submit',
          data: { receiptNote: '外箱完好' },
        });
        expect(noDate.status).toBe(400);
        expect(noDate.body.fields.map((f: { path: string }) => f.path)).toContain('receivedAt');
        const received = await warehouse.act(started.id, 'receipt', {
          action: 'submit',
          data: { receivedAt: '2026-11-20', receiptNote: '外箱完好' },
        });
        expect(received.status).toBe(200);
      }

      const atPayout = (await cs.get(`/api/instances/${started.id}`)).body;
      expect(atPayout.activeNodes).toEqual(['payout']);
      const paid = await finance.act(started.id, 'payout', {
        action: 'submit',
        data: { transactionId: `TX-${amount}`, paidAt: '2026-11-21' },
      });
      expect(paid.status).toBe(200);
      expect(paid.body.instance.status).toBe('approved');
      expect(paid.body.instance.activeNodes).toEqual([]);
      // Finance recorded the transaction id beside what customer service entered.
      expect(paid.body.instance.data).toMatchObject({
        ...data,
        transactionId: `TX-${amount}`,
        paidAt: '2026-11-21',
      });

      // Who got which task, in order.
      const done = (await admin.get(`/api/instances/${started.id}`)).body as {
        tasks: { nodeId: string; assigneeId: string; status: string; action?: string }[];
        endedAt?: string;
      };
      const expected = [
        ...approvals.map((n) => ({
          nodeId: n,
          assigneeId: ids[approverOf[n].username],
          action: 'approve',
        })),
        ...(goodsReturned
          ? [{ nodeId: 'receipt', assigneeId: ids.warehouse, action: 'submit' }]
          : []),
        { nodeId: 'payout', assigneeId: ids.finance, action: 'submit' },
      ];
      expect(
        done.tasks.map(({ nodeId, assigneeId, action }) => ({ nodeId, assigneeId, action })),
      ).toEqual(expected);
      expect(done.endedAt).toBeDefined();

      // The audit trail: started by cs, each task created for and completed by its assignee, ended approved.
      const events = await trail(started.id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0]).toMatchObject({ type: 'instanceStarted', actorId: ids.cs });
      expect(events.at(-1)).toMatchObject({
        type: 'instanceEnded',
        payload: { status: 'approved' },
      });
      const completed = events.filter((e) => e.type === 'taskCompleted');
      expect(completed.map((e) => [e.nodeId, e.actorId])).toEqual(
        expected.map((x) => [x.nodeId, x.assigneeId]),
      );
      expect(events.filter((e) => e.type === 'nodeEntered' && e.nodeId === 'receipt')).toHaveLength(
        goodsReturned ? 1 : 0,
      );
      expect(
        events.filter((e) => e.type === 'nodeEntered' && e.nodeId === 'director'),
      ).toHaveLength(approvals.includes('director') ? 1 : 0);
      expect(
        events.find((e) => e.type === 'fieldChanged' && e.payload.field === 'transactionId'),
      ).toMatchObject({ actorId: ids.finance, payload: { to: `TX-${amount}` } });

      // The initiator's view keeps the fields hidden from the start form hidden.
      const asCs = (await cs.get(`/api/instances/${started.id}`)).body;
      expect(asCs.status).toBe('approved');
      expect(asCs.data.transactionId).toBeUndefined();
      expect(asCs.data.orderNo).toBe(data.orderNo);
    },
  );

  it("puts finance's review in the inbox with a one-day due date and its SLA light", async () => {
    const started = await cs.start('refund', request(900, false));
    expect((await cslead.act(started.id, 'csLead', { action: 'approve' })).status).toBe(200);
    const inbox = (await finance.get('/api/tasks?status=open&processKey=refund')).body as {
      items: {
        instanceId: string;
        nodeId: string;
        dueAt?: string;
        slaState?: string;
        createdAt: string;
      }[];
    };
    const review = inbox.items.find(
      (i) => i.instanceId === started.id && i.nodeId === 'financeReview',
    );
    expect(review).toBeDefined();
    expect(review!.dueAt).toBeDefined();
    expect(Date.parse(review!.dueAt!) - Date.parse(review!.createdAt)).toBe(24 * HOUR);
    expect(review!.slaState).toBe('green');

    // Paid out, the payout task is done and keeps its own one-day SLA on record.
    expect((await finance.act(started.id, 'financeReview', { action: 'approve' })).status).toBe(
      200,
    );
    const payoutTask = await finance.taskOn(started.id, 'payout');
    const payout = (await finance.get(`/api/tasks/${payoutTask}`)).body;
    expect(payout.form.schema.required.sort()).toEqual(['paidAt', 'transactionId']);
    expect(Date.parse(payout.dueAt) - Date.parse(payout.createdAt)).toBe(24 * HOUR);
    expect(
      (
        await finance.act(started.id, 'payout', {
          action: 'submit',
          data: { transactionId: 'TX-900', paidAt: '2026-11-21' },
        })
      ).status,
    ).toBe(200);
    const doneItems = (await finance.get('/api/tasks?status=done&processKey=refund')).body
      .items as { instanceId: string; nodeId: string; slaState?: string }[];
    expect(
      doneItems
        .filter((i) => i.instanceId === started.id)
        .map((i) => [i.nodeId, i.slaState])
        .sort(),
    ).toEqual([
      ['financeReview', 'green'],
      ['payout', 'green'],
    ]);
  });

  it('refuses a payout without the transaction id, and a field finance may not change', async () => {
    const started = await cs.start('refund', request(100, false));
    expect((await cslead.act(started.id, 'csLead', { action: 'approve' })).status).toBe(200);
    const noTx = await finance.act(started.id, 'payout', {
      action: 'submit',
      data: { paidAt: '2026-11-21' },
    });
    expect(noTx.status).toBe(400);
    expect(noTx.body.error).toBe('invalid_form_data');
    expect(noTx.body.fields.map((f: { path: string }) => f.path)).toContain('transactionId');
    const bump = await finance.act(started.id, 'payout', {
      action: 'submit',
      data: { transactionId: 'TX-1', paidAt: '2026-11-21', amount: 1 },
    });
    expect(bump.status).toBe(400);
    expect(bump.body.fields.map((f: { path: string }) => f.path)).toEqual(['amount']);
    const still = (await admin.get(`/api/instances/${started.id}`)).body;
    expect(still.activeNodes).toEqual(['payout']);
    expect(still.data.amount).toBe(100);
    expect(still.data.transactionId).toBeUndefined();
  });

  const rejections = [
    { at: 'csLead', amount: 300, before: [] as string[] },
    { at: 'financeReview', amount: 2000, before: ['csLead'] },
    { at: 'director', amount: 9000, before: ['csLead', 'financeReview'] },
  ];

  it.each(rejections)(
    'ends the request rejected when $at rejects, with nothing paid',
    async ({ at, amount, before }) => {
      const started = await cs.start('refund', request(amount, true));
      for (const node of before)
        expect((await approverOf[node].act(started.id, node, { action: 'approve' })).status).toBe(
          200,
        );
      const rejected = await approverOf[at].act(started.id, at, {
        action: 'reject',
        comment: '证据不足',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body.instance.status).toBe('rejected');
      expect(rejected.body.instance.activeNodes).toEqual([]);

      const view = (await admin.get(`/api/instances/${started.id}`)).body as {
        tasks: { nodeId: string; action?: string }[];
        data: Record<string, unknown>;
      };
      expect(view.tasks.map((x) => [x.nodeId, x.action])).toEqual([
        ...before.map((n) => [n, 'approve']),
        [at, 'reject'],
      ]);
      expect(view.data.transactionId).toBeUndefined();
      const events = await trail(started.id);
      expect(events.at(-1)).toMatchObject({
        type: 'instanceEnded',
        payload: { status: 'rejected' },
      });
      expect(events.find((e) => e.type === 'taskCompleted' && e.nodeId === at)).toMatchObject({
        actorId: ids[approverOf[at].username],
        payload: { action: 'reject', comment: '证据不足' },
      });
      expect(events.some((e) => e.nodeId === 'receipt' || e.nodeId === 'payout')).toBe(false);
      // The initiator is told, and the request no longer waits in anyone's inbox.
      expect(
        (await finance.get('/api/tasks?status=open&processKey=refund')).body.items.some(
          (i: { instanceId: string }) => i.instanceId === started.id,
        ),
      ).toBe(false);
      // Withdrawing a finished request is refused.
      expect((await cs.post(`/api/instances/${started.id}/withdraw`)).status).toBe(409);
    },
  );

  it('lets only customer service start a refund', async () => {
    const res = await warehouse.post('/api/processes/refund/instances', {
      data: request(100, false),
    });
    expect(res.status).toBe(403);
    const bad = await cs.post('/api/processes/refund/instances', {
      data: { ...request(100, false), amount: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path)).toEqual(['amount']);
  });
});
