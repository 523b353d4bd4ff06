// Property tests: whatever comes in, validateDefinition answers with a list
// of well-formed problems and never throws; block-structured definitions
// built by the generator below are always valid.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { FlowEdge, FlowNode, ProcessDefinition } from '../definition.js';
import { PROBLEM_CODES } from './problem-codes.js';
import { validateDefinition } from './validate-definition.js';
import { FORM, directory, everyNodeType } from './fixtures.test-helper.js';

type Block =
  | { kind: 'step'; type: 'task' | 'approval' | 'cc' | 'timer' | 'automation' }
  | { kind: 'seq'; blocks: Block[] }
  | { kind: 'split'; type: 'branch' | 'inclusive' | 'parallel'; blocks: Block[]; join: boolean }
  | { kind: 'loop'; body: Block };

const blockArb: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('step' as const),
      type: fc.constantFrom('task', 'approval', 'cc', 'timer', 'automation'),
    }),
    fc.record({
      kind: fc.constant('seq' as const),
      blocks: fc.array(tie('block'), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('split' as const),
      type: fc.constantFrom('branch', 'inclusive', 'parallel'),
      blocks: fc.array(tie('block'), { minLength: 2, maxLength: 3 }),
      join: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('loop' as const), body: tie('block') }),
  ),
})).block;

const CONDITIONS = [
  { '>=': [{ var: 'amount' }, 500] },
  { '==': [{ var: 'reason' }, 'damaged'] },
  { in: [{ var: 'address.city' }, ['上海', '杭州']] },
  { some: [{ var: 'items' }, { '==': [{ var: 'sku' }, 'A1'] }] },
];

function stepNode(id: string, type: string, i: number): FlowNode {
  const people = [
    { kind: 'role', role: 'finance' },
    { kind: 'manager', level: 1 },
    { kind: 'field', field: 'owner' },
  ];
  switch (type) {
    case 'task':
      return {
        id,
        type,
        name: `任务 ${id}`,
        assignees: [people[i % 3]],
        sla: { due: 'P1D' },
      } as FlowNode;
    case 'approval':
      return {
        id,
        type,
        assignees: [people[i % 3]],
        onReject: { action: 'return', to: 'initiator' },
      } as FlowNode;
    case 'cc':
      return { id, type, recipients: [{ kind: 'initiator' }] };
    case 'timer':
      return i % 2
        ? { id, type, delay: 'PT1H' }
        : { id, type, until: { field: 'liveDate', offset: '-P1D' } };
    default:
      return {
        id,
        type: 'automation',
        action: { kind: 'setFields', values: { reason: { var: 'reason' } } },
      };
  }
}

/** Lays a block out as nodes and edges; a block has one entry node and may leave from several. */
export function definitionOf(root: Block): ProcessDefinition {
  const nodes: FlowNode[] = [{ id: 'start', type: 'start' }];
  const edges: FlowEdge[] = [];
  const add = (node: FlowNode) => (nodes.push(node), node.id);
  const link = (from: string[], to: string, extra: Partial<FlowEdge> = {}) => {
    for (const source of from) edges.push({ id: `e${edges.length}`, source, target: to, ...extra });
  };
  // Adds the block after the `from` nodes (the first edge gets `extra`) and returns its exits.
  const build = (block: Block, from: string[], extra: Partial<FlowEdge> = {}): string[] => {
    const id = `n${nodes.length}`;
    switch (block.kind) {
      case 'step':
        add(stepNode(id, block.type, nodes.length));
        link(from, id, extra);
        return [id];
      case 'seq':
        return block.blocks.reduce(
          (exits, inner, i) => build(inner, exits, i === 0 ? extra : {}),
          from,
        );
      case 'loop': {
        const entry = `n${nodes.length}`;
        const exits = build(block.body, from, extra);
        const check = add({ id: `n${nodes.length}`, type: 'branch', name: '返工? Rework?' });
        link(exits, check);
        link([check], entry, { condition: CONDITIONS[1] });
        const after = add({
          id: `n${nodes.length}`,
          type: 'cc',
          recipients: [{ kind: 'initiator' }],
        });
        link([check], after, { default: true });
        return [after];
      }
      case 'split': {
        add({ id, type: block.type });
        link(from, id, extra);
        const exits = block.blocks.flatMap((inner, i) =>
          build(
            inner,
            [id],
            block.type === 'parallel'
              ? {}
              : i === 0
                ? { default: true }
                : { condition: CONDITIONS[i % 4] },
          ),
        );
        if (!block.join && block.type === 'branch') return exits;
        const join = add({ id: `n${nodes.length}`, type: 'join' });
        link(exits, join);
        return [join];
      }
    }
  };
  const exits = build(root, ['start']);
  link(exits, add({ id: 'end', type: 'end', outcome: 'approved' }));
  return {
    key: 'generated',
    name: '生成 Generated',
    form: { schema: structuredClone(FORM) as unknown as Record<string, unknown> },
    graph: { nodes, edges },
  };
}

/** Every JSON pointer-ish path (as key lists) inside a value. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function mutate(
  value: unknown,
  path: (string | number)[],
  replacement: unknown,
  remove: boolean,
): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const CODES = new Set<string>(PROBLEM_CODES);

function expectWellFormed(problems: unknown): void {
  expect(Array.isArray(problems)).toBe(true);
  for (const p of problems as Record<string, unknown>[]) {
    expect(CODES.has(p.code as string)).toBe(true);
    // invalid_input means an exception was caught: a bug of ours on plain data.
    expect(p.code).not.toBe('invalid_input');
    expect(typeof p.message).toBe('string');
    expect((p.message as string).length).toBeGreaterThan(0);
  }
}

describe('validateDefinition under fuzzing', () => {
  it('accepts every block-structured definition', () => {
    fc.assert(
      fc.property(blockArb, (block) => {
        const definition = definitionOf(block);
        expect(validateDefinition(definition, directory())).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withNullPrototype: true,
          withTypedArray: true,
          withSparseArray: true,
        }),
        (value) => {
          expectWellFormed(validateDefinition(value));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated valid definitions, and answers the same way twice', () => {
    const arb = fc
      .tuple(
        fc.oneof(blockArb.map(definitionOf), fc.constant(everyNodeType())),
        fc.nat(),
        fc.jsonValue({ maxDepth: 3 }),
        fc.boolean(),
      )
      .map(([definition, pick, replacement, remove]) => {
        const all = paths(definition);
        return mutate(definition, all[pick % all.length], replacement, remove);
      });
    fc.assert(
      fc.property(arb, fc.boolean(), (mutated, withDirectory) => {
        const problems = validateDefinition(mutated, withDirectory ? directory() : undefined);
        expectWellFormed(problems);
        expect(validateDefinition(mutated, withDirectory ? directory() : undefined)).toEqual(
          problems,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws when graph parts are rewired at random', () => {
    const arb = fc.tuple(
      blockArb.map(definitionOf),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('source', 'target', 'type', 'drop')), {
        maxLength: 4,
      }),
    );
    fc.assert(
      fc.property(arb, ([definition, changes]) => {
        const { nodes, edges } = definition.graph;
        const types = ['start', 'end', 'join', 'parallel', 'branch', 'inclusive', 'task'];
        for (const [a, b, what] of changes) {
          // Earlier changes may have dropped every node: nothing left to retype or drop.
          if ((what === 'type' || what === 'drop') && nodes.length === 0) continue;
          if (what === 'type')
            Object.assign(nodes[a % nodes.length], { type: types[b % types.length] });
          else if (what === 'drop') nodes.splice(a % nodes.length, 1);
          else if (edges.length > 0)
            edges[a % edges.length][what] = nodes[b % nodes.length]?.id ?? 'gone';
        }
        expectWellFormed(validateDefinition(definition));
      }),
      { numRuns: 2000 },
    );
  });
});
