import { describe, expect, it } from '@jest/globals';
import { validateDefinition } from './validate-definition.js';
import {
  chain,
  codes,
  def,
  directory,
  e,
  everyNodeType,
  n,
  simple,
} from './fixtures.test-helper.js';

describe('validateDefinition', () => {
  it('accepts a definition that uses every node type', () => {
    expect(validateDefinition(everyNodeType(), directory())).toEqual([]);
  });

  it('accepts the smallest definition', () => {
    expect(validateDefinition(simple())).toEqual([]);
  });

  it.each([null, undefined, 'refund', 42, true, [], [1, 2], {}])(
    'answers %p with problems, not an exception',
    (input) => {
      const problems = validateDefinition(input);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems[0].code).toBe('schema');
    },
  );
});

describe('validateDefinition as a whole', () => {
  it('reports structure first and checks nothing else until it is sound', () => {
    const d = def([n.start(), n.of('approval', 'a', { assignees: 'everyone' })], []);
    expect(codes(validateDefinition(d))).toEqual(['schema']);
  });

  it('reports problems in a fixed order: form, ids, shape, edges, nodes', () => {
    const d = def(
      [
        n.start(),
        n.approval('a', { assignees: [] }),
        n.approval('a'),
        n.of('branch', 'b'),
        n.approval('c', { assignees: [{ kind: 'role', role: 'ceo' }] }),
      ],
      [e('1', 'start', 'a'), e('2', 'a', 'b'), e('3', 'b', 'c'), e('4', 'c', 'missing')],
    );
    d.form.schema = { type: 'object', properties: { x: { type: 'nonsense' } } };
    const problems = validateDefinition(d, directory());
    expect(codes(problems)).toEqual([
      'invalid_form_schema',
      'duplicate_id',
      'missing_node',
      'no_end',
      'missing_default',
      'missing_condition',
      'no_assignees',
      'unknown_role',
    ]);
    expect(validateDefinition(structuredClone(d), directory())).toEqual(problems);
  });

  it('answers a throwing directory with a problem, not an exception', () => {
    const broken = {
      ...directory(),
      roleExists: () => {
        throw new Error('directory offline');
      },
    };
    expect(validateDefinition(simple(), broken)).toEqual([
      { code: 'invalid_input', message: 'The definition could not be checked: directory offline' },
    ]);
  });

  it('answers a hostile Proxy with a problem, not an exception', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw 'no keys';
        },
      },
    );
    expect(validateDefinition(hostile)).toEqual([
      { code: 'invalid_input', message: 'The definition could not be checked: no keys' },
    ]);
  });

  it('validates 2,000 nodes quickly', () => {
    const ids = Array.from({ length: 1998 }, (_, i) => `t${i}`);
    const d = def(
      [n.start(), ...ids.map((id) => n.task(id)), n.end()],
      chain(['start', ...ids, 'end']),
    );
    const before = performance.now();
    expect(validateDefinition(d, directory())).toEqual([]);
    expect(performance.now() - before).toBeLessThan(2000);
  });
});
