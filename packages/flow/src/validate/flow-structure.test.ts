import { describe, expect, it } from '@jest/globals';
import type { FlowEdge, FlowNode } from '../definition.js';
import { validateDefinition } from './validate-definition.js';
import { codes, def, e, n } from './fixtures.test-helper.js';

/** Builds a definition from "a>b" edge strings; node types come from the id's prefix. */
function graph(...specs: string[]) {
  const ids = new Set<string>();
  const edges: FlowEdge[] = [];
  for (const spec of specs) {
    const [source, target, flag] = spec.split(/[>:]/);
    ids.add(source);
    ids.add(target);
    const extra =
      flag === 'default'
        ? { default: true }
        : flag === 'if'
          ? { condition: { '>': [{ var: 'amount' }, 1] } }
          : {};
    edges.push(e(`${source}-${target}`, source, target, extra));
  }
  const types: Record<string, string> = { P: 'parallel', I: 'inclusive', B: 'branch', J: 'join' };
  const nodes: FlowNode[] = [...ids].map((id) =>
    id === 'start'
      ? n.start()
      : id.startsWith('end')
        ? n.end(id)
        : types[id[0]]
          ? n.of(types[id[0]], id)
          : n.task(id),
  );
  return def(nodes, edges);
}

describe('split and join pairing', () => {
  it('accepts parallel, inclusive and branch blocks, nested', () => {
    const d = graph(
      'start>P1',
      'P1>a',
      'P1>I1',
      'I1>b:if',
      'I1>B1:default',
      'B1>c:if',
      'B1>d:default',
      'c>J0',
      'd>J0',
      'b>J1',
      'J0>J1',
      'a>J2',
      'J1>J2',
      'J2>end',
    );
    expect(validateDefinition(d)).toEqual([]);
  });

  it('accepts exclusive merges without a join, into a task and into an end', () => {
    const d = graph(
      'start>B1',
      'B1>a:if',
      'B1>b:default',
      'a>c',
      'b>c',
      'c>B2',
      'B2>end:if',
      'B2>d:default',
      'd>end',
    );
    expect(validateDefinition(d)).toEqual([]);
  });

  it('accepts a loop back through a branch ("send back for rework")', () => {
    const d = graph('start>work', 'work>check', 'check>B1', 'B1>end:if', 'B1>work:default');
    expect(validateDefinition(d)).toEqual([]);
  });

  it('join_mismatch: a join with one inbound edge', () => {
    const d = graph('start>a', 'a>J1', 'J1>end');
    expect(validateDefinition(d)).toEqual([
      {
        code: 'join_mismatch',
        message: 'Join "J1" has fewer than two inbound edges; a join merges the paths of a split.',
        nodeId: 'J1',
      },
    ]);
  });

  it('join_mismatch: a join whose paths do not all come from its split', () => {
    // P1's path through b goes on to J2 without passing J1.
    const d = graph(
      'start>P1',
      'P1>a',
      'P1>P2',
      'P2>b',
      'P2>c',
      'a>J1',
      'b>J1',
      'J1>J2',
      'c>J2',
      'J2>end',
    );
    const problems = validateDefinition(d);
    expect(codes(problems)).toContain('join_mismatch');
    expect(problems.find((p) => p.code === 'join_mismatch')?.message).toBe(
      'Join "J1" does not merge all paths of Parallel split "P1": some of them reach an end or another join without passing it.',
    );
  });

  it('join_mismatch: a loop back into a join', () => {
    const d = graph(
      'start>P1',
      'P1>a',
      'P1>b',
      'a>J1',
      'b>J1',
      'J1>c',
      'c>B1',
      'B1>J1:if',
      'B1>end:default',
    );
    expect(validateDefinition(d)[0]).toMatchObject({
      code: 'join_mismatch',
      message:
        'Join "J1" is entered again from "B1", which comes after it; loop back to a node before the split instead.',
    });
  });

  it('join_mismatch: a join merging one path of each of two branches', () => {
    const d = graph(
      'start>B1',
      'B1>a:if',
      'B1>x:default',
      'a>J1',
      'x>B2',
      'B2>b:if',
      'B2>end:default',
      'b>J1',
      'J1>end',
    );
    const problems = validateDefinition(d);
    expect(problems).toEqual([
      {
        code: 'join_mismatch',
        message:
          'Join "J1" does not merge all paths of Branch "B1": some of them reach an end or another join without passing it.',
        nodeId: 'J1',
      },
    ]);
  });

  it('join_mismatch: a join whose paths come from no split at all', () => {
    const d = graph('start>a', 'a>b', 'a>c', 'b>J1', 'c>J1', 'J1>end');
    expect(codes(validateDefinition(d))).toEqual(['multiple_outgoing', 'join_mismatch']);
    expect(validateDefinition(d)[1].message).toBe(
      'Join "J1" merges paths that do not come from one split (branch, inclusive or parallel).',
    );
  });

  it('unjoined_split: parallel paths that each run to an end', () => {
    const d = graph('start>P1', 'P1>a', 'P1>b', 'a>end', 'b>end2');
    expect(validateDefinition(d)).toEqual([
      {
        code: 'unjoined_split',
        message:
          'The paths of Parallel split "P1" never meet at a join; add a join where they should come together.',
        nodeId: 'P1',
      },
    ]);
  });

  it('multiple_incoming: two parallel paths merging into a task', () => {
    const d = graph('start>P1', 'P1>a', 'P1>b', 'a>c', 'b>c', 'c>J1', 'J1>end');
    const problems = validateDefinition(d);
    expect(codes(problems)).toEqual(['join_mismatch', 'multiple_incoming']);
    expect(problems[1]).toEqual({
      code: 'multiple_incoming',
      message:
        'Task "c" is reached by several paths of Parallel split "P1" at once and would run once for each; merge them with a join first.',
      nodeId: 'c',
    });
  });

  it('multiple_incoming: inclusive paths merging into an end', () => {
    const d = graph('start>I1', 'I1>a:if', 'I1>b:default', 'a>end', 'b>end');
    expect(codes(validateDefinition(d))).toEqual(['unjoined_split', 'multiple_incoming']);
  });

  it('region_escape: a loop from inside a parallel region back before the split', () => {
    const d = graph(
      'start>prep',
      'prep>P1',
      'P1>a',
      'P1>b',
      'a>J1',
      'b>B1',
      'B1>J1:default',
      'B1>prep:if',
      'J1>end',
    );
    const problems = validateDefinition(d);
    expect(problems).toEqual([
      {
        code: 'region_escape',
        message:
          'Edge "B1-prep" (B1 → prep) leaves the paths between Parallel split "P1" and its join without passing the join.',
        edgeId: 'B1-prep',
      },
    ]);
  });

  it('skips the pairing analysis while the shape itself is broken', () => {
    const d = graph('start>P1', 'P1>a', 'P1>b', 'a>end');
    expect(codes(validateDefinition(d))).toEqual(['no_path_to_end']);
  });
});
