// SOPS.md §1 new-product listing, over HTTP, along every branch: approved
// straight through; rejected, revised and resubmitted; with the audit trail,
// the inbox and the field permissions checked on the way.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newProductListing } from '@baton/templates';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, oneApprovalFlow, publish } from './support/flows.js';

const form = {
  productName: '冬季加厚羽绒服',
  sku: 'DJ-2026-001',
  category: '女装',
  price: 599,
  cost: 210.5,
  platforms: ['淘宝', '抖音'],
  launchDate: '2026-12-01',
};

describe(`new-product listing over HTTP (${testMode()} mode)`, () => {
  let t: TestApp;
  let pm: Actor,
    opsdir: Actor,
    design: Actor,
    warehouse: Actor,
    opsspec: Actor,
    cs: Actor,
    admin: Actor;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [pm, opsdir, design, warehouse, opsspec, cs] = await Promise.all(
      ['pm', 'opsdir', 'design', 'warehouse', 'opsspec', 'cs'].map((u) =>
        Actor.as(t, u, DEMO_PASSWORD),
      ),
    );
    await publish(t, admin.token, newProductListing.definition);
  });
  afterAll(() => t?.close());

  it('runs start → approval → design ∥ warehouse → join → listing → completed', async () => {
    const started = await pm.start('new-product-listing', form);
    expect(started.status).toBe('running');
    expect(started.activeNodes).toEqual(['director']);

    const approve = await opsdir.act(started.id, 'director', {
      action: 'approve',
      comment: '同意上架',
    });
    expect(approve.status).toBe(200);
    expect(approve.body.instance.activeNodes.sort()).toEqual(['design', 'warehouse']);

    // A node's required fields are enforced when its task is submitted.
    const missing = await design.act(started.id, 'design', {
      action: 'submit',
      data: { mainImages: ['f1'] },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_form_data');
    expect(missing.body.fields.map((f: { path: string }) => f.path)).toContain('detailPage');
    // And a field the node may not edit is refused, changing nothing.
    const forbiddenWrite = await warehouse.act(started.id, 'warehouse', {
      action: 'submit',
      data: { quantity: 100, binLocation: 'A-01', price: 1 },
    });
    expect(forbiddenWrite.status).toBe(400);
    expect(forbiddenWrite.body.fields.map((f: { path: string }) => f.path)).toEqual(['price']);

    expect(
      (
        await design.act(started.id, 'design', {
          action: 'submit',
          data: { mainImages: ['f1'], detailPage: ['f2'] },
        })
      ).status,
    ).toBe(200);
    const afterWarehouse = await warehouse.act(started.id, 'warehouse', {
      action: 'submit',
      data: { quantity: 100, binLocation: 'A-01' },
    });
    expect(afterWarehouse.status).toBe(200);
    expect(afterWarehouse.body.instance.activeNodes).toEqual(['listing']);

    const listed = await opsspec.act(started.id, 'listing', {
      action: 'submit',
      data: { listingUrl: 'https://item.taobao.com/item.htm?id=1' },
    });
    expect(listed.status).toBe(200);
    expect(listed.body.instance.status).toBe('completed');
    expect(listed.body.instance.data).toMatchObject({
      ...form,
      quantity: 100,
      listingUrl: 'https://item.taobao.com/item.htm?id=1',
    });

    // The admin sees the whole trail, numbered without gaps.
    const events = (await admin.get(`/api/instances/${started.id}/events`)).body as {
      seq: number;
      type: string;
      payload: { field?: string };
    }[];
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // The initiator does not see changes to fields hidden from the start form.
    const pmEvents = (await pm.get(`/api/instances/${started.id}/events`)).body as typeof events;
    const hiddenAtStart = Object.entries(
      newProductListing.definition.graph.nodes[0].type === 'start'
        ? ((
            newProductListing.definition.graph.nodes[0] as {
              fieldPermissions?: Record<string, string>;
            }
          ).fieldPermissions ?? {})
        : {},
    )
      .filter(([, p]) => p === 'hidden')
      .map(([f]) => f);
    expect(hiddenAtStart.length).toBeGreaterThan(0);
    expect(
      pmEvents.filter((e) => e.type === 'fieldChanged' && hiddenAtStart.includes(e.payload.field!)),
    ).toEqual([]);
    expect(
      events.filter((e) => e.type === 'fieldChanged' && hiddenAtStart.includes(e.payload.field!))
        .length,
    ).toBeGreaterThan(0);
    expect(
      Object.keys((await pm.get(`/api/instances/${started.id}`)).body.data).some((f) =>
        hiddenAtStart.includes(f),
      ),
    ).toBe(false);
    expect(events[0].type).toBe('instanceStarted');
    expect(events.at(-1)!.type).toBe('instanceEnded');
    expect(events.filter((e) => e.type === 'taskCompleted')).toHaveLength(4);
    expect(
      events.filter(
        (e) => e.type === 'nodeCompleted' && (e as { nodeId?: string }).nodeId === 'join',
      ),
    ).toHaveLength(1);
  });

  it('returns a rejected request to the product manager, who revises and resubmits', async () => {
    const started = await pm.start('new-product-listing', form);
    const rejected = await opsdir.act(started.id, 'director', {
      action: 'reject',
      comment: '成本太高',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.instance.status).toBe('running');
    expect(rejected.body.instance.activeNodes).toEqual(['start']);
    const notes = (await pm.get('/api/notifications?unread=true')).body as { kind: string }[];
    expect(notes.map((n) => n.kind)).toContain('returned');

    const resubmit = await pm.act(started.id, 'start', { action: 'submit', data: { cost: 180 } });
    expect(resubmit.status).toBe(200);
    expect(resubmit.body.instance.activeNodes).toEqual(['director']);
    expect(resubmit.body.instance.data.cost).toBe(180);
  });

  it('answers 403 to a stranger acting on a task, 404 to a stranger reading the instance, 409 once the task is closed', async () => {
    const started = await pm.start('new-product-listing', form);
    const taskId = await opsdir.taskOn(started.id, 'director');
    const stranger = await cs.post(`/api/tasks/${taskId}/actions`, { action: 'approve' });
    expect(stranger.status).toBe(404);
    expect((await cs.get(`/api/instances/${started.id}`)).status).toBe(404);
    const pmOnDirector = await pm.post(`/api/tasks/${taskId}/actions`, { action: 'approve' });
    expect(pmOnDirector.status).toBe(403);
    expect((await opsdir.post(`/api/tasks/${taskId}/actions`, { action: 'approve' })).status).toBe(
      200,
    );
    const again = await opsdir.post(`/api/tasks/${taskId}/actions`, { action: 'approve' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('conflict');
  });

  it('refuses bad start data with invalid_form_data naming the fields, creating nothing', async () => {
    const before = (await pm.get('/api/instances?mine=initiated')).body.total;
    const res = await pm.post('/api/processes/new-product-listing/instances', {
      data: { ...form, price: 'cheap', sku: undefined },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_form_data');
    expect(res.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['price', 'sku']);
    expect((await pm.get('/api/instances?mine=initiated')).body.total).toBe(before);
  });

  it("lists the approver's inbox with the task and lets the initiator withdraw before anyone acts", async () => {
    const started = await pm.start('new-product-listing', form);
    const inbox = (await opsdir.get('/api/tasks?status=open&processKey=new-product-listing')).body;
    expect(
      inbox.items.some(
        (i: { instanceId: string; nodeName: string }) =>
          i.instanceId === started.id && i.nodeName.includes('运营总监'),
      ),
    ).toBe(true);
    const withdrawn = await pm.post(`/api/instances/${started.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const after = (await opsdir.get('/api/tasks?status=open&processKey=new-product-listing')).body;
    expect(after.items.some((i: { instanceId: string }) => i.instanceId === started.id)).toBe(
      false,
    );
  });

  it("shows each inbox row's key fields as that step may see them, and filters the lists", async () => {
    const flow = oneApprovalFlow('listing-summary', '摘要 Summary', {
      cost: { type: 'number', title: '成本', multipleOf: 0.01 },
      item: { type: 'string', title: '物品' },
      kind: { type: 'string', title: '类型', enum: ['f', 'o'] },
      note: { type: 'string', title: '说明' },
    });
    flow.form.uiSchema = {
      'ui:order': ['cost', 'item', 'kind', 'note'],
      kind: { 'ui:enumNames': ['家具', '办公'] },
    };
    (flow.graph.nodes[1] as { fieldPermissions?: object }).fieldPermissions = { cost: 'hidden' };
    await publish(t, admin.token, flow);
    const started = await pm.start('listing-summary', {
      cost: 987.65,
      item: 'Desk lamp',
      kind: 'f',
      note: 'for the new hire',
    });

    const inbox = (await opsdir.get('/api/tasks?status=open&processKey=listing-summary')).body;
    const row = inbox.items.find((i: { instanceId: string }) => i.instanceId === started.id);
    // The cost is hidden at the approval: not in the summary, not anywhere in the answer.
    expect(row.summary).toEqual([
      { field: 'item', label: '物品', kind: 'text', value: 'Desk lamp' },
      { field: 'kind', label: '类型', kind: 'text', value: '家具' },
      { field: 'note', label: '说明', kind: 'text', value: 'for the new hire' },
    ]);
    expect(JSON.stringify(inbox)).not.toContain('987.65');
    // The processKey filter keeps other processes' tasks out.
    expect(
      inbox.items.every((i: { processKey: string }) => i.processKey === 'listing-summary'),
    ).toBe(true);

    // Started by me: by process, by status and by title, on the server (not one page of it).
    const mine = (path: string) => pm.get(`/api/instances?mine=initiated&${path}`);
    const byProcess = (await mine('processKey=listing-summary')).body;
    expect(byProcess.items.map((i: { id: string }) => i.id)).toEqual([started.id]);
    expect(byProcess.total).toBe(1);
    expect((await mine('processKey=listing-summary&status=approved')).body.total).toBe(0);
    expect((await mine('processKey=listing-summary&status=running')).body.total).toBe(1);
    expect((await mine('q=Summary')).body.items.map((i: { id: string }) => i.id)).toContain(
      started.id,
    );
    // LIKE's wildcards are matched as written.
    expect((await mine('q=%25')).body.total).toBe(0);
    expect((await mine('processKey=no-such-process')).body).toEqual({ items: [], total: 0 });
  });
});
