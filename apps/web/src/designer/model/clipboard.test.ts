import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { validateDefinition, type ApprovalNode, type ProcessDefinition } from '@baton/flow';
import {
  copyNodes,
  duplicateNodes,
  fragmentOrigin,
  offsetTo,
  pasteFragment,
  PASTE_OFFSET,
} from './clipboard';
import { connect } from './edit-ops';
import { counter, deepFreeze, sampleProcess } from './test-fixtures';

const sample = () => deepFreeze(sampleProcess());

/** The sample with an approval that has every kind of property. */
function richSample(): ProcessDefinition {
  const def = sampleProcess();
  const big = def.graph.nodes.find((n) => n.id === 'big') as ApprovalNode;
  Object.assign(big, {
    stage: '复核',
    position: { x: 100, y: 300 },
    onReject: { action: 'return', to: 'mgr' },
    fieldPermissions: { amount: 'read', title: 'hidden', urgent: 'required' },
    sla: {
      due: 'P2D',
      remindBefore: ['PT4H'],
      onOverdue: { action: 'escalate', to: { kind: 'role', role: 'finance' } },
    },
    emptyAssignees: 'toAdmin',
  });
  return deepFreeze(def);
}

describe('copyNodes', () => {
  it('keeps the selected nodes and only the edges between them', () => {
    const fragment = copyNodes(sample(), ['route', 'big', 'notify', 'wait'])!;
    expect(fragment.nodes.map((n) => n.id)).toEqual(['route', 'big', 'notify', 'wait']);
    // e3 and e4 run inside the selection; e2 (mgr → route), e5/e6 (to merge) and e7/e8 leave it.
    expect(fragment.edges.map((e) => e.id)).toEqual(['e3', 'e4']);
  });

  it('never copies the start: a flow has exactly one', () => {
    const fragment = copyNodes(sample(), ['start', 'mgr'])!;
    expect(fragment.nodes.map((n) => n.id)).toEqual(['mgr']);
    expect(fragment.edges).toEqual([]);
    expect(copyNodes(sample(), ['start'])).toBeUndefined();
    expect(copyNodes(sample(), [])).toBeUndefined();
    expect(copyNodes(sample(), ['nope'])).toBeUndefined();
  });

  it('is a deep copy: the fragment does not share objects with the definition', () => {
    const def = richSample();
    const fragment = copyNodes(def, ['big'])!;
    const original = def.graph.nodes.find((n) => n.id === 'big')!;
    expect(fragment.nodes[0]).toEqual(original);
    expect(fragment.nodes[0]).not.toBe(original);
    expect((fragment.nodes[0] as ApprovalNode).sla).not.toBe((original as ApprovalNode).sla);
  });
});

describe('pasteFragment', () => {
  it('gives fresh ids, moves the copy and keeps every property', () => {
    const def = richSample();
    const { definition, nodeIds, idMap } = pasteFragment(def, copyNodes(def, ['big'])!, counter());
    expect(nodeIds).toEqual(['approval_1']);
    expect(idMap.get('big')).toBe('approval_1');
    const original = def.graph.nodes.find((n) => n.id === 'big')!;
    const copy = definition.graph.nodes.find((n) => n.id === 'approval_1')!;
    expect(copy).toEqual({
      ...original,
      id: 'approval_1',
      // The original keeps its name; the copy takes the next free one.
      name: '总监审批 2',
      position: { x: 100 + PASTE_OFFSET.x, y: 300 + PASTE_OFFSET.y },
    });
    // The rest is untouched, the copy comes last.
    expect(definition.graph.nodes.slice(0, -1)).toEqual(def.graph.nodes);
    expect(definition.graph.edges).toEqual(def.graph.edges);
  });

  it('pasting twice gives distinct ids, and ids already in use are skipped', () => {
    const def = sample();
    const fragment = copyNodes(def, ['route', 'big', 'notify', 'merge'])!;
    const ids = counter();
    const once = pasteFragment(def, fragment, ids);
    const twice = pasteFragment(once.definition, fragment, ids, { x: 80, y: 80 });
    const all = [
      ...twice.definition.graph.nodes.map((n) => n.id),
      ...twice.definition.graph.edges.map((e) => e.id),
    ];
    expect(new Set(all).size).toBe(all.length);
    expect(twice.nodeIds).toHaveLength(4);
    expect(twice.nodeIds.some((id) => once.nodeIds.includes(id))).toBe(false);
    // A generator that starts over is skipped past the ids in use.
    const again = pasteFragment(twice.definition, fragment, counter());
    expect(again.nodeIds.some((id) => twice.definition.graph.nodes.some((n) => n.id === id))).toBe(
      false,
    );
  });

  it('copies the block with its internal edges, conditions and default column', () => {
    const def = sample();
    const { definition, idMap } = pasteFragment(
      def,
      copyNodes(def, ['route', 'big', 'notify', 'merge'])!,
      counter(),
    );
    const pasted = definition.graph.edges.slice(def.graph.edges.length);
    expect(pasted).toEqual([
      {
        id: idMap.get('e3'),
        source: idMap.get('route'),
        target: idMap.get('big'),
        condition: { '>=': [{ var: 'amount' }, 500] },
      },
      {
        id: idMap.get('e4'),
        source: idMap.get('route'),
        target: idMap.get('notify'),
        default: true,
      },
      { id: idMap.get('e5'), source: idMap.get('big'), target: idMap.get('merge') },
      { id: idMap.get('e6'), source: idMap.get('notify'), target: idMap.get('merge') },
    ]);
    // Wired in (start → … → mgr → copy → wait) the copy is as valid as the original.
    const wired = {
      ...definition,
      graph: {
        nodes: definition.graph.nodes.filter(
          (n) => !['route', 'big', 'notify', 'merge'].includes(n.id),
        ),
        edges: [
          ...definition.graph.edges.filter(
            (e) => !['e2', 'e3', 'e4', 'e5', 'e6', 'e7'].includes(e.id),
          ),
          { id: 'w1', source: 'mgr', target: idMap.get('route')! },
          { id: 'w2', source: idMap.get('merge')!, target: 'wait' },
        ],
      },
    };
    expect(validateDefinition(wired)).toEqual([]);
  });

  it('follows references into the copy, keeps those outside, and repairs dangling ones', () => {
    const def = richSample();
    const inside = duplicateNodes(def, ['mgr', 'big'], counter())!;
    const copyOf = (d: ProcessDefinition, id: string) =>
      d.graph.nodes.find((n) => n.id === id) as ApprovalNode;
    expect(copyOf(inside.definition, inside.idMap.get('big')!).onReject).toEqual({
      action: 'return',
      to: inside.idMap.get('mgr'),
    });
    const outside = duplicateNodes(def, ['big'], counter())!;
    expect(copyOf(outside.definition, outside.nodeIds[0]).onReject).toEqual({
      action: 'return',
      to: 'mgr',
    });
    // Pasted into another process that has no "mgr": back to the initiator.
    const elsewhere = pasteFragment(
      deepFreeze({
        ...sampleProcess(),
        graph: { nodes: [{ id: 'start', type: 'start' }], edges: [] },
      }),
      copyNodes(def, ['big'])!,
      counter(),
    );
    expect(copyOf(elsewhere.definition, elsewhere.nodeIds[0]).onReject).toEqual({
      action: 'return',
      to: 'initiator',
    });
  });

  it('skips a start smuggled into a fragment', () => {
    const def = sample();
    const { definition, nodeIds } = pasteFragment(
      def,
      { nodes: def.graph.nodes.slice(0, 2), edges: [def.graph.edges[0]] },
      counter(),
    );
    expect(nodeIds).toEqual(['approval_1']);
    expect(definition.graph.nodes.filter((n) => n.type === 'start')).toHaveLength(1);
    expect(definition.graph.edges).toEqual(def.graph.edges);
  });

  it('never mutates; the copy only adds unconnected problems and a copy of what it had (property)', () => {
    const all = sampleProcess().graph.nodes.map((n) => n.id);
    fc.assert(
      fc.property(fc.subarray(all, { minLength: 1 }), (selected) => {
        const def = sample();
        const result = duplicateNodes(def, selected, counter());
        const copyable = selected.filter((id) => id !== 'start');
        if (copyable.length === 0) return expect(result).toBeUndefined();
        const { definition, nodeIds } = result!;
        expect(nodeIds).toHaveLength(copyable.length);
        expect(definition.graph.nodes.slice(0, def.graph.nodes.length)).toEqual(def.graph.nodes);
        // Every pasted edge runs between pasted nodes.
        const pasted = new Set(nodeIds);
        for (const e of definition.graph.edges.slice(def.graph.edges.length))
          expect(pasted.has(e.source) && pasted.has(e.target)).toBe(true);
        // Validation still works, and the start stays unique.
        expect(validateDefinition(definition).some((p) => p.code === 'start_count')).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('a pasted step connected into the flow brings no problem of its own', () => {
    const def = sample();
    const { definition, nodeIds } = duplicateNodes(def, ['notify'], counter())!;
    // Put the copy after "notify": notify → copy → merge.
    const rewired = connect(
      {
        ...definition,
        graph: {
          ...definition.graph,
          edges: definition.graph.edges.map((e) =>
            e.id === 'e6' ? { ...e, target: nodeIds[0] } : e,
          ),
        },
      },
      nodeIds[0],
      'merge',
      counter(),
    );
    expect(validateDefinition(rewired)).toEqual([]);
  });
});

describe('pasting at a point (the canvas menu)', () => {
  it('moves the fragment so its top-left node lands on the point', () => {
    const def = richSample();
    const fragment = copyNodes(def, ['big', 'wait'])!;
    expect(fragmentOrigin(fragment)).toEqual({ x: 100, y: 300 });
    const offset = offsetTo(fragment, { x: 500, y: 40 });
    expect(offset).toEqual({ x: 400, y: -260 });
    const { definition, nodeIds } = pasteFragment(def, fragment, counter(), offset);
    const positions = nodeIds.map(
      (id) => definition.graph.nodes.find((n) => n.id === id)!.position,
    );
    // `wait` had no position: it counts as (0, 0) when pasted.
    expect(positions).toEqual([
      { x: 500, y: 40 },
      { x: 400, y: -260 },
    ]);
    expect(fragmentOrigin({ nodes: [], edges: [] })).toEqual({ x: 0, y: 0 });
  });
});
