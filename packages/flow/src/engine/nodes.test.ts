// One Given/When/Then scenario (or a few) per node kind.
import { describe, expect, it } from '@jest/globals';
import type { AssigneeRule, FlowNode } from '../definition.js';
import { processOf, orgSnapshot, type EdgeSpec } from './fixtures/build.js';
import { Driver } from './harness.js';

const users = (...ids: string[]): AssigneeRule[] => [{ kind: 'user', ids }];
const S: FlowNode = { id: 'start', type: 'start' };
const E: FlowNode = { id: 'end', type: 'end' };

function given(nodes: FlowNode[], edges: EdgeSpec[], data: Record<string, unknown> = {}) {
  const d = new Driver(processOf([S, ...nodes, E], edges), orgSnapshot);
  d.start('alice', data);
  return d;
}

describe('start', () => {
  it('passes the submitted form straight on', () => {
    const d = given([], [['start', 'end']], { x: 1 });
    expect(d.state.status).toBe('completed');
    expect(d.state.data).toEqual({ x: 1 });
    expect(d.effectsOf('instanceStarted')).toHaveLength(1);
  });
});

describe('approval', () => {
  const edges: EdgeSpec[] = [
    ['start', 'a'],
    ['a', 'end'],
  ];
  const approval = (extra: object): FlowNode =>
    ({ id: 'a', type: 'approval', assignees: users('bob', 'carol', 'dave'), ...extra }) as FlowNode;

  it('any: the first approval passes the node and withdraws the other tasks', () => {
    const d = given([approval({ mode: 'any' })], edges);
    expect(d.openTasks('a')).toHaveLength(3);
    d.act('a', 'approve', { by: 'carol' });
    expect(d.state.status).toBe('completed');
    expect(d.effectsOf('cancelTask').map((e) => e.reason)).toEqual(['nodeDecided', 'nodeDecided']);
  });

  it('any: rejects only when nobody can approve any more', () => {
    const d = given([approval({ mode: 'any' })], edges);
    d.act('a', 'reject', { by: 'bob' });
    d.act('a', 'reject', { by: 'carol' });
    expect(d.state.status).toBe('running');
    d.act('a', 'reject', { by: 'dave' });
    expect(d.state.status).toBe('rejected');
  });

  it('all: needs everyone; one rejection rejects', () => {
    const d = given([approval({ mode: 'all' })], edges);
    d.act('a', 'approve', { by: 'bob' });
    d.act('a', 'approve', { by: 'carol' });
    expect(d.state.status).toBe('running');
    d.act('a', 'reject', { by: 'dave' });
    expect(d.state).toMatchObject({
      status: 'rejected',
      endedBy: { reason: 'rejected', nodeId: 'a' },
    });
  });

  it('sequential: one after the other, in rule order', () => {
    const d = given([approval({ mode: 'sequential' })], edges);
    expect(d.openTasks('a').map((t) => t.assigneeId)).toEqual(['bob']);
    d.act('a', 'approve');
    expect(d.openTasks('a').map((t) => t.assigneeId)).toEqual(['carol']);
    d.act('a', 'approve');
    d.act('a', 'approve');
    expect(d.state.status).toBe('completed');
  });

  it('sequential: a rejection anywhere rejects', () => {
    const d = given([approval({ mode: 'sequential' })], edges);
    d.act('a', 'approve');
    d.act('a', 'reject');
    expect(d.state.status).toBe('rejected');
  });

  it('vote: passes when the approving share reaches passRatio', () => {
    const d = given([approval({ mode: 'vote', passRatio: 0.6 })], edges);
    d.act('a', 'approve', { by: 'bob' });
    d.act('a', 'reject', { by: 'carol' });
    expect(d.state.status).toBe('running');
    d.act('a', 'approve', { by: 'dave' });
    expect(d.state.status).toBe('completed');
  });

  it('vote: rejects as soon as the share can no longer be reached', () => {
    const d = given([approval({ mode: 'vote', passRatio: 0.6 })], edges);
    d.act('a', 'reject', { by: 'bob' });
    expect(d.state.status).toBe('running');
    d.act('a', 'reject', { by: 'carol' });
    expect(d.state.status).toBe('rejected');
    expect(d.openTasks()).toHaveLength(0);
  });

  it('onReject return: goes back to an earlier node, which runs again', () => {
    const d = given(
      [
        { id: 'first', type: 'approval', assignees: users('bob') },
        approval({ assignees: users('carol'), onReject: { action: 'return', to: 'first' } }),
      ],
      [
        ['start', 'first'],
        ['first', 'a'],
        ['a', 'end'],
      ],
    );
    d.act('first', 'approve');
    d.act('a', 'reject');
    expect(d.state.status).toBe('running');
    expect(d.openTasks().map((t) => [t.nodeId, t.assigneeId])).toEqual([['first', 'bob']]);
    expect(d.effectsOf('returned', d.last)).toEqual([
      expect.objectContaining({ fromNodeId: 'a', toNodeId: 'first' }),
    ]);
  });

  it('onReject return to a node that is not upstream ends the instance rejected', () => {
    const d = given(
      [approval({ assignees: users('carol'), onReject: { action: 'return', to: 'nowhere' } })],
      edges,
    );
    d.act('a', 'reject');
    expect(d.state.status).toBe('rejected');
  });
});

describe('task', () => {
  const edges: EdgeSpec[] = [
    ['start', 't'],
    ['t', 'end'],
  ];
  it('any: the first submission completes it', () => {
    const d = given([{ id: 't', type: 'task', assignees: users('carol', 'dave') }], edges);
    d.act('t', 'submit', { by: 'dave' });
    expect(d.state.status).toBe('completed');
  });
  it('all: waits for every assignee', () => {
    const d = given(
      [{ id: 't', type: 'task', mode: 'all', assignees: users('carol', 'dave') }],
      edges,
    );
    d.act('t', 'submit', { by: 'dave' });
    expect(d.openTasks('t').map((t) => t.assigneeId)).toEqual(['carol']);
    d.act('t', 'submit', { by: 'carol' });
    expect(d.state.status).toBe('completed');
  });
});

describe('cc', () => {
  it('notifies its recipients and never blocks', () => {
    const d = given(
      [
        {
          id: 'c',
          type: 'cc',
          recipients: [{ kind: 'role', role: 'finance' }, { kind: 'initiator' }],
        },
      ],
      [
        ['start', 'c'],
        ['c', 'end'],
      ],
    );
    expect(d.effectsOf('notify').filter((n) => n.kind === 'cc')).toEqual([
      { type: 'notify', kind: 'cc', userIds: ['carol', 'dave', 'alice'], nodeId: 'c' },
    ]);
    expect(d.state.status).toBe('completed');
  });
});
