import { describe, expect, it } from '@jest/globals';
import type { FlowEdge } from '../definition.js';
import { validateDefinition } from './validate-definition.js';
import { AMOUNT_OVER_500, codes, def, e, n } from './fixtures.test-helper.js';

/** start → choose → (a | b) → end, with the two choice edges given. */
function choice(type: 'branch' | 'inclusive', toA: Partial<FlowEdge>, toB: Partial<FlowEdge>) {
  const nodes = [
    n.start(),
    n.of(type, 'choose', { name: '金额' }),
    n.approval('a'),
    n.approval('b'),
    n.end(),
  ];
  const edges = [
    e('s', 'start', 'choose'),
    e('ca', 'choose', 'a', toA),
    e('cb', 'choose', 'b', toB),
    e('ae', 'a', 'end'),
    e('be', 'b', 'end'),
  ];
  if (type === 'inclusive') {
    nodes.push(n.of('join', 'j'));
    edges.splice(3, 2, e('ae', 'a', 'j'), e('be', 'b', 'j'), e('je', 'j', 'end'));
  }
  return def(nodes, edges);
}

describe('conditions and default edges', () => {
  it('accepts a branch with one conditional and one default edge', () => {
    expect(
      validateDefinition(choice('branch', { condition: AMOUNT_OVER_500 }, { default: true })),
    ).toEqual([]);
  });

  it('missing_default: a branch without a default edge', () => {
    const problems = validateDefinition(
      choice(
        'branch',
        { condition: AMOUNT_OVER_500 },
        { condition: { '<': [{ var: 'amount' }, 500] } },
      ),
    );
    expect(problems).toEqual([
      {
        code: 'missing_default',
        message:
          'Branch "金额" (choose) has no default edge; mark one outgoing edge as the default, taken when no condition holds.',
        nodeId: 'choose',
      },
    ]);
  });

  it('missing_default: an inclusive without a default edge', () => {
    const problems = validateDefinition(
      choice('inclusive', { condition: AMOUNT_OVER_500 }, { condition: true }),
    );
    expect(codes(problems)).toEqual(['missing_default']);
  });

  it('multiple_default: two default edges', () => {
    const problems = validateDefinition(choice('branch', { default: true }, { default: true }));
    expect(problems).toEqual([
      {
        code: 'multiple_default',
        message: 'Branch "金额" (choose) has 2 default edges (ca, cb); it needs exactly one.',
        nodeId: 'choose',
      },
    ]);
  });

  it('default_with_condition: a default edge that also has a condition', () => {
    const problems = validateDefinition(
      choice('branch', { condition: AMOUNT_OVER_500 }, { default: true, condition: true }),
    );
    expect(problems).toEqual([
      {
        code: 'default_with_condition',
        message:
          'Edge "cb" (choose → b) is the default edge of Branch "金额" (choose) and also has a condition; a default edge has none.',
        edgeId: 'cb',
      },
    ]);
  });

  it('missing_condition: a non-default edge out of a branch without a condition', () => {
    const problems = validateDefinition(choice('branch', {}, { default: true }));
    expect(problems).toEqual([
      {
        code: 'missing_condition',
        message:
          'Edge "ca" (choose → a) leaves Branch "金额" (choose) without a condition; give it one or make it the default edge.',
        edgeId: 'ca',
      },
    ]);
  });

  it('unexpected_condition: a condition on an edge out of an approval', () => {
    const d = def(
      [n.start(), n.approval('a'), n.end()],
      [e('1', 'start', 'a'), e('2', 'a', 'end', { condition: AMOUNT_OVER_500 })],
    );
    expect(validateDefinition(d)).toEqual([
      {
        code: 'unexpected_condition',
        message:
          'Edge "2" (a → end) has a condition, but it leaves Approval "审批 a" (a); only edges out of branch and inclusive nodes choose.',
        edgeId: '2',
      },
    ]);
  });

  it('unexpected_condition: a default flag on an edge out of a parallel split', () => {
    const d = def(
      [
        n.start(),
        n.of('parallel', 'p'),
        n.approval('a'),
        n.approval('b'),
        n.of('join', 'j'),
        n.end(),
      ],
      [
        e('1', 'start', 'p'),
        e('2', 'p', 'a', { default: true }),
        e('3', 'p', 'b'),
        e('4', 'a', 'j'),
        e('5', 'b', 'j'),
        e('6', 'j', 'end'),
      ],
    );
    const problems = validateDefinition(d);
    expect(codes(problems)).toEqual(['unexpected_condition']);
    expect(problems[0].message).toContain('has a default flag');
  });

  it('invalid_condition: an operator JsonLogic does not know', () => {
    const problems = validateDefinition(
      choice('branch', { condition: { eval: ['process.exit()'] } }, { default: true }),
    );
    expect(problems).toEqual([
      {
        code: 'invalid_condition',
        message:
          'The condition of Edge "ca" (choose → a) uses "eval", which is not a JsonLogic operator Baton allows.',
        edgeId: 'ca',
        path: '/graph/edges/1/condition',
      },
    ]);
  });

  it('invalid_condition: "log" is refused because it writes to the server console', () => {
    const problems = validateDefinition(
      choice('branch', { condition: { log: 'x' } }, { default: true }),
    );
    expect(codes(problems)).toEqual(['invalid_condition']);
  });

  it('invalid_condition: a known operator with arguments json-logic-js cannot take', () => {
    const problems = validateDefinition(
      choice('branch', { condition: { missing_some: [1] } }, { default: true }),
    );
    expect(problems[0].message).toBe(
      'The condition of Edge "ca" (choose → a) uses "missing_some" with arguments it cannot take.',
    );
  });

  it('unknown_field: a condition reading a field the form does not have', () => {
    const problems = validateDefinition(
      choice('branch', { condition: { '>': [{ var: 'price' }, 1] } }, { default: true }),
    );
    expect(problems).toEqual([
      {
        code: 'unknown_field',
        message:
          'The condition of Edge "ca" (choose → a) reads the field "price", which the form does not have.',
        edgeId: 'ca',
        path: '/graph/edges/1/condition',
      },
    ]);
  });

  it('unknown_field: nested paths are followed as far as the form spells them out', () => {
    const ok = {
      and: [{ var: 'address.city' }, { var: 'extra.anything' }, { var: 'items.0.sku' }],
    };
    expect(validateDefinition(choice('branch', { condition: ok }, { default: true }))).toEqual([]);
    const bad = { var: 'address.street' };
    expect(
      codes(validateDefinition(choice('branch', { condition: bad }, { default: true }))),
    ).toEqual(['unknown_field']);
  });
});
