// One Given/When/Then scenario (or a few) per action and setting, with the
// refusals each one can give.
import { describe, expect, it } from '@jest/globals';
import type { AssigneeRule, FlowNode, ProcessSettings } from '../definition.js';
import { processOf, orgSnapshot } from './fixtures/build.js';
import { Driver } from './harness.js';

const users = (...ids: string[]): AssigneeRule[] => [{ kind: 'user', ids }];
const S: FlowNode = { id: 'start', type: 'start' };
const E: FlowNode = { id: 'end', type: 'end', outcome: 'approved' };

/** start -> manager (bob) -> finance (carol) -> end */
function twoStep(
  settings?: ProcessSettings,
  extra: Partial<Record<'manager' | 'finance', object>> = {},
) {
  const d = new Driver(
    processOf(
      [
        S,
        {
          id: 'manager',
          type: 'approval',
          assignees: [{ kind: 'manager', level: 1 }],
          ...extra.manager,
        } as FlowNode,
        {
          id: 'finance',
          type: 'approval',
          assignees: users('carol'),
          ...extra.finance,
        } as FlowNode,
        E,
      ],
      [
        ['start', 'manager'],
        ['manager', 'finance'],
        ['finance', 'end'],
      ],
      settings,
    ),
    orgSnapshot,
  );
  d.start('alice', { amount: 100 });
  return d;
}

/** start -> approve (bob) -> parallel [x (carol) -> x2 (dave), y (erin)] -> join -> end */
function parallelRegion() {
  const d = new Driver(
    processOf(
      [
        S,
        { id: 'approve', type: 'approval', assignees: users('bob') },
        { id: 'p', type: 'parallel' },
        { id: 'x', type: 'task', assignees: users('carol') },
        { id: 'x2', type: 'approval', assignees: users('dave') },
        { id: 'y', type: 'task', assignees: users('erin') },
        { id: 'join', type: 'join' },
        E,
      ],
      [
        ['start', 'approve'],
        ['approve', 'p'],
        ['p', 'x'],
        ['x', 'x2'],
        ['p', 'y'],
        ['x2', 'join'],
        ['y', 'join'],
        ['join', 'end'],
      ],
    ),
    orgSnapshot,
  );
  d.start('alice');
  d.act('approve', 'approve');
  return d;
}

describe('approve / reject / submit', () => {
  it('approve moves the request on and records who acted', () => {
    const d = twoStep();
    const task = d.task('manager');
    d.act('manager', 'approve', { comment: 'fine' });
    expect(d.state.tasks.find((t) => t.id === task.id)).toMatchObject({
      status: 'done',
      action: 'approve',
      actorId: 'bob',
      comment: 'fine',
    });
    expect(d.effectsOf('completeTask', d.last)).toEqual([
      {
        type: 'completeTask',
        taskId: task.id,
        nodeId: 'manager',
        action: 'approve',
        actorId: 'bob',
        at: d.now,
        comment: 'fine',
      },
    ]);
    expect(d.openTasks().map((t) => t.assigneeId)).toEqual(['carol']);
  });

  it('reject ends the instance rejected by default', () => {
    const d = twoStep();
    d.act('manager', 'reject');
    expect(d.state.status).toBe('rejected');
    expect(d.effectsOf('notify', d.last)).toContainEqual(
      expect.objectContaining({ kind: 'instanceEnded', userIds: ['alice'] }),
    );
  });

  it("refuses a task done twice, someone else's task, and the wrong action", () => {
    const d = twoStep();
    const task = d.task('manager');
    expect(
      d.apply({ type: 'completeTask', taskId: task.id, actorId: 'carol', action: 'approve' }),
    ).toMatchObject({ ok: false, code: 'not_assignee' });
    expect(
      d.apply({ type: 'completeTask', taskId: task.id, actorId: 'bob', action: 'submit' }),
    ).toMatchObject({ code: 'illegal_action' });
    expect(
      d.apply({ type: 'completeTask', taskId: 'nope', actorId: 'bob', action: 'approve' }),
    ).toMatchObject({ code: 'task_not_found' });
    d.act('manager', 'approve');
    expect(
      d.apply({ type: 'completeTask', taskId: task.id, actorId: 'bob', action: 'approve' }),
    ).toMatchObject({ code: 'task_not_open' });
  });

  it('refuses writes to fields the node does not let the assignee edit', () => {
    const d = twoStep(undefined, {
      finance: { fieldPermissions: { paidAt: 'edit', amount: 'read' } },
    });
    d.act('manager', 'approve');
    const task = d.task('finance');
    const write = (data: Record<string, unknown>) =>
      d.apply({ type: 'completeTask', taskId: task.id, actorId: 'carol', action: 'approve', data });
    expect(write({ amount: 999 })).toMatchObject({ ok: false, code: 'field_not_editable' });
    expect(write({ secret: 1 })).toMatchObject({ ok: false, code: 'field_not_editable' });
    // Posting back an unchanged read-only field is fine.
    expect(write({ amount: 100, paidAt: '2030-01-02' })).toMatchObject({ ok: true });
  });

  it('refuses everything once the instance has ended', () => {
    const d = twoStep();
    const task = d.task('manager');
    d.act('manager', 'reject');
    expect(
      d.apply({ type: 'completeTask', taskId: task.id, actorId: 'bob', action: 'approve' }),
    ).toMatchObject({ code: 'instance_not_running' });
    expect(d.apply({ type: 'withdraw', actorId: 'alice' })).toMatchObject({
      code: 'instance_not_running',
    });
  });
});

describe('return', () => {
  it('by hand to an earlier node: that node runs again', () => {
    const d = twoStep();
    d.act('manager', 'approve');
    d.must({
      type: 'return',
      taskId: d.task('finance').id,
      actorId: 'carol',
      to: 'manager',
      comment: 'check amount',
    });
    expect(d.openTasks().map((t) => [t.nodeId, t.assigneeId])).toEqual([['manager', 'bob']]);
    expect(d.state.tasks.find((t) => t.nodeId === 'finance')).toMatchObject({
      status: 'done',
      action: 'return',
    });
  });

  it('to the initiator: a resubmit task at start, and the flow runs again from there', () => {
    const d = twoStep();
    d.act('manager', 'approve');
    d.must({ type: 'return', taskId: d.task('finance').id, actorId: 'carol', to: 'initiator' });
    expect(d.task('start')).toMatchObject({ kind: 'resubmit', assigneeId: 'alice' });
    expect(
      d.apply({
        type: 'completeTask',
        taskId: d.task('start').id,
        actorId: 'alice',
        action: 'approve',
      }),
    ).toMatchObject({ code: 'illegal_action' });
    expect(
      d.apply({ type: 'return', taskId: d.task('start').id, actorId: 'alice', to: 'start' }),
    ).toMatchObject({ code: 'illegal_action' });
    d.act('start', 'submit', { data: { amount: 90 } });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['manager']);
  });

  it('cancels open tasks in parallel branches it supersedes', () => {
    const d = parallelRegion();
    d.act('x', 'submit');
    expect(
      d
        .openTasks()
        .map((t) => t.nodeId)
        .sort(),
    ).toEqual(['x2', 'y']);
    d.must({ type: 'return', taskId: d.task('x2').id, actorId: 'dave', to: 'approve' });
    expect(d.effectsOf('cancelTask', d.last)).toEqual([
      expect.objectContaining({ nodeId: 'y', reason: 'superseded' }),
    ]);
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['approve']);
    d.act('approve', 'approve');
    d.act('x', 'submit');
    d.act('x2', 'approve');
    d.act('y', 'submit');
    expect(d.state.status).toBe('approved');
    expect(d.effectsOf('nodeCompleted').filter((e) => e.nodeId === 'join')).toHaveLength(1);
  });

  it('inside one branch it leaves the other branch alone, and the join still fires once', () => {
    const d = parallelRegion();
    d.act('y', 'submit');
    d.act('x', 'submit');
    d.must({ type: 'return', taskId: d.task('x2').id, actorId: 'dave', to: 'x' });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['x']);
    d.act('x', 'submit');
    d.act('x2', 'approve');
    expect(d.state.status).toBe('approved');
    expect(d.effectsOf('nodeCompleted').filter((e) => e.nodeId === 'join')).toHaveLength(1);
  });

  it('refuses a target not passed, the node itself, or one a join path bypasses', () => {
    const d = parallelRegion();
    d.act('x', 'submit');
    const x2 = d.task('x2').id;
    const back = (to: string) => d.apply({ type: 'return', taskId: x2, actorId: 'dave', to });
    expect(back('join')).toMatchObject({ code: 'invalid_return_target' });
    expect(back('x2')).toMatchObject({ code: 'invalid_return_target' });
    expect(back('y')).toMatchObject({ code: 'invalid_return_target' });
    d.act('x2', 'approve');
    // y is in a branch that the join's other path bypasses: returning there from after the join would strand it.
    expect(
      d.apply({ type: 'return', taskId: d.task('y').id, actorId: 'erin', to: 'x' }),
    ).toMatchObject({ code: 'invalid_return_target' });
  });
});

describe('transfer', () => {
  it('hands the task to someone else, who can then act', () => {
    const d = twoStep();
    const old = d.task('manager');
    d.must({ type: 'transfer', taskId: old.id, actorId: 'bob', to: 'frank' });
    expect(d.task('manager')).toMatchObject({ assigneeId: 'frank', transferredFrom: 'bob' });
    expect(d.state.tasks.find((t) => t.id === old.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'transferred',
    });
    d.act('manager', 'approve', { by: 'frank' });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['finance']);
  });
  it('refuses unknown users, yourself, and the initiator when self-approval is forbidden', () => {
    const d = twoStep({ forbidSelfApproval: true });
    const id = d.task('manager').id;
    expect(d.apply({ type: 'transfer', taskId: id, actorId: 'bob', to: 'ghost' })).toMatchObject({
      code: 'invalid_user',
    });
    expect(d.apply({ type: 'transfer', taskId: id, actorId: 'bob', to: 'bob' })).toMatchObject({
      code: 'invalid_user',
    });
    expect(d.apply({ type: 'transfer', taskId: id, actorId: 'bob', to: 'alice' })).toMatchObject({
      code: 'self_approval_forbidden',
    });
  });
});

describe('addSigner', () => {
  it('before: the added signers sign first, then the holder gets the task back', () => {
    const d = twoStep();
    d.must({
      type: 'addSigner',
      taskId: d.task('manager').id,
      actorId: 'bob',
      to: ['frank', 'erin'],
      position: 'before',
    });
    expect(d.openTasks().map((t) => t.assigneeId)).toEqual(['frank']);
    d.act('manager', 'approve');
    expect(d.openTasks().map((t) => t.assigneeId)).toEqual(['erin']);
    d.act('manager', 'approve');
    expect(d.openTasks().map((t) => t.assigneeId)).toEqual(['bob']);
    d.act('manager', 'approve');
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['finance']);
  });
  it('after: the node passes only once the added signer approved too', () => {
    const d = twoStep();
    d.must({
      type: 'addSigner',
      taskId: d.task('manager').id,
      actorId: 'bob',
      to: ['frank'],
      position: 'after',
    });
    expect(d.effectsOf('signersAdded', d.last)).toEqual([
      expect.objectContaining({ userIds: ['frank'], position: 'after' }),
    ]);
    d.act('manager', 'approve');
    expect(d.openTasks().map((t) => t.assigneeId)).toEqual(['frank']);
    d.act('manager', 'reject');
    expect(d.state.status).toBe('rejected');
  });
  it('refuses an empty list or a bad position', () => {
    const d = twoStep();
    const id = d.task('manager').id;
    expect(
      d.apply({ type: 'addSigner', taskId: id, actorId: 'bob', to: [], position: 'after' }),
    ).toMatchObject({ code: 'invalid_command' });
    expect(
      d.apply({
        type: 'addSigner',
        taskId: id,
        actorId: 'bob',
        to: ['frank'],
        position: 'middle' as 'after',
      }),
    ).toMatchObject({ code: 'invalid_command' });
  });
});
