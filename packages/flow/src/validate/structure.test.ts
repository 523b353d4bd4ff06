import { describe, expect, it } from '@jest/globals';
import { MAX_SCHEMA_PROBLEMS, validateStructure } from './structure.js';
import { validateDefinition } from './validate-definition.js';
import { simple } from './fixtures.test-helper.js';

describe('structural problems', () => {
  it('reports missing properties at the root', () => {
    expect(validateDefinition({})).toEqual([
      {
        code: 'schema',
        message: 'The definition is missing the required property "key".',
        path: '',
      },
      {
        code: 'schema',
        message: 'The definition is missing the required property "name".',
        path: '',
      },
      {
        code: 'schema',
        message: 'The definition is missing the required property "form".',
        path: '',
      },
      {
        code: 'schema',
        message: 'The definition is missing the required property "graph".',
        path: '',
      },
    ]);
  });

  it('names the node or edge a problem sits in', () => {
    const d = simple() as unknown as { graph: { nodes: object[]; edges: object[] } };
    Object.assign(d.graph.nodes[1], { mode: 'unanimous', colour: 'red' });
    Object.assign(d.graph.edges[0], { default: 'yes' });
    d.graph.nodes.push({ id: 'q', type: 'gateway' }, { id: 'r' }, { type: 5 });
    expect(validateDefinition(d)).toEqual([
      {
        code: 'schema',
        message: '/graph/nodes/1 has an unknown property "colour".',
        path: '/graph/nodes/1',
        nodeId: 'a',
      },
      {
        code: 'schema',
        message: '/graph/nodes/1/mode must be one of: "any", "all", "sequential", "vote".',
        path: '/graph/nodes/1/mode',
        nodeId: 'a',
      },
      {
        code: 'schema',
        message: '/graph/nodes/3 has an unknown type "gateway".',
        path: '/graph/nodes/3',
        nodeId: 'q',
      },
      {
        code: 'schema',
        message: '/graph/nodes/4 is missing the required property "type".',
        path: '/graph/nodes/4',
        nodeId: 'r',
      },
      {
        code: 'schema',
        message: '/graph/nodes/5/type must be of type string.',
        path: '/graph/nodes/5/type',
      },
      {
        code: 'schema',
        message: '/graph/edges/0/default must be of type boolean.',
        path: '/graph/edges/0/default',
        edgeId: 'e1',
      },
    ]);
  });

  it('explains the key pattern, lengths and limits in words', () => {
    const d = simple();
    d.key = 'Refund!';
    d.graph.nodes[1].name = 'n'.repeat(201);
    d.graph.nodes[1].id = '';
    expect(validateDefinition(d).map((p) => p.message)).toEqual([
      '/key must start with a lowercase letter and hold 2 to 63 lowercase letters, digits or dashes.',
      '/graph/nodes/1/id must not be empty.',
      '/graph/nodes/1/name is longer than 200 characters.',
    ]);
  });

  it('refuses 10,000 nodes clearly', () => {
    const d = simple();
    d.graph.nodes = Array.from({ length: 10_000 }, (_, i) => ({
      id: `n${i}`,
      type: 'join' as const,
    }));
    const problems = validateDefinition(d);
    expect(problems).toEqual([
      { code: 'schema', message: '/graph/nodes has more than 2000 items.', path: '/graph/nodes' },
    ]);
  });

  it('reports one problem for a due time that matches neither form', () => {
    const problems = validateDefinition(
      simple({ sla: { due: { offset: 'P1D' }, onOverdue: { action: 'shout' } } }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      '/graph/nodes/1/sla/due does not match any of its allowed forms.',
      '/graph/nodes/1/sla/onOverdue/action must be one of: "remind", "escalate", "autoApprove", "autoReject".',
    ]);
  });

  it(`lists at most ${MAX_SCHEMA_PROBLEMS} problems and says how many more there are`, () => {
    const d = simple();
    d.graph.nodes = Array.from(
      { length: 80 },
      (_, i) => ({ id: `n${i}`, type: 'join', bad: true }) as never,
    );
    const problems = validateStructure(d);
    expect(problems).toHaveLength(MAX_SCHEMA_PROBLEMS + 1);
    expect(problems.at(-1)).toEqual({
      code: 'schema',
      message: '30 more structural problems are not listed.',
      path: '',
    });
  });

  it('describes other keywords with the ajv message', () => {
    const d = simple() as unknown as { graph: { nodes: object[] } };
    Object.assign(d.graph.nodes[1], { assignees: [{ kind: 'manager', level: 0 }] });
    expect(validateDefinition(d)[0].message).toBe('/graph/nodes/1/assignees/0/level must be >= 1.');
  });
});
