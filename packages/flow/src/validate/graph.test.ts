import { describe, expect, it } from '@jest/globals';
import { DominatorTree, indexGraph, predecessors, reachable, successors } from './graph.js';
import { e, n } from './fixtures.test-helper.js';

const adjacency = (spec: Record<string, string[]>) => (id: string) => spec[id] ?? [];

describe('indexGraph', () => {
  it('keeps the first of duplicate ids and leaves out dangling edges', () => {
    const graph = indexGraph(
      [n.start(), n.task('a'), n.task('a', { name: 'second' }), n.end()],
      [e('1', 'start', 'a'), e('1', 'start', 'end'), e('2', 'a', 'ghost'), e('3', 'a', 'end')],
    );
    expect(graph.order).toEqual(['start', 'a', 'end']);
    expect(graph.nodes.get('a')?.name).toBeUndefined();
    expect(successors(graph, 'start')).toEqual(['a']);
    expect(successors(graph, 'a')).toEqual(['end']);
    expect(predecessors(graph, 'end')).toEqual(['a']);
    expect(successors(graph, 'ghost')).toEqual([]);
  });
});

describe('reachable', () => {
  it('walks in breadth-first order and survives cycles', () => {
    expect([...reachable(['a'], adjacency({ a: ['b', 'c'], b: ['a', 'd'], c: ['d'] }))]).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });
});

describe('DominatorTree', () => {
  it('finds dominators of a diamond with a loop', () => {
    // s → a → (b | c) → d → e, and d → a loops back.
    const tree = new DominatorTree(
      's',
      adjacency({ s: ['a'], a: ['b', 'c'], b: ['d'], c: ['d'], d: ['a', 'e'] }),
    );
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => tree.parent(id))).toEqual([
      's',
      'a',
      'a',
      'a',
      'd',
    ]);
    expect(tree.parent('s')).toBeUndefined();
    expect(tree.dominates('a', 'e')).toBe(true);
    expect(tree.dominates('b', 'd')).toBe(false);
    expect(tree.dominates('d', 'd')).toBe(true);
    expect(tree.dominates('x', 'd')).toBe(false);
    expect(tree.nearestCommon(['b', 'c'])).toBe('a');
    expect(tree.nearestCommon(['e', 'b'])).toBe('a');
    expect(tree.findUp('e', (id) => id === 'a' || id === 'b')).toBe('a');
    expect(tree.findUp('e', () => false)).toBeUndefined();
    expect(tree.has('zzz')).toBe(false);
  });

  it('handles an irreducible loop (two entries)', () => {
    const tree = new DominatorTree('s', adjacency({ s: ['a', 'b'], a: ['b'], b: ['a'] }));
    expect(tree.parent('a')).toBe('s');
    expect(tree.parent('b')).toBe('s');
  });

  it('handles a 5,000-node chain without recursion', () => {
    const next: Record<string, string[]> = {};
    for (let i = 0; i < 5000; i += 1) next[`n${i}`] = [`n${i + 1}`];
    const tree = new DominatorTree('n0', adjacency(next));
    expect(tree.dominates('n0', 'n5000')).toBe(true);
    expect(tree.dominates('n4000', 'n10')).toBe(false);
    expect(tree.parent('n5000')).toBe('n4999');
  });
});
