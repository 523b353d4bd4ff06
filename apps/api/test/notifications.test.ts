// In-app notifications over HTTP: task assigned, CC (which also lets the
// recipient read the instance), returned, @mentioned; the unread filter,
// marking one or all read, and nobody reading someone else's.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ProcessDefinition } from '@baton/flow';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  startTestApp,
  testMode,
  type TestApp,
} from './support/test-app.js';
import { Actor, userIds, publish } from './support/flows.js';

interface Note {
  id: string;
  kind: string;
  instanceId: string;
  taskId?: string;
  actorId?: string;
  message?: string;
  title: string;
  createdAt: string;
  read: boolean;
}

const notes = async (who: Actor, query = ''): Promise<Note[]> => {
  const res = await who.get(`/api/notifications${query}`);
  if (res.status !== 200)
    throw new Error(`GET notifications ${who.username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Note[];
};
const on = (list: Note[], instanceId: string) => list.filter((n) => n.instanceId === instanceId);

function reviewFlow(ids: Record<string, string>): ProcessDefinition {
  return {
    key: 'purchase-note',
    name: '采购申请 Purchase',
    form: {
      schema: {
        type: 'object',
        properties: { item: { type: 'string' }, amount: { type: 'number' } },
        required: ['item'],
      },
      uiSchema: {},
    },
    graph: {
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'cc', type: 'cc', name: '抄送客服', recipients: [{ kind: 'user', ids: [ids.cs] }] },
        {
          id: 'review',
          type: 'approval',
          name: '总监审批',
          assignees: [{ kind: 'user', ids: [ids.opsdir] }],
          onReject: { action: 'return', to: 'initiator' },
        },
        { id: 'end', type: 'end', outcome: 'approved' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'cc' },
        { id: 'e2', source: 'cc', target: 'review' },
        { id: 'e3', source: 'review', target: 'end' },
      ],
    },
  } as ProcessDefinition;
}

describe(`notifications (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: Actor, pm: Actor, opsdir: Actor, cs: Actor, finance: Actor, hr: Actor;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    [pm, opsdir, cs, finance, hr] = await Promise.all(
      ['pm', 'opsdir', 'cs', 'finance', 'hr'].map((u) => Actor.as(t, u, DEMO_PASSWORD)),
    );
    ids = await userIds(pm);
    await publish(t, admin.token, reviewFlow(ids));
  });
  afterAll(() => t?.close());

  it("puts an assigned task in the assignee's notifications", async () => {
    const started = await pm.start('purchase-note', { item: '打印机', amount: 1999 });
    const taskId = await opsdir.taskOn(started.id, 'review');
    const assigned = on(await notes(opsdir), started.id).filter((n) => n.kind === 'taskAssigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ taskId, read: false });
    expect(assigned[0].title).toContain('采购申请');
    // Only the assignee: the initiator is not told about someone else's task.
    expect(on(await notes(pm), started.id).filter((n) => n.kind === 'taskAssigned')).toEqual([]);
  });

  it('notifies a CC recipient, who may then read the instance and find it under mine=cc without holding a task', async () => {
    const started = await pm.start('purchase-note', { item: '显示器', amount: 1200 });
    const cc = on(await notes(cs), started.id);
    expect(cc.map((n) => n.kind)).toEqual(['cc']);

    expect(
      (await cs.get('/api/tasks?status=open')).body.items.some(
        (i: { instanceId: string }) => i.instanceId === started.id,
      ),
    ).toBe(false);
    const view = await cs.get(`/api/instances/${started.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: started.id, status: 'running', activeNodes: ['review'] });
    expect(view.body.data.item).toBe('显示器');
    expect((await cs.get(`/api/instances/${started.id}/events`)).status).toBe(200);

    const mine = await cs.get('/api/instances?mine=cc');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(started.id);
    expect(
      (await cs.get('/api/instances?mine=involved')).body.items.map((i: { id: string }) => i.id),
    ).toContain(started.id);
    // Someone neither CC'd nor involved still gets 404 and no list entry.
    expect((await hr.get(`/api/instances/${started.id}`)).status).toBe(404);
    expect(
      (await hr.get('/api/instances?mine=cc')).body.items.map((i: { id: string }) => i.id),
    ).not.toContain(started.id);
  });

  it('tells the initiator when the request is returned to them', async () => {
    const started = await pm.start('purchase-note', { item: '椅子', amount: 600 });
    const returned = await opsdir.act(started.id, 'review', {
      action: 'return',
      to: 'initiator',
      comment: '请补充预算说明',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.instance.activeNodes).toEqual(['start']);
    const note = on(await notes(pm), started.id).find((n) => n.kind === 'returned');
    expect(note).toBeDefined();
    expect(note!.read).toBe(false);

    // Rejecting (onReject: return to initiator) tells them too.
    expect(
      (await pm.act(started.id, 'start', { action: 'submit', data: { amount: 580 } })).status,
    ).toBe(200);
    expect(
      (await opsdir.act(started.id, 'review', { action: 'reject', comment: '还是太贵' })).status,
    ).toBe(200);
    expect(on(await notes(pm), started.id).filter((n) => n.kind === 'returned')).toHaveLength(2);
  });

  it('notifies a user @mentioned in a comment', async () => {
    const started = await pm.start('purchase-note', { item: '服务器', amount: 30000 });
    const res = await opsdir.act(started.id, 'review', {
      action: 'comment',
      comment: '请 @finance 看一下',
    });
    expect(res.status).toBe(200);
    const mentioned = on(await notes(finance), started.id).filter((n) => n.kind === 'mentioned');
    expect(mentioned).toHaveLength(1);
    expect(mentioned[0].actorId).toBe(ids.opsdir);
    // The comment is in the trail; nobody else was mentioned.
    const events = (await opsdir.get(`/api/instances/${started.id}/events`)).body as {
      type: string;
      payload: { comment?: string; mentions?: string[] };
    }[];
    expect(events.find((e) => e.type === 'commentAdded')?.payload).toMatchObject({
      comment: '请 @finance 看一下',
      mentions: [ids.finance],
    });
    expect(on(await notes(hr), started.id)).toEqual([]);
    // The mention leads somewhere: finance may open the request (and find it
    // under "involved"); hr, not mentioned, still gets 404.
    expect((await finance.get(`/api/instances/${started.id}`)).status).toBe(200);
    const involved = (await finance.get('/api/instances?mine=involved&pageSize=200')).body as {
      items: { id: string }[];
    };
    expect(involved.items.map((i) => i.id)).toContain(started.id);
    expect((await hr.get(`/api/instances/${started.id}`)).status).toBe(404);
    // An unknown @name is plain text, not an error.
    expect(
      (await opsdir.act(started.id, 'review', { action: 'comment', comment: '@nobody-here 知悉' }))
        .status,
    ).toBe(200);
  });

  it('filters unread, marks one read, then all, and keeps them listed as read', async () => {
    // opsdir has a taskAssigned notification for each instance started above.
    const unread = await notes(opsdir, '?unread=true');
    expect(unread.length).toBeGreaterThanOrEqual(2);
    expect(unread.every((n) => !n.read)).toBe(true);
    // Newest first.
    const times = unread.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const first = unread[0];
    const marked = await opsdir.post(`/api/notifications/${first.id}/read`);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ id: first.id, read: true });
    // Marking again is harmless.
    expect((await opsdir.post(`/api/notifications/${first.id}/read`)).status).toBe(200);
    const after = await notes(opsdir, '?unread=true');
    expect(after.map((n) => n.id)).not.toContain(first.id);
    expect(after).toHaveLength(unread.length - 1);
    expect((await notes(opsdir)).find((n) => n.id === first.id)?.read).toBe(true);

    const all = await opsdir.post('/api/notifications/read-all');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: unread.length - 1 });
    expect(await notes(opsdir, '?unread=true')).toEqual([]);
    const everything = await notes(opsdir);
    expect(everything.length).toBeGreaterThanOrEqual(unread.length);
    expect(everything.every((n) => n.read)).toBe(true);
    // Someone else's notifications are untouched.
    expect((await notes(finance, '?unread=true')).length).toBeGreaterThan(0);
  });

  it("answers 404 for another user's notification id (and changes nothing)", async () => {
    const [financeNote] = await notes(finance, '?unread=true');
    expect(financeNote).toBeDefined();
    const res = await pm.post(`/api/notifications/${financeNote.id}/read`);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
    expect((await notes(finance)).find((n) => n.id === financeNote.id)?.read).toBe(false);
    expect((await pm.post('/api/notifications/not-a-uuid/read')).status).toBe(404);
    expect(
      (await pm.post('/api/notifications/00000000-0000-4000-8000-000000000000/read')).status,
    ).toBe(404);
    // And no one but the owner sees it in a list.
    expect((await notes(pm)).some((n) => n.id === financeNote.id)).toBe(false);
  });

  it('needs a signed-in user', async () => {
    expect((await t.http().get('/api/notifications')).status).toBe(401);
    expect((await t.http().post('/api/notifications/read-all')).status).toBe(401);
  });
});
