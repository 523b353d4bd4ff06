import { describe, expect, it } from '@jest/globals';
import { buildTimeline, returnTargets, timelineColor } from './timeline';
import type { InstanceEvent } from '@baton/contracts';

let seq = 0;
const ev = (type: string, extra: Partial<InstanceEvent> = {}): InstanceEvent => ({
  seq: ++seq,
  type,
  at: `2026-11-22T0${Math.min(seq, 9)}:00:00.000Z`,
  payload: {},
  ...extra,
});

describe('buildTimeline', () => {
  it('reads a start, an approval with its comment and the end', () => {
    seq = 0;
    const events = [
      ev('instanceStarted', { actorId: 'pm', payload: { initiatorId: 'pm' } }),
      ev('nodeEntered', { nodeId: 'start' }),
      ev('nodeCompleted', { nodeId: 'start', payload: { outcome: 'done' } }),
      ev('nodeEntered', { nodeId: 'ops' }),
      ev('taskCreated', {
        nodeId: 'ops',
        taskId: 't1',
        payload: { assigneeId: 'opsdir', kind: 'approval' },
      }),
      ev('taskCompleted', {
        nodeId: 'ops',
        taskId: 't1',
        actorId: 'opsdir',
        payload: { action: 'approve', comment: '同意，注意库存' },
      }),
      ev('nodeCompleted', { nodeId: 'ops' }),
      ev('instanceEnded', { payload: { status: 'approved', reason: 'end' } }),
    ];
    const timeline = buildTimeline(events);
    expect(timeline.map((e) => e.kind)).toEqual(['started', 'approved', 'ended']);
    expect(timeline[0].actorId).toBe('pm');
    expect(timeline[1]).toMatchObject({
      actorId: 'opsdir',
      nodeId: 'ops',
      comment: '同意，注意库存',
    });
    expect(timeline[2]).toMatchObject({ status: 'approved' });
  });

  it('ends with who holds the request now, one line per node', () => {
    seq = 0;
    const timeline = buildTimeline([
      ev('instanceStarted', { actorId: 'pm' }),
      ev('taskCreated', { nodeId: 'sign', taskId: 'a', payload: { assigneeId: 'u1' } }),
      ev('taskCreated', { nodeId: 'sign', taskId: 'b', payload: { assigneeId: 'u2' } }),
      ev('taskCompleted', {
        nodeId: 'sign',
        taskId: 'a',
        actorId: 'u1',
        payload: { action: 'approve' },
      }),
      ev('taskCreated', { nodeId: 'fin', taskId: 'c', payload: { assigneeId: 'u3' } }),
    ]);
    expect(timeline.filter((e) => e.kind === 'pending')).toEqual([
      expect.objectContaining({ nodeId: 'sign', userIds: ['u2'] }),
      expect.objectContaining({ nodeId: 'fin', userIds: ['u3'] }),
    ]);
  });

  it('shows a hand return once, with its target', () => {
    seq = 0;
    const timeline = buildTimeline([
      ev('taskCreated', { nodeId: 'fin', taskId: 't', payload: { assigneeId: 'f' } }),
      ev('taskCompleted', {
        nodeId: 'fin',
        taskId: 't',
        actorId: 'f',
        payload: { action: 'return', comment: '补充发票' },
      }),
      ev('returned', {
        taskId: 't',
        actorId: 'f',
        payload: { fromNodeId: 'fin', toNodeId: 'start' },
      }),
    ]);
    const returned = timeline.filter((e) => e.kind === 'returned');
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({ targetNodeId: 'start', comment: '补充发票', actorId: 'f' });
  });

  it('shows a transfer with the new holder and signers added', () => {
    seq = 0;
    const timeline = buildTimeline([
      ev('taskCreated', { nodeId: 'ops', taskId: 't1', payload: { assigneeId: 'a' } }),
      ev('taskCancelled', {
        nodeId: 'ops',
        taskId: 't1',
        actorId: 'a',
        payload: { reason: 'transferred' },
      }),
      ev('taskCreated', { nodeId: 'ops', taskId: 't2', payload: { assigneeId: 'b' } }),
      ev('signersAdded', {
        nodeId: 'ops',
        taskId: 't2',
        actorId: 'b',
        payload: { userIds: ['c', 'd'], position: 'before' },
      }),
    ]);
    expect(timeline[0]).toMatchObject({ kind: 'transferred', actorId: 'a', userIds: ['b'] });
    expect(timeline[1]).toMatchObject({
      kind: 'signersAdded',
      userIds: ['c', 'd'],
      position: 'before',
    });
    expect(timeline[2]).toMatchObject({ kind: 'pending', userIds: ['b'] });
  });

  it('has nothing pending once the instance ended (withdrawn)', () => {
    seq = 0;
    const timeline = buildTimeline([
      ev('instanceStarted', { actorId: 'pm' }),
      ev('taskCreated', { nodeId: 'ops', taskId: 't1', payload: { assigneeId: 'a' } }),
      ev('taskCancelled', { nodeId: 'ops', taskId: 't1', payload: { reason: 'withdrawn' } }),
      ev('instanceEnded', { actorId: 'pm', payload: { status: 'withdrawn' } }),
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(['started', 'ended']);
    expect(timelineColor('ended', 'withdrawn')).toBe('gray');
  });

  it('keeps comments and incidents', () => {
    seq = 0;
    const timeline = buildTimeline([
      ev('commentAdded', { actorId: 'x', payload: { comment: '@pm 请确认', mentions: ['pm'] } }),
      ev('incident', {
        nodeId: 'hook',
        payload: { incident: { code: 'webhook_failed', message: 'HTTP 500' } },
      }),
    ]);
    expect(timeline).toEqual([
      expect.objectContaining({ kind: 'commented', comment: '@pm 请确认' }),
      expect.objectContaining({ kind: 'incident', message: 'HTTP 500' }),
    ]);
  });
});

describe('returnTargets', () => {
  const nodes = [
    { id: 'start', type: 'start', name: '发起' },
    { id: 'lead', type: 'approval', name: '主管审批' },
    { id: 'auto', type: 'automation', name: '写入' },
    { id: 'fin', type: 'approval', name: '财务审批' },
    { id: 'later', type: 'task', name: '发货' },
  ];

  it('offers people steps already passed, once each, without the current node or start', () => {
    seq = 0;
    const events = [
      ev('nodeEntered', { nodeId: 'start' }),
      ev('nodeCompleted', { nodeId: 'start' }),
      ev('nodeEntered', { nodeId: 'lead' }),
      ev('nodeCompleted', { nodeId: 'lead' }),
      ev('nodeEntered', { nodeId: 'auto' }),
      ev('nodeCompleted', { nodeId: 'auto' }),
      ev('nodeEntered', { nodeId: 'fin' }),
      ev('nodeEntered', { nodeId: 'lead' }),
    ];
    expect(returnTargets(events, nodes, 'fin')).toEqual([{ nodeId: 'lead', name: '主管审批' }]);
  });

  it('names a node by its id when the definition has no name', () => {
    seq = 0;
    expect(
      returnTargets([ev('nodeCompleted', { nodeId: 'x' })], [{ id: 'x', type: 'task' }], 'y'),
    ).toEqual([{ nodeId: 'x', name: 'x' }]);
  });
});
