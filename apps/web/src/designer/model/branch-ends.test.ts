import { describe, expect, it } from '@jest/globals';
import { validateDefinition, type ProcessDefinition } from '@baton/flow';
import { canEndOnEdge, endOnEdge } from './branch-ends';
import { insertNodeOnEdge, newDefinition, removeNode, updateEdge } from './edit-ops';
import { AMOUNT_OVER_500, counter, deepFreeze, sampleProcess } from './test-fixtures';

const codes = (def: ProcessDefinition) => validateDefinition(def).map((p) => p.code);

/** start → approval → branch (two empty columns) → join → end, as the "+" builds it. */
function freshBranch(): ProcessDefinition {
  const blank = { ...newDefinition('demo', 'Demo'), form: sampleProcess().form };
  const def = insertNodeOnEdge(blank, 'e2', 'branch', counter());
  // The first column's condition, as the condition drawer sets it.
  const first = def.graph.edges.find((e) => e.source === 'branch_1' && !e.default)!;
  return deepFreeze(updateEdge(def, first.id, { condition: AMOUNT_OVER_500 }));
}

describe('endOnEdge', () => {
  it('ends a branch column on its own: the join goes, two ends, no problems', () => {
    const def = freshBranch();
    expect(def.graph.nodes.map((n) => n.id)).toEqual([
      'start',
      'approval',
      'branch_1',
      'join_2',
      'end',
    ]);
    const first = def.graph.edges.find((e) => e.source === 'branch_1' && !e.default)!;
    const after = endOnEdge(def, first.id, counter());
    expect(after.graph.nodes.map((n) => [n.id, n.type])).toEqual([
      ['start', 'start'],
      ['approval', 'approval'],
      ['branch_1', 'branch'],
      ['end_1', 'end'],
      ['end', 'end'],
    ]);
    expect(after.graph.edges).toEqual([
      { id: 'e1', source: 'start', target: 'approval' },
      { id: 'e2', source: 'approval', target: 'branch_1' },
      { id: 'e_3', source: 'branch_1', target: 'end_1', condition: AMOUNT_OVER_500 },
      { id: 'e_4', source: 'branch_1', target: 'end', default: true },
    ]);
    expect(validateDefinition(after)).toEqual([]);
  });

  it('ending the default column instead keeps the condition column going to the old end', () => {
    const def = freshBranch();
    const fallback = def.graph.edges.find((e) => e.source === 'branch_1' && e.default)!;
    const after = endOnEdge(def, fallback.id, counter());
    expect(after.graph.edges.filter((e) => e.source === 'branch_1')).toEqual([
      { id: 'e_3', source: 'branch_1', target: 'end', condition: AMOUNT_OVER_500 },
      { id: 'e_4', source: 'branch_1', target: 'end_1', default: true },
    ]);
    expect(validateDefinition(after)).toEqual([]);
  });

  it('keeps a join that still merges two or more paths', () => {
    const def = freshBranch();
    const withThird = deepFreeze({
      ...def,
      graph: {
        ...def.graph,
        edges: [...def.graph.edges, { id: 'e_x', source: 'branch_1', target: 'join_2' }],
      },
    });
    const after = endOnEdge(withThird, 'e_3', counter());
    expect(after.graph.nodes.some((n) => n.id === 'join_2')).toBe(true);
    expect(after.graph.edges.filter((e) => e.target === 'join_2').map((e) => e.id)).toEqual([
      'e_4',
      'e_x',
    ]);
  });

  it('ends a column after its step, with the join of the sample bridged', () => {
    const def = deepFreeze(sampleProcess());
    const after = endOnEdge(def, 'e5', counter());
    expect(after.graph.nodes.map((n) => n.id)).toEqual([
      'start',
      'mgr',
      'route',
      'big',
      'end_1',
      'notify',
      'wait',
      'end',
    ]);
    expect(after.graph.edges.find((e) => e.id === 'e5')).toEqual({
      id: 'e5',
      source: 'big',
      target: 'end_1',
    });
    expect(after.graph.edges.find((e) => e.id === 'e6')).toEqual({
      id: 'e6',
      source: 'notify',
      target: 'wait',
    });
    expect(validateDefinition(after)).toEqual([]);
  });

  it('removing the new end again leaves a valid flow to build on', () => {
    const def = freshBranch();
    const after = endOnEdge(def, 'e_3', counter());
    expect(codes(removeNode(after, 'end_1'))).toEqual([]);
  });
});

describe('canEndOnEdge', () => {
  it('offers 结束 on branch columns and a column step, not where it would cut the flow', () => {
    const def = freshBranch();
    const offered = def.graph.edges.filter((e) => canEndOnEdge(def, e.id)).map((e) => e.id);
    // Both columns; not start → approval, approval → branch or join → end (each would orphan a node).
    expect(offered).toEqual(['e_3', 'e_4']);
    const sample = deepFreeze(sampleProcess());
    expect(sample.graph.edges.filter((e) => canEndOnEdge(sample, e.id)).map((e) => e.id)).toEqual([
      'e5',
      'e6',
    ]);
    expect(canEndOnEdge(def, 'missing')).toBe(false);
  });

  it('does not offer it inside a parallel split: its paths must meet at the join', () => {
    const def = deepFreeze(
      insertNodeOnEdge(newDefinition('demo', 'Demo'), 'e2', 'parallel', counter()),
    );
    const columns = def.graph.edges.filter((e) => e.source === 'parallel_1');
    expect(columns).toHaveLength(2);
    for (const column of columns) {
      expect(canEndOnEdge(def, column.id)).toBe(false);
      // …because doing it anyway is a problem the validator names.
      expect(codes(endOnEdge(def, column.id, counter())).length).toBeGreaterThan(0);
    }
  });
});
