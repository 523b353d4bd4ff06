import { describe, expect, it } from '@jest/globals';
import { validateDefinition } from './validate-definition.js';
import { chain, codes, def, e, n, simple } from './fixtures.test-helper.js';

describe('ids and endpoints', () => {
  it('duplicate_id: two nodes with one id', () => {
    const d = def(
      [n.start(), n.approval('a'), n.approval('a'), n.end()],
      chain(['start', 'a', 'end']),
    );
    const problems = validateDefinition(d);
    expect(problems).toEqual([
      {
        code: 'duplicate_id',
        message: 'Two nodes have the id "a"; node ids must be unique.',
        nodeId: 'a',
        path: '/graph/nodes/2/id',
      },
    ]);
  });

  it('duplicate_id: two edges with one id', () => {
    const d = def([n.start(), n.end()], [e('x', 'start', 'end'), e('x', 'start', 'end')]);
    expect(validateDefinition(d)[0]).toMatchObject({
      code: 'duplicate_id',
      edgeId: 'x',
      path: '/graph/edges/1/id',
    });
  });

  it('missing_node: an edge to a node that does not exist', () => {
    const d = simple();
    d.graph.edges.push(e('ghost', 'a', 'nowhere'));
    const problems = validateDefinition(d);
    expect(problems[0]).toEqual({
      code: 'missing_node',
      message:
        'Edge "ghost" (a → nowhere) has target "nowhere", but there is no node with that id.',
      edgeId: 'ghost',
      path: '/graph/edges/2/target',
    });
  });

  it('missing_node: an edge from a node that does not exist', () => {
    const d = simple();
    d.graph.edges.push(e('ghost', 'nowhere', 'end'));
    expect(validateDefinition(d)[0]).toMatchObject({
      code: 'missing_node',
      path: '/graph/edges/2/source',
    });
  });
});

describe('graph shape', () => {
  it('start_count: no start', () => {
    const d = def([n.approval('a'), n.end()], chain(['a', 'end']));
    expect(validateDefinition(d)).toEqual([
      { code: 'start_count', message: 'The flow has no start node; it needs exactly one.' },
    ]);
  });

  it('start_count: two starts', () => {
    const d = def(
      [n.start('s1'), n.start('s2'), n.end()],
      [e('a', 's1', 'end'), e('b', 's2', 'end')],
    );
    expect(validateDefinition(d)[0]).toMatchObject({
      code: 'start_count',
      message: 'The flow has 2 start nodes (s1, s2); it needs exactly one.',
      nodeId: 's2',
    });
  });

  it('no_end: a flow without an end', () => {
    const d = def([n.start(), n.approval('a')], chain(['start', 'a']));
    expect(codes(validateDefinition(d))).toEqual(['no_end']);
  });

  it('start_inbound: an edge back into the start', () => {
    const d = simple();
    d.graph.nodes.push(n.of('branch', 'b'));
    d.graph.edges = [
      ...chain(['start', 'a', 'b']),
      e('back', 'b', 'start', { condition: true }),
      e('out', 'b', 'end', { default: true }),
    ];
    expect(codes(validateDefinition(d))).toEqual(['start_inbound']);
  });

  it('end_outbound: an edge out of an end', () => {
    const d = simple();
    d.graph.nodes.push(n.end('end2'));
    d.graph.edges.push(e('after', 'end', 'end2'));
    const problems = validateDefinition(d);
    expect(codes(problems)).toContain('end_outbound');
    expect(problems.find((p) => p.code === 'end_outbound')).toMatchObject({
      nodeId: 'end',
      message: 'End "end" has outgoing edges; an end node ends the flow.',
    });
  });

  it('multiple_outgoing: an approval with two outgoing edges', () => {
    const d = simple();
    d.graph.nodes.push(n.end('end2'));
    d.graph.edges.push(e('second', 'a', 'end2'));
    expect(validateDefinition(d)).toEqual([
      {
        code: 'multiple_outgoing',
        message:
          'Approval "审批 a" (a) has 2 outgoing edges; only branch, inclusive and parallel nodes may have more than one.',
        nodeId: 'a',
      },
    ]);
  });

  it('unreachable: a node nothing leads to', () => {
    const d = simple();
    d.graph.nodes.push(n.approval('island'));
    d.graph.edges.push(e('i', 'island', 'end'));
    expect(validateDefinition(d)).toEqual([
      {
        code: 'unreachable',
        message: 'Approval "审批 island" (island) cannot be reached from the start.',
        nodeId: 'island',
      },
    ]);
  });

  it('no_path_to_end: a dead end', () => {
    const d = def(
      [n.start(), n.approval('a'), n.approval('stuck'), n.of('parallel', 'p'), n.end()],
      [...chain(['start', 'p']), e('x', 'p', 'a'), e('y', 'p', 'stuck'), e('z', 'a', 'end')],
    );
    const problems = validateDefinition(d);
    expect(problems).toEqual([
      {
        code: 'no_path_to_end',
        message:
          'Approval "审批 stuck" (stuck) has no outgoing edge, so the flow stops there without reaching an end.',
        nodeId: 'stuck',
      },
    ]);
  });

  it('no_path_to_end: a cycle with no exit', () => {
    const d = def(
      [n.start(), n.approval('a'), n.approval('b'), n.end()],
      [e('1', 'start', 'a'), e('2', 'a', 'b'), e('3', 'b', 'a')],
    );
    const problems = validateDefinition(d);
    expect(codes(problems)).toEqual([
      'unreachable',
      'no_path_to_end',
      'no_path_to_end',
      'no_path_to_end',
    ]);
    expect(problems[2].message).toBe(
      'No end can be reached from Approval "审批 a" (a); it is caught in a loop with no way out.',
    );
  });
});
