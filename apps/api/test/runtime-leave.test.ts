// SOPS.md §4 leave, over HTTP, along every branch of the template: a short
// leave goes head → HR, a longer one (over three days) also to the director
// (the head one level further up); a rejection at either approval ends it.
// Who the head and director are follows the organisation, including a head
// asking for leave and a head who also heads the level above (dedupe).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { leave } from '@baton/templates';
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
  payload: Record<string, unknown>;
}

interface InstanceView {
  id: string;
  status: string;
  activeNodes: string[];
  data: Record<string, unknown>;
  tasks: { id: string; nodeId: string; assigneeId: string; status: string; action?: string }[];
}

const slip = (days: number) => ({
  leaveType: days > 3 ? '年假' : '事假',
  startDate: '2026-12-07',
  endDate: '2026-12-11',
  days,
  reason: '家中有事',
  handover: 'opsspec',
});

describe(`leave request over HTTP (${testMode()} mode)`, () => {
  let t: TestApp;
  let admin: Actor;
  const people: Record<string, Actor> = {};
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ env: { BATON_DEMO: '1' } });
    admin = people.admin = await Actor.as(t, 'admin', ADMIN_PASSWORD);
    await Promise.all(
      ['cs', 'cslead', 'gm', 'hr', 'opsdir', 'host'].map(
        async (u) => (people[u] = await Actor.as(t, u, DEMO_PASSWORD)),
      ),
    );
    // A team inside operations that the operations director heads too: its
    // member's head and director are the same person.
    const depts = (await admin.get('/api/departments')).body as { id: string; name: string }[];
    const ops = depts.find((d) => d.name.startsWith('运营部'))!;
    let users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    const opsdirId = users.find((u) => u.username === 'opsdir')!.id;
    const team = await admin.post('/api/departments', {
      name: '运营一组 Ops team 1',
      parentId: ops.id,
      headId: opsdirId,
    });
    expect(team.status).toBe(201);
    const member = await admin.post('/api/users', {
      username: 'opsteam',
      password: DEMO_PASSWORD,
      displayName: '运营一组成员',
      roles: ['operations_specialist'],
      departmentId: team.body.id,
    });
    expect(member.status).toBe(201);
    people.opsteam = await Actor.as(t, 'opsteam', DEMO_PASSWORD);
    await publish(t, admin.token, leave.definition);
    users = (await admin.get('/api/users')).body;
    ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
  });
  afterAll(() => t?.close());

  const view = async (id: string) => (await admin.get(`/api/instances/${id}`)).body as InstanceView;
  const trail = async (id: string) =>
    (await admin.get(`/api/instances/${id}/events`)).body as Event[];

  /** Approves at each node as the expected person, then HR records it. */
  async function runToTheEnd(
    initiator: string,
    days: number,
    approvers: [node: string, username: string][],
  ) {
    const started = await people[initiator].start('leave', slip(days));
    for (const [node, who] of approvers) {
      expect((await view(started.id)).activeNodes).toEqual([node]);
      const res = await people[who].act(started.id, node, { action: 'approve', comment: '同意' });
      expect(res.status).toBe(200);
    }
    expect((await view(started.id)).activeNodes).toEqual(['hr']);
    const hrTask = (await people.hr.get(`/api/tasks/${await people.hr.taskOn(started.id, 'hr')}`))
      .body;
    expect(hrTask.form.permissions.hrNote).toBe('edit');
    expect(hrTask.dueAt).toBeDefined();
    const recorded = await people.hr.act(started.id, 'hr', {
      action: 'submit',
      data: { hrNote: '已备案' },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.instance.status).toBe('approved');
    return started.id;
  }

  it('routes a leave of three days (the limit) to the department head, then HR — not the director', async () => {
    const id = await runToTheEnd('cs', 3, [['head', 'cslead']]);
    const v = await view(id);
    expect(v.tasks.map((x) => [x.nodeId, x.assigneeId, x.action])).toEqual([
      ['head', ids.cslead, 'approve'],
      ['hr', ids.hr, 'submit'],
    ]);
    expect(v.data).toMatchObject({ ...slip(3), hrNote: '已备案' });
    const events = await trail(id);
    expect(events[0]).toMatchObject({ type: 'instanceStarted', actorId: ids.cs });
    expect(events.some((e) => e.nodeId === 'director')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'instanceEnded', payload: { status: 'approved' } });
    // The employee sees the outcome but not HR's note (hidden from the start form).
    const mine = (await people.cs.get(`/api/instances/${id}`)).body as InstanceView;
    expect(mine.status).toBe('approved');
    expect(mine.data.hrNote).toBeUndefined();
  });

  it('routes a leave over three days to the head, then the director, then HR', async () => {
    const id = await runToTheEnd('cs', 3.5, [
      ['head', 'cslead'],
      ['director', 'gm'],
    ]);
    const v = await view(id);
    expect(v.tasks.map((x) => [x.nodeId, x.assigneeId, x.action])).toEqual([
      ['head', ids.cslead, 'approve'],
      ['director', ids.gm, 'approve'],
      ['hr', ids.hr, 'submit'],
    ]);
    const completed = (await trail(id)).filter((e) => e.type === 'taskCompleted');
    expect(completed.map((e) => [e.nodeId, e.actorId])).toEqual([
      ['head', ids.cslead],
      ['director', ids.gm],
      ['hr', ids.hr],
    ]);
  });

  it("sends a department head's leave to the head above: the livestream head → operations director → general manager", async () => {
    await runToTheEnd('host', 5, [
      ['head', 'opsdir'],
      ['director', 'gm'],
    ]);
  });

  it('gives the director step to the admin when there is no one two levels up', async () => {
    // The operations director's head is the general manager, and above head office there is nobody.
    const id = await runToTheEnd('opsdir', 10, [
      ['head', 'gm'],
      ['director', 'admin'],
    ]);
    expect((await view(id)).tasks.find((x) => x.nodeId === 'director')!.assigneeId).toBe(ids.admin);
  });

  it('does not ask the same person twice when the head also heads the level above (dedupeApprovers)', async () => {
    const started = await people.opsteam.start('leave', slip(5));
    expect((await people.opsdir.act(started.id, 'head', { action: 'approve' })).status).toBe(200);
    const v = await view(started.id);
    expect(v.activeNodes).toEqual(['hr']);
    expect(v.tasks.map((x) => [x.nodeId, x.assigneeId, x.action])).toEqual([
      ['head', ids.opsdir, 'approve'],
      ['director', ids.opsdir, 'approve'],
      ['hr', ids.hr, undefined],
    ]);
    const auto = (await trail(started.id)).find(
      (e) => e.type === 'taskCompleted' && e.nodeId === 'director',
    );
    expect(auto).toMatchObject({ payload: { auto: 'dedupeApprovers' } });
    expect((await people.hr.act(started.id, 'hr', { action: 'submit' })).status).toBe(200);
    expect((await view(started.id)).status).toBe('approved');
  });

  it.each([
    { at: 'head', days: 2, before: [] as [string, string][], by: 'cslead' },
    { at: 'head', days: 6, before: [] as [string, string][], by: 'cslead' },
    { at: 'director', days: 6, before: [['head', 'cslead']] as [string, string][], by: 'gm' },
  ])(
    'ends a $days-day leave rejected when the $at rejects; HR never sees it',
    async ({ at, days, before, by }) => {
      const started = await people.cs.start('leave', slip(days));
      for (const [node, who] of before)
        expect((await people[who].act(started.id, node, { action: 'approve' })).status).toBe(200);
      const rejected = await people[by].act(started.id, at, {
        action: 'reject',
        comment: '项目关键期',
      });
      expect(rejected.status).toBe(200);
      expect(rejected.body.instance.status).toBe('rejected');
      const v = await view(started.id);
      expect(v.tasks.map((x) => x.nodeId)).toEqual([...before.map(([n]) => n), at]);
      const events = await trail(started.id);
      expect(events.find((e) => e.type === 'taskCompleted' && e.nodeId === at)).toMatchObject({
        actorId: ids[by],
        payload: { action: 'reject', comment: '项目关键期' },
      });
      expect(events.at(-1)).toMatchObject({
        type: 'instanceEnded',
        payload: { status: 'rejected' },
      });
      expect(events.some((e) => e.nodeId === 'hr')).toBe(false);
      const hrInbox = (await people.hr.get('/api/tasks?status=open&processKey=leave')).body
        .items as { instanceId: string }[];
      expect(hrInbox.some((i) => i.instanceId === started.id)).toBe(false);
      // The employee is notified of the outcome through their request list.
      const mine = (await people.cs.get('/api/instances?mine=initiated&status=rejected')).body
        .items as { id: string }[];
      expect(mine.some((i) => i.id === started.id)).toBe(true);
    },
  );

  it('refuses a leave of a day count the form does not allow', async () => {
    const res = await people.cs.post('/api/processes/leave/instances', {
      data: { ...slip(1), days: 1.25 },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields.map((f: { path: string }) => f.path)).toEqual(['days']);
  });
});
