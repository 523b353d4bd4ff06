// Gateways, timers, automations and ends: a Given/When/Then scenario per node kind.
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
const joinFires = (d: Driver, id = 'join') =>
  d.effectsOf('nodeCompleted').filter((e) => e.nodeId === id).length;

describe('branch', () => {
  const nodes: FlowNode[] = [
    { id: 'b', type: 'branch' },
    { id: 'big', type: 'task', assignees: users('frank') },
    { id: 'mid', type: 'task', assignees: users('carol') },
    { id: 'small', type: 'task', assignees: users('bob') },
  ];
  const edges: EdgeSpec[] = [
    ['start', 'b'],
    ['b', 'big', { condition: { '>=': [{ var: 'amount' }, 1000] } }],
    ['b', 'mid', { condition: { '>=': [{ var: 'amount' }, 100] } }],
    ['b', 'small', { default: true }],
    ['big', 'end'],
    ['mid', 'end'],
    ['small', 'end'],
  ];
  it('takes the first edge whose condition holds, in array order', () => {
    expect(
      given(nodes, edges, { amount: 5000 })
        .openTasks()
        .map((t) => t.nodeId),
    ).toEqual(['big']);
    expect(
      given(nodes, edges, { amount: 500 })
        .openTasks()
        .map((t) => t.nodeId),
    ).toEqual(['mid']);
  });
  it('takes the default edge when no condition holds', () => {
    expect(
      given(nodes, edges, { amount: 5 })
        .openTasks()
        .map((t) => t.nodeId),
    ).toEqual(['small']);
  });
  it('raises an incident when nothing holds and there is no default', () => {
    const d = given(
      nodes,
      edges.filter((e) => e[1] !== 'small'),
      { amount: 5 },
    );
    expect(Object.values(d.state.incidents)).toEqual([
      expect.objectContaining({ code: 'no_branch_matched', nodeId: 'b' }),
    ]);
    expect(d.state.status).toBe('running');
  });
  it('treats a condition json-logic cannot run as false', () => {
    const d = given(nodes, [
      ['start', 'b'],
      ['b', 'big', { condition: { nope: [1] } }],
      ['b', 'small', { default: true }],
      ['big', 'end'],
      ['small', 'end'],
    ]);
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['small']);
  });
});

describe('inclusive + join', () => {
  const nodes: FlowNode[] = [
    { id: 'i', type: 'inclusive' },
    { id: 'tv', type: 'task', assignees: users('bob') },
    { id: 'web', type: 'task', assignees: users('carol') },
    { id: 'none', type: 'task', assignees: users('dave') },
    { id: 'join', type: 'join' },
  ];
  const edges: EdgeSpec[] = [
    ['start', 'i'],
    ['i', 'tv', { condition: { in: ['tv', { var: 'channels' }] } }],
    ['i', 'web', { condition: { in: ['web', { var: 'channels' }] } }],
    ['i', 'none', { default: true }],
    ['tv', 'join'],
    ['web', 'join'],
    ['none', 'join'],
    ['join', 'end'],
  ];
  it('takes every edge whose condition holds; the join waits for those only', () => {
    const d = given(nodes, edges, { channels: ['tv', 'web'] });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['tv', 'web']);
    d.act('web', 'submit');
    expect(joinFires(d)).toBe(0);
    d.act('tv', 'submit');
    expect(joinFires(d)).toBe(1);
    expect(d.state.status).toBe('completed');
  });
  it('takes the default edge when none holds', () => {
    const d = given(nodes, edges, { channels: [] });
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['none']);
    d.act('none', 'submit');
    expect(d.state.status).toBe('completed');
  });
});

describe('parallel + join', () => {
  it('runs every branch; the join fires once, after the last', () => {
    const d = given(
      [
        { id: 'p', type: 'parallel' },
        { id: 'x', type: 'task', assignees: users('bob') },
        { id: 'y', type: 'task', assignees: users('carol') },
        { id: 'join', type: 'join' },
      ],
      [
        ['start', 'p'],
        ['p', 'x'],
        ['p', 'y'],
        ['x', 'join'],
        ['y', 'join'],
        ['join', 'end'],
      ],
    );
    d.act('x', 'submit');
    expect(d.state.status).toBe('running');
    d.act('y', 'submit');
    expect(joinFires(d)).toBe(1);
    expect(d.state.status).toBe('completed');
  });

  it('a branch inside a parallel region never hangs the join (dead paths are discarded)', () => {
    const d = given(
      [
        { id: 'p', type: 'parallel' },
        { id: 'x', type: 'task', assignees: users('bob') },
        { id: 'b', type: 'branch' },
        { id: 'y1', type: 'task', assignees: users('carol') },
        { id: 'y2', type: 'task', assignees: users('dave') },
        { id: 'join', type: 'join' },
      ],
      [
        ['start', 'p'],
        ['p', 'x'],
        ['p', 'b'],
        ['b', 'y1', { condition: { '==': [{ var: 'k' }, 1] } }],
        ['b', 'y2', { default: true }],
        ['x', 'join'],
        ['y1', 'join'],
        ['y2', 'join'],
        ['join', 'end'],
      ],
      { k: 1 },
    );
    d.act('y1', 'submit');
    d.act('x', 'submit');
    expect(joinFires(d)).toBe(1);
    expect(d.state.status).toBe('completed');
  });

  it('a join on a path not taken never fires and passes the discard on', () => {
    const d = given(
      [
        { id: 'b', type: 'branch' },
        { id: 'p', type: 'parallel' },
        { id: 'x', type: 'task', assignees: users('bob') },
        { id: 'y', type: 'task', assignees: users('carol') },
        { id: 'join', type: 'join' },
        { id: 'z', type: 'task', assignees: users('dave') },
        { id: 'last', type: 'task', assignees: users('erin') },
      ],
      [
        ['start', 'b'],
        ['b', 'p', { condition: { var: 'big' } }],
        ['b', 'z', { default: true }],
        ['p', 'x'],
        ['p', 'y'],
        ['x', 'join'],
        ['y', 'join'],
        ['join', 'last'],
        ['z', 'last'],
        ['last', 'end'],
      ],
      { big: false },
    );
    d.act('z', 'submit');
    expect(d.openTasks().map((t) => t.nodeId)).toEqual(['last']);
    expect(joinFires(d)).toBe(0);
    d.act('last', 'submit');
    expect(d.state.status).toBe('completed');
    expect(d.effectsOf('nodeEntered').filter((e) => e.nodeId === 'last')).toHaveLength(1);
  });
});

describe('timer', () => {
  const edges: EdgeSpec[] = [
    ['start', 'w'],
    ['w', 'end'],
  ];
  it('delay: schedules a timer and passes when it fires', () => {
    const d = given([{ id: 'w', type: 'timer', delay: 'PT2H' }], edges);
    expect(d.effectsOf('scheduleTimer')).toEqual([
      {
        type: 'scheduleTimer',
        timer: expect.objectContaining({
          at: '2030-01-01T11:00:00.000Z',
          purpose: 'node',
          nodeId: 'w',
        }),
      },
    ]);
    d.fireNextTimer();
    expect(d.state.status).toBe('completed');
    expect(d.state.timers).toEqual([]);
  });
  it('until: waits until a date field moved by an offset (T-3)', () => {
    const d = given(
      [{ id: 'w', type: 'timer', until: { field: 'liveDate', offset: '-P3D' } }],
      edges,
      { liveDate: '2030-02-10' },
    );
    expect(d.state.timers[0].at).toBe('2030-02-07T00:00:00.000Z');
  });
  it('a time already past lets the token through at once', () => {
    const d = given([{ id: 'w', type: 'timer', until: { field: 'liveDate' } }], edges, {
      liveDate: '2020-01-01',
    });
    expect(d.state.status).toBe('completed');
  });
  it('an unusable date field raises an incident', () => {
    const d = given([{ id: 'w', type: 'timer', until: { field: 'liveDate' } }], edges, {});
    expect(d.state.incidents.map((i) => i.code)).toEqual(['invalid_timer']);
  });
  it('a late or repeated timerFired is refused and changes nothing', () => {
    const d = given([{ id: 'w', type: 'timer', delay: 'PT1H' }], edges);
    const id = d.state.timers[0].id;
    d.fireNextTimer();
    expect(d.apply({ type: 'timerFired', timerId: id })).toMatchObject({ ok: false });
  });
});

describe('automation', () => {
  it('setFields: computes JsonLogic values from one snapshot of the data', () => {
    const d = given(
      [
        {
          id: 'auto',
          type: 'automation',
          action: {
            kind: 'setFields',
            values: { total: { '*': [{ var: 'price' }, { var: 'qty' }] }, price: 0, tag: 'done' },
          },
        },
      ],
      [
        ['start', 'auto'],
        ['auto', 'end'],
      ],
      { price: 3, qty: 4 },
    );
    expect(d.state.data).toEqual({ price: 0, qty: 4, total: 12, tag: 'done' });
    expect(d.effectsOf('fieldChanged').map((e) => e.field)).toEqual(['total', 'price', 'tag']);
  });

  it('webhook: asks for the call, waits, and merges the answer', () => {
    const d = given(
      [
        {
          id: 'hook',
          type: 'automation',
          action: {
            kind: 'webhook',
            url: 'https://erp.example/orders',
            body: { order: { var: 'order' }, fixed: 1 },
          },
        },
      ],
      [
        ['start', 'hook'],
        ['hook', 'end'],
      ],
      { order: 'A1' },
    );
    const [call] = d.effectsOf('callWebhook');
    expect(call.request).toEqual({
      url: 'https://erp.example/orders',
      method: 'POST',
      headers: {},
      body: { order: 'A1', fixed: 1 },
    });
    d.must({
      type: 'automationResult',
      activationId: call.activationId,
      ok: true,
      data: { erpId: 'E9' },
    });
    expect(d.state).toMatchObject({ status: 'completed', data: { erpId: 'E9' } });
  });

  it('webhook failure: an incident an admin retries', () => {
    const d = given(
      [
        {
          id: 'hook',
          type: 'automation',
          action: { kind: 'webhook', url: 'https://x', method: 'PUT' },
        },
      ],
      [
        ['start', 'hook'],
        ['hook', 'end'],
      ],
    );
    const [call] = d.effectsOf('callWebhook');
    d.must({ type: 'automationResult', activationId: call.activationId, ok: false, error: '502' });
    const [incident] = d.state.incidents;
    expect(incident).toMatchObject({ code: 'automation_failed', message: '502' });
    expect(d.apply({ type: 'retryNode', incidentId: incident.id, actorId: 'alice' })).toMatchObject(
      { code: 'not_admin' },
    );
    d.must({ type: 'retryNode', incidentId: incident.id, actorId: 'root' });
    expect(d.effectsOf('callWebhook', d.last)).toHaveLength(1);
    d.must({ type: 'automationResult', activationId: call.activationId, ok: true });
    expect(d.state.status).toBe('completed');
  });

  it('startProcess: asks for a child instance with computed data', () => {
    const d = given(
      [
        {
          id: 'child',
          type: 'automation',
          action: { kind: 'startProcess', key: 'refund', data: { amount: { var: 'amount' } } },
        },
      ],
      [
        ['start', 'child'],
        ['child', 'end'],
      ],
      { amount: 9 },
    );
    expect(d.effectsOf('startProcess')).toEqual([
      expect.objectContaining({ key: 'refund', data: { amount: 9 } }),
    ]);
    expect(d.apply({ type: 'automationResult', activationId: 'nope', ok: true })).toMatchObject({
      code: 'automation_not_pending',
    });
  });
});

describe('end', () => {
  it('ends with its outcome and cancels everything still open elsewhere', () => {
    const d = given(
      [
        { id: 'p', type: 'parallel' },
        { id: 'slow', type: 'task', assignees: users('bob'), sla: { due: 'P1D' } },
        { id: 'fast', type: 'task', assignees: users('carol') },
        { id: 'ok', type: 'end', outcome: 'approved' },
      ],
      [
        ['start', 'p'],
        ['p', 'slow'],
        ['p', 'fast'],
        ['fast', 'ok'],
        ['slow', 'end'],
      ],
    );
    const slowTimer = d.state.timers[0].id;
    d.act('fast', 'submit');
    expect(d.state).toMatchObject({ status: 'approved', endedBy: { nodeId: 'ok', reason: 'end' } });
    expect(d.effectsOf('cancelTask', d.last)).toEqual([
      expect.objectContaining({ nodeId: 'slow', reason: 'instanceEnded' }),
    ]);
    expect(d.effectsOf('cancelTimer', d.last)).toEqual([
      { type: 'cancelTimer', timerId: slowTimer },
    ]);
    expect(d.state.activations).toEqual([]);
  });
});
