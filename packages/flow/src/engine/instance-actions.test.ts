// Actions on the whole instance, settings and refusals, as Given/When/Then scenarios.
import { describe, expect, it } from '@jest/globals';
import type { AssigneeRule, FlowNode, ProcessSettings } from '../definition.js';
import { processOf, orgSnapshot } from './fixtures/build.js';
import { Driver } from './harness.js';
import { initialState, transition } from './transition.js';
import { memoryDirectory } from './support.js';

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

describe('withdraw and cancel', () => {
  it('the initiator withdraws until the first action', () => {
    const d = twoStep();
    expect(d.apply({ type: 'withdraw', actorId: 'bob' })).toMatchObject({ code: 'not_initiator' });
    d.must({ type: 'withdraw', actorId: 'alice' });
    expect(d.state.status).toBe('withdrawn');
    expect(d.effectsOf('cancelTask', d.last)).toHaveLength(1);
  });
  it('is refused after someone acted, or when the process forbids it', () => {
    const d = twoStep();
    d.act('manager', 'approve');
    expect(d.apply({ type: 'withdraw', actorId: 'alice' })).toMatchObject({
      code: 'withdraw_not_allowed',
    });
    expect(
      twoStep({ allowWithdraw: false }).apply({ type: 'withdraw', actorId: 'alice' }),
    ).toMatchObject({ code: 'withdraw_not_allowed' });
  });
  it('is allowed again while a returned request sits with the initiator', () => {
    const d = twoStep();
    d.must({ type: 'return', taskId: d.task('manager').id, actorId: 'bob', to: 'initiator' });
    d.must({ type: 'withdraw', actorId: 'alice' });
    expect(d.state.status).toBe('withdrawn');
  });
  it('an admin cancels at any time', () => {
    const d = twoStep();
    expect(d.apply({ type: 'cancel', actorId: 'alice' })).toMatchObject({ code: 'not_admin' });
    d.must({ type: 'cancel', actorId: 'root' });
    expect(d.state).toMatchObject({ status: 'cancelled', endedBy: { reason: 'cancelled' } });
  });
});

describe('comment', () => {
  it('records the comment and notifies the people @mentioned', () => {
    const d = twoStep();
    const task = d.task('manager');
    d.must({
      type: 'comment',
      taskId: task.id,
      actorId: 'bob',
      comment: '@carol please check',
      mentions: ['carol', 'carol', 'bob'],
    });
    expect(d.last).toEqual([
      expect.objectContaining({
        type: 'commentAdded',
        mentions: ['carol', 'bob'],
        taskId: task.id,
        nodeId: 'manager',
      }),
      expect.objectContaining({
        type: 'notify',
        kind: 'mentioned',
        userIds: ['carol'],
        message: '@carol please check',
      }),
    ]);
    expect(d.state.counters.actions).toBe(0);
  });
  it('refuses an empty comment or an unknown task', () => {
    const d = twoStep();
    expect(d.apply({ type: 'comment', actorId: 'bob', comment: '' })).toMatchObject({
      code: 'invalid_command',
    });
    expect(d.apply({ type: 'comment', taskId: 'x', actorId: 'bob', comment: 'hi' })).toMatchObject({
      code: 'task_not_found',
    });
  });
});

describe('settings', () => {
  it('dedupeApprovers: an approver who already approved is approved automatically', () => {
    const d = twoStep({ dedupeApprovers: true }, { finance: { assignees: users('bob') } });
    d.act('manager', 'approve');
    expect(d.state.status).toBe('approved');
    expect(d.effectsOf('completeTask', d.last)).toEqual([
      expect.objectContaining({ nodeId: 'manager', actorId: 'bob' }),
      expect.objectContaining({ nodeId: 'finance', actorId: 'system', auto: 'dedupeApprovers' }),
    ]);
  });
  it('forbidSelfApproval: the initiator is removed from their own approvers', () => {
    const d = twoStep(
      { forbidSelfApproval: true },
      { manager: { assignees: users('alice', 'bob') } },
    );
    expect(d.openTasks().map((t) => t.assigneeId)).toEqual(['bob']);
  });
  it('forbidSelfApproval leaving nobody falls to emptyAssignees', () => {
    const d = twoStep(
      { forbidSelfApproval: true },
      { manager: { assignees: users('alice'), emptyAssignees: 'autoApprove' } },
    );
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['finance']);
  });
  it('starters: only the people the rules name may start', () => {
    const def = processOf([S, E], [['start', 'end']], {
      starters: [{ kind: 'role', role: 'finance' }],
    });
    const ctx = {
      now: '2030-01-01T00:00:00Z',
      newId: (p: string) => p,
      directory: memoryDirectory(orgSnapshot),
    };
    expect(
      transition(def, initialState(), { type: 'start', initiatorId: 'alice' }, ctx),
    ).toMatchObject({ code: 'not_allowed_to_start' });
    expect(
      transition(def, initialState(), { type: 'start', initiatorId: 'carol' }, ctx),
    ).toMatchObject({ ok: true });
  });
});

describe('emptyAssignees', () => {
  const nobody = (policy?: string) =>
    twoStep(undefined, {
      manager: {
        assignees: [{ kind: 'role', role: 'nobody' }],
        ...(policy ? { emptyAssignees: policy } : {}),
      },
    });
  it('autoApprove passes the node', () => {
    expect(
      nobody('autoApprove')
        .openTasks()
        .map((t) => t.nodeId),
    ).toEqual(['finance']);
  });
  it('toAdmin (the default) gives the task to the admins', () => {
    expect(
      nobody()
        .openTasks()
        .map((t) => [t.nodeId, t.assigneeId]),
    ).toEqual([['manager', 'root']]);
  });
  it('fail raises an incident; an admin names assignees and retries', () => {
    const d = nobody('fail');
    const [incident] = d.state.incidents;
    expect(incident).toMatchObject({ code: 'no_assignees', nodeId: 'manager' });
    expect(d.effectsOf('notify')).toContainEqual(
      expect.objectContaining({ kind: 'incident', userIds: ['root'] }),
    );
    expect(d.apply({ type: 'retryNode', incidentId: 'nope', actorId: 'root' })).toMatchObject({
      code: 'incident_not_found',
    });
    d.must({ type: 'retryNode', incidentId: incident.id, actorId: 'root', assigneeIds: ['frank'] });
    expect(d.state.incidents).toEqual([]);
    d.act('manager', 'approve', { by: 'frank' });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['finance']);
  });
});

describe('commands in general', () => {
  it('refuses unknown commands, a second start and a clock that is not a time', () => {
    const d = twoStep();
    expect(d.apply({ type: 'fly' } as never)).toMatchObject({ code: 'invalid_command' });
    expect(d.apply({ type: 'start', initiatorId: 'alice' })).toMatchObject({
      code: 'already_started',
    });
    const ctx = {
      now: 'yesterday',
      newId: (p: string) => p,
      directory: memoryDirectory(orgSnapshot),
    };
    expect(
      transition(d.definition, d.state, { type: 'cancel', actorId: 'root' }, ctx),
    ).toMatchObject({ code: 'invalid_command' });
    expect(
      transition(
        d.definition,
        { ...d.state, schemaVersion: 2 as 1 },
        { type: 'cancel', actorId: 'root' },
        ctx,
      ),
    ).toMatchObject({ code: 'invalid_command' });
  });
  it('never changes the state it is given', () => {
    const d = twoStep();
    const before = JSON.stringify(d.state);
    const result = transition(
      d.definition,
      d.state,
      {
        type: 'completeTask',
        taskId: d.task('manager').id,
        actorId: 'bob',
        action: 'approve',
        comment: 'x',
      },
      {
        now: '2030-01-02T00:00:00Z',
        newId: (p) => `${p}_x`,
        directory: memoryDirectory(orgSnapshot),
      },
    );
    expect(result.ok).toBe(true);
    expect(JSON.stringify(d.state)).toBe(before);
  });
  it('a definition without a start node is refused, not thrown', () => {
    const def = processOf([E], []);
    const ctx = { now: 0, newId: (p: string) => p, directory: memoryDirectory(orgSnapshot) };
    expect(
      transition(def, initialState(), { type: 'start', initiatorId: 'alice' }, ctx),
    ).toMatchObject({ code: 'invalid_definition' });
  });
});
