// Property-based tests over randomly generated well-formed processes: nested
// parallel / branch / inclusive regions with joins (or plain merges), people's
// steps, timers and automations, driven in random orders.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { FlowNode, ProcessSettings } from '../definition.js';
import { processOf, type EdgeSpec } from './fixtures/build.js';
import { Driver } from './harness.js';
import type { DirectorySnapshot } from './support.js';
import type { Command, Effect, InstanceState, RefusalCode } from './types.js';

// ------------------------------------------------------------ generation

type Leaf =
  | {
      k: 'approval';
      mode: 'any' | 'all' | 'sequential' | 'vote';
      n: number;
      onReject: 'end' | 'initiator';
    }
  | { k: 'task'; mode: 'any' | 'all'; n: number }
  | { k: 'cc' }
  | { k: 'timer' }
  | { k: 'setFields' }
  | { k: 'webhook' };
type Region =
  | { k: 'parallel'; arms: Item[][] }
  | { k: 'branch'; arms: Item[][]; conds: number[]; merge: 'join' | 'direct' }
  | { k: 'inclusive'; arms: Item[][]; conds: number[] };
type Item = Leaf | Region;

const leaf: fc.Arbitrary<Item> = fc.oneof(
  fc.record({
    k: fc.constant('approval' as const),
    mode: fc.constantFrom('any' as const, 'all' as const, 'sequential' as const, 'vote' as const),
    n: fc.integer({ min: 1, max: 3 }),
    onReject: fc.constantFrom('end' as const, 'initiator' as const),
  }),
  fc.record({
    k: fc.constant('task' as const),
    mode: fc.constantFrom('any' as const, 'all' as const),
    n: fc.integer({ min: 1, max: 2 }),
  }),
  fc.constant({ k: 'cc' as const }),
  fc.constant({ k: 'timer' as const }),
  fc.constant({ k: 'setFields' as const }),
  fc.constant({ k: 'webhook' as const }),
);

const { item } = fc.letrec<{ block: Item[]; item: Item }>((tie) => ({
  block: fc.array(tie('item'), { minLength: 0, maxLength: 3 }),
  item: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'region' },
    leaf,
    leaf,
    fc.record({
      k: fc.constant('parallel' as const),
      arms: fc.array(tie('block'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({
      k: fc.constant('branch' as const),
      arms: fc.array(tie('block'), { minLength: 2, maxLength: 3 }),
      conds: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
      merge: fc.constantFrom('join' as const, 'direct' as const),
    }),
    fc.record({
      k: fc.constant('inclusive' as const),
      arms: fc.array(tie('block'), { minLength: 2, maxLength: 3 }),
      conds: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
    }),
  ),
}));

interface Compiled {
  nodes: FlowNode[];
  edges: EdgeSpec[];
  /** split id -> join id, for every region closed by a join. */
  pairs: Map<string, string>;
}

type Pred = { source: string; extra?: EdgeSpec[2] };

const USERS = ['u1', 'u2', 'u3', 'u4'];
const cond = (f: number) => ({ '==': [{ var: `f${f}` }, true] });

function compile(items: Item[]): Compiled {
  const out: Compiled = { nodes: [{ id: 'start', type: 'start' }], edges: [], pairs: new Map() };
  let n = 0;
  const id = (prefix: string) => `${prefix}${++n}`;
  const connect = (preds: Pred[], target: string) => {
    for (const p of preds)
      out.edges.push(p.extra ? [p.source, target, p.extra] : [p.source, target]);
  };
  const node = (preds: Pred[], made: FlowNode): Pred[] => {
    out.nodes.push(made);
    connect(preds, made.id);
    return [{ source: made.id }];
  };
  const seq = (list: Item[], preds: Pred[]): Pred[] =>
    list.reduce((p, item) => one(item, p), preds);
  function one(item: Item, preds: Pred[]): Pred[] {
    const assignees = (k: number) => [{ kind: 'user' as const, ids: USERS.slice(0, k) }];
    switch (item.k) {
      case 'approval':
        return node(preds, {
          id: id('a'),
          type: 'approval',
          assignees: assignees(item.n),
          mode: item.mode,
          passRatio: 0.5,
          ...(item.onReject === 'initiator'
            ? { onReject: { action: 'return' as const, to: 'initiator' } }
            : {}),
        });
      case 'task':
        return node(preds, {
          id: id('t'),
          type: 'task',
          assignees: assignees(item.n),
          mode: item.mode,
        });
      case 'cc':
        return node(preds, { id: id('c'), type: 'cc', recipients: [{ kind: 'initiator' }] });
      case 'timer':
        return node(preds, { id: id('w'), type: 'timer', delay: 'PT1H' });
      case 'setFields':
        return node(preds, {
          id: id('s'),
          type: 'automation',
          action: { kind: 'setFields', values: { f0: { '!': { var: 'f0' } } } },
        });
      case 'webhook':
        return node(preds, {
          id: id('h'),
          type: 'automation',
          action: { kind: 'webhook', url: 'https://hook' },
        });
      default: {
        const split = id(item.k === 'parallel' ? 'p' : item.k === 'branch' ? 'b' : 'i');
        node(preds, { id: split, type: item.k });
        const exits = item.arms.flatMap((arm, i) => {
          const last = i === item.arms.length - 1;
          const extra =
            item.k === 'parallel'
              ? undefined
              : last
                ? { default: true }
                : { condition: cond(item.conds[i]) };
          return seq(arm, [{ source: split, ...(extra ? { extra } : {}) }]);
        });
        if (item.k === 'branch' && item.merge === 'direct') return exits;
        const join = id('j');
        out.pairs.set(split, join);
        return node(exits, { id: join, type: 'join' });
      }
    }
  }
  const exits = seq(items, [{ source: 'start' }]);
  node(exits, { id: 'end', type: 'end', outcome: 'approved' });
  return out;
}

const directory: DirectorySnapshot = {
  users: [...USERS, 'u5', 'admin'].map((id) => ({ id })),
  admins: ['admin'],
};

// --------------------------------------------------------------- driving

const ALLOWED_REFUSALS = new Set<RefusalCode>(['invalid_return_target']);

/** Plays one instance, choosing moves from `choices`; checks invariants after every step. */
function play(
  def: Compiled,
  data: Record<string, boolean>,
  choices: number[],
  chaos: boolean,
  settings: ProcessSettings = {},
): { driver: Driver } {
  const d = new Driver(processOf(def.nodes, def.edges, settings), directory);
  d.start('u5', data);
  check(d);
  let c = 0;
  const pick = <T>(list: T[]): T => list[choices[c++ % choices.length] % list.length];
  for (let step = 0; step < 80 && d.state.status === 'running'; step++) {
    const moves = movesOf(d, chaos);
    expect(moves.length).toBeGreaterThan(0);
    const move = pick(moves)(pick);
    const result = d.apply(move);
    if (!result.ok) {
      expect(ALLOWED_REFUSALS.has(result.code)).toBe(true);
      continue;
    }
    check(d);
  }
  return { driver: d };
}

type Move = (pick: <T>(list: T[]) => T) => Command;

function movesOf(d: Driver, chaos: boolean): Move[] {
  const s = d.state;
  const moves: Move[] = [];
  for (const t of d.openTasks()) {
    const base = { taskId: t.id, actorId: t.assigneeId };
    if (t.kind === 'approval')
      moves.push(() => ({ type: 'completeTask', ...base, action: 'approve' }));
    else moves.push(() => ({ type: 'completeTask', ...base, action: 'submit' }));
    if (!chaos || t.kind === 'resubmit') continue;
    if (t.kind === 'approval')
      moves.push(() => ({ type: 'completeTask', ...base, action: 'reject' }));
    moves.push((pick) => ({
      type: 'return',
      ...base,
      to: pick(['initiator', ...s.history.map((v) => v.nodeId)]),
    }));
    moves.push((pick) => ({
      type: 'transfer',
      ...base,
      to: pick(USERS.filter((u) => u !== t.assigneeId)),
    }));
    moves.push((pick) => ({
      type: 'addSigner',
      ...base,
      to: [pick(USERS.filter((u) => u !== t.assigneeId))],
      position: pick(['before', 'after'] as const),
    }));
  }
  for (const timer of s.timers) moves.push(() => ({ type: 'timerFired', timerId: timer.id }));
  for (const act of s.activations) {
    if (act.pending) {
      moves.push(() => ({ type: 'automationResult', activationId: act.id, ok: true }));
      if (chaos)
        moves.push(() => ({
          type: 'automationResult',
          activationId: act.id,
          ok: false,
          error: 'boom',
        }));
    }
  }
  for (const inc of s.incidents)
    moves.push(() => ({ type: 'retryNode', incidentId: inc.id, actorId: 'admin' }));
  return moves;
}

function check(d: Driver): void {
  const s: InstanceState = d.state;
  expect(plainJson(s)).toBe(true);
  if (s.status === 'running') {
    // No stuck token: every live activation waits on a task, timer, automation or incident.
    expect(s.activations.length).toBeGreaterThan(0);
    // Regions here are well formed, so a node never holds two tokens at once.
    expect(new Set(s.activations.map((a) => a.nodeId)).size).toBe(s.activations.length);
    for (const act of s.activations) {
      const waits =
        s.tasks.some((t) => t.activationId === act.id && t.status === 'open') ||
        (act.timerId !== undefined && s.timers.some((t) => t.id === act.timerId)) ||
        act.pending !== undefined ||
        s.incidents.some((i) => i.activationId === act.id);
      expect(waits).toBe(true);
    }
  } else {
    // Well-formed processes end at an end node or by a decision, never by running dry.
    expect(s.endedBy?.reason).not.toBe('noTokens');
    expect(s.activations).toEqual([]);
    expect(s.timers).toEqual([]);
    expect(s.tasks.filter((t) => t.status === 'open')).toEqual([]);
  }
}

/** Only what JSON keeps as it is: no undefined, NaN, Dates, class instances or shared cycles. */
function plainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(plainJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => v !== undefined && plainJson(v));
}

function checkLog(log: Effect[]): void {
  const closed = new Set<string>();
  for (const e of log) {
    if (e.type === 'completeTask' || e.type === 'cancelTask') {
      expect(closed.has(e.taskId)).toBe(false);
      closed.add(e.taskId);
    }
  }
}

const completions = (log: Effect[], nodeId: string) =>
  log.filter((e) => e.type === 'nodeCompleted' && e.nodeId === nodeId).length;

const process = fc.array(item, { minLength: 1, maxLength: 4 });
const flags = fc.record({ f0: fc.boolean(), f1: fc.boolean(), f2: fc.boolean(), f3: fc.boolean() });
const choices = fc.array(fc.nat(), { minLength: 50, maxLength: 200 });

describe('engine properties over random processes', () => {
  it('done in any order with only approvals, every instance ends approved and each join fires once per split', () => {
    fc.assert(
      fc.property(process, flags, choices, (items, data, order) => {
        const def = compile(items);
        const { driver } = play(def, data, order, false);
        expect(driver.state.status).toBe('approved');
        expect(driver.state.endedBy).toEqual({ nodeId: 'end', reason: 'end' });
        expect(driver.state.rounds).toEqual({});
        checkLog(driver.log);
        for (const [split, join] of def.pairs) {
          expect(completions(driver.log, join)).toBe(completions(driver.log, split));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with rejections, returns, transfers, added signers and failures, nothing throws, sticks or completes twice', () => {
    fc.assert(
      fc.property(process, flags, choices, fc.boolean(), (items, data, order, dedupeApprovers) => {
        const def = compile(items);
        const { driver } = play(def, data, order, true, { dedupeApprovers });
        checkLog(driver.log);
        for (const [split, join] of def.pairs) {
          // Each firing of a join answers its own firing of the split: S J S S J is fine, S J J is not.
          let armed = false;
          for (const e of driver.log) {
            if (e.type !== 'nodeCompleted') continue;
            if (e.nodeId === split) armed = true;
            if (e.nodeId === join) {
              expect(armed).toBe(true);
              armed = false;
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
