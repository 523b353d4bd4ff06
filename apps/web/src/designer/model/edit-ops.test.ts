import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { validateDefinition, type ProcessDefinition } from '@baton/flow';
import {
  EditError,
  INSERTABLE_TYPES,
  addColumn,
  addNode,
  connect,
  connectionProblem,
  insertNodeOnEdge,
  moveColumn,
  newDefinition,
  removeEdge,
  removeNode,
  setDefaultEdge,
  updateEdge,
  updateNode,
  type InsertableType,
} from './edit-ops';
import { createHistory } from './history';
import { AMOUNT_OVER_500, counter, sampleProcess } from './test-fixtures';

/** Frozen all the way down: any mutation by an edit throws (ES modules are strict). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const sample = () => deepFreeze(sampleProcess());
const problems = (def: ProcessDefinition) =>
  validateDefinition(def).map((p) => ({ code: p.code, at: p.nodeId ?? p.edgeId }));

/** What a freshly inserted node still needs before publishing, by type. */
function expectedProblems(type: InsertableType, def: ProcessDefinition, nodeId: string) {
  switch (type) {
    case 'approval':
    case 'task':
    case 'cc':
      return [{ code: 'no_assignees', at: nodeId }];
    case 'automation':
      return [{ code: 'invalid_automation', at: nodeId }];
    case 'branch':
    case 'inclusive':
      // The first column has no condition yet; the second is the default.
      return [
        {
          code: 'missing_condition',
          at: def.graph.edges.find((e) => e.source === nodeId && !e.default)!.id,
        },
      ];
    default:
      return [];
  }
}

describe('insertNodeOnEdge', () => {
  const cases = sampleProcess().graph.edges.flatMap((edge) =>
    INSERTABLE_TYPES.map((type) => [type, edge.id] as const),
  );

  it.each(cases)(
    'a %s on %s leaves only the expected problems, and removing it restores the flow',
    (type, edgeId) => {
      const before = sample();
      expect(problems(before)).toEqual([]);
      const after = insertNodeOnEdge(before, edgeId, type, counter());
      const nodeId = `${type}_1`;
      expect(after.graph.nodes.find((n) => n.id === nodeId)?.type).toBe(type);
      expect(problems(after)).toEqual(expectedProblems(type, after, nodeId));
      expect(removeNode(after, nodeId)).toEqual(before);
    },
  );

  it('keeps the condition on the part of the edge that leaves the branch', () => {
    const after = insertNodeOnEdge(sample(), 'e3', 'task', counter());
    expect(after.graph.edges.find((e) => e.id === 'e3')).toEqual({
      id: 'e3',
      source: 'route',
      target: 'task_1',
      condition: AMOUNT_OVER_500,
    });
    expect(after.graph.edges.find((e) => e.source === 'task_1')).toEqual({
      id: 'e_2',
      source: 'task_1',
      target: 'big',
    });
  });

  it('gives a split two empty columns, a default and a join', () => {
    const after = insertNodeOnEdge(sample(), 'e1', 'branch', counter());
    expect(after.graph.nodes.slice(0, 3).map((n) => n.id)).toEqual(['start', 'branch_1', 'join_2']);
    expect(after.graph.edges.slice(0, 4)).toEqual([
      { id: 'e1', source: 'start', target: 'branch_1' },
      { id: 'e_3', source: 'branch_1', target: 'join_2' },
      { id: 'e_4', source: 'branch_1', target: 'join_2', default: true },
      { id: 'e_5', source: 'join_2', target: 'mgr' },
    ]);
    const parallel = insertNodeOnEdge(sample(), 'e1', 'parallel', counter());
    expect(
      parallel.graph.edges
        .filter((e) => e.source === 'parallel_1')
        .every((e) => e.default === undefined),
    ).toBe(true);
  });

  it('skips ids already in use and refuses what cannot go on an edge', () => {
    const taken = () => {
      const ids = ['mgr', 'e1', 'x1', 'e2', 'e3'];
      return () => ids.shift() ?? 'never';
    };
    const after = insertNodeOnEdge(sample(), 'e1', 'cc', taken());
    expect(after.graph.nodes.map((n) => n.id)).toContain('x1');
    expect(() => insertNodeOnEdge(sample(), 'e1', 'end', counter())).toThrow(EditError);
    expect(() => insertNodeOnEdge(sample(), 'e1', 'join', counter())).toThrow(EditError);
    expect(() => insertNodeOnEdge(sample(), 'nope', 'cc', counter())).toThrow(
      expect.objectContaining({ code: 'missing_edge' }),
    );
    expect(() => insertNodeOnEdge(sample(), 'e1', 'cc', () => 'mgr')).toThrow(
      expect.objectContaining({ code: 'no_free_id' }),
    );
  });
});

describe('removeNode', () => {
  it('bridges a step: its inbound edge now leads where it led', () => {
    const after = removeNode(sample(), 'mgr');
    expect(after.graph.edges.find((e) => e.id === 'e1')).toEqual({
      id: 'e1',
      source: 'start',
      target: 'route',
    });
    expect(after.graph.edges.some((e) => e.id === 'e2')).toBe(false);
    expect(problems(after)).toEqual([]);
  });

  it('empties a branch column, keeping its condition', () => {
    const after = removeNode(sample(), 'big');
    expect(after.graph.edges.find((e) => e.id === 'e3')).toEqual({
      id: 'e3',
      source: 'route',
      target: 'merge',
      condition: AMOUNT_OVER_500,
    });
    expect(problems(after)).toEqual([]);
  });

  it.each(['route', 'merge'])('removing %s removes the whole branch block', (id) => {
    const after = removeNode(sample(), id);
    expect(after.graph.nodes.map((n) => n.id)).toEqual(['start', 'mgr', 'wait', 'end']);
    expect(after.graph.edges).toEqual([
      { id: 'e1', source: 'start', target: 'mgr' },
      { id: 'e2', source: 'mgr', target: 'wait' },
      { id: 'e8', source: 'wait', target: 'end' },
    ]);
  });

  it('removes a branch whose columns never meet, keeping the default column', () => {
    const def: ProcessDefinition = {
      ...sampleProcess(),
      graph: {
        nodes: [
          { id: 'start', type: 'start' },
          { id: 'b', type: 'branch' },
          { id: 'no', type: 'end', outcome: 'rejected' },
          { id: 'a', type: 'approval', assignees: [{ kind: 'initiator' }] },
          { id: 'yes', type: 'end', outcome: 'approved' },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'b' },
          { id: 'e2', source: 'b', target: 'no', condition: AMOUNT_OVER_500 },
          { id: 'e3', source: 'b', target: 'a', default: true },
          { id: 'e4', source: 'a', target: 'yes' },
        ],
      },
    };
    const after = removeNode(deepFreeze(def), 'b');
    expect(after.graph.nodes.map((n) => n.id)).toEqual(['start', 'a', 'yes']);
    expect(after.graph.edges).toEqual([
      { id: 'e1', source: 'start', target: 'a' },
      { id: 'e4', source: 'a', target: 'yes' },
    ]);
  });

  it('removes an end with its edges and refuses to remove the start', () => {
    const after = removeNode(sample(), 'end');
    expect(after.graph.edges.some((e) => e.target === 'end')).toBe(false);
    expect(problems(after).map((p) => p.code)).toContain('no_end');
    expect(() => removeNode(sample(), 'start')).toThrow(
      expect.objectContaining({ code: 'cannot_remove_start' }),
    );
  });

  it('remove then undo restores exactly', () => {
    const def = sample();
    let history = createHistory(def);
    history = history.push(removeNode(history.present, 'route'));
    history = history.push(removeNode(history.present, 'mgr'));
    expect(history.present.graph.nodes).toHaveLength(3);
    history = history.undo().undo();
    expect(history.present).toBe(def);
    expect(history.present).toEqual(sampleProcess());
    expect(history.redo().present.graph.nodes).toHaveLength(4);
  });
});

describe('random edit sessions (property)', () => {
  const step = fc.oneof(
    fc.record({
      op: fc.constant('insert' as const),
      pick: fc.nat(),
      type: fc.constantFrom(...INSERTABLE_TYPES),
    }),
    fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
  );

  it('never mutates, and leaves only the problems new nodes bring', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const ids = counter();
        let def = sample();
        for (const s of steps) {
          if (s.op === 'insert') {
            const edges = def.graph.edges;
            def = deepFreeze(insertNodeOnEdge(def, edges[s.pick % edges.length].id, s.type, ids));
          } else {
            const removable = def.graph.nodes.filter((n) => n.type !== 'start' && n.type !== 'end');
            if (removable.length > 0)
              def = deepFreeze(removeNode(def, removable[s.pick % removable.length].id));
          }
        }
        const codes = new Set(problems(def).map((p) => p.code));
        for (const code of codes)
          expect(['no_assignees', 'missing_condition', 'invalid_automation']).toContain(code);
      }),
      { numRuns: 300 },
    );
  });
});

describe('other edits', () => {
  it('starts a new process that can be published as it is', () => {
    const def = newDefinition('leave', '请假');
    expect(def.graph.nodes.map((n) => n.type)).toEqual(['start', 'approval', 'end']);
    expect(def.graph.nodes.map((n) => n.name)).toEqual(['发起 Start', '审批 Approval', '结束 End']);
    expect(validateDefinition(def)).toEqual([]);
  });

  it('adds an unconnected node from the palette', () => {
    const after = addNode(sample(), 'timer', counter(), { x: 5, y: 6 });
    expect(after.graph.nodes.at(-1)).toEqual({
      id: 'timer_1',
      type: 'timer',
      name: '等待 Wait',
      delay: 'P1D',
      position: { x: 5, y: 6 },
    });
    expect(problems(after)).toEqual(
      [
        { code: 'no_path_to_end', at: 'timer_1' },
        { code: 'unreachable', at: 'timer_1' },
      ].sort((a, b) => (a.code < b.code ? 1 : -1)),
    );
  });

  it('connects nodes, refusing connections the flow cannot have', () => {
    const def = addNode(sample(), 'cc', counter());
    expect(connectionProblem(def, 'end', 'cc_1')).toBe('from_end');
    expect(connectionProblem(def, 'cc_1', 'start')).toBe('into_start');
    expect(connectionProblem(def, 'cc_1', 'cc_1')).toBe('self_loop');
    expect(connectionProblem(def, 'mgr', 'route')).toBe('duplicate');
    expect(connectionProblem(def, 'route', 'big')).toBeUndefined();
    expect(() => connect(def, 'end', 'cc_1', counter())).toThrow(
      expect.objectContaining({ code: 'invalid_connection' }),
    );
    const after = connect(def, 'cc_1', 'end', counter());
    expect(after.graph.edges.at(-1)).toEqual({ id: 'e_1', source: 'cc_1', target: 'end' });
    expect(removeEdge(after, 'e_1')).toEqual(def);
  });

  it('updates a node, a key set to undefined is removed', () => {
    const def = sample();
    const after = updateNode(def, 'big', { mode: 'vote', passRatio: 0.5, name: undefined });
    expect(after.graph.nodes.find((n) => n.id === 'big')).toEqual({
      id: 'big',
      type: 'approval',
      assignees: [{ kind: 'role', role: 'director' }],
      mode: 'vote',
      passRatio: 0.5,
    });
    expect(
      updateNode(def, 'big', { id: 'other', type: 'cc' } as never).graph.nodes.find(
        (n) => n.id === 'big',
      )!.type,
    ).toBe('approval');
    expect(() => updateNode(def, 'nope', {})).toThrow(
      expect.objectContaining({ code: 'missing_node' }),
    );
  });

  it('edits conditions and the default column', () => {
    const def = sample();
    const cond = { '<': [{ var: 'amount' }, 10] };
    expect(
      updateEdge(def, 'e3', { condition: cond }).graph.edges.find((e) => e.id === 'e3')!.condition,
    ).toEqual(cond);
    const swapped = setDefaultEdge(def, 'e3');
    expect(swapped.graph.edges.find((e) => e.id === 'e3')).toEqual({
      id: 'e3',
      source: 'route',
      target: 'big',
      default: true,
    });
    expect(swapped.graph.edges.find((e) => e.id === 'e4')).toEqual({
      id: 'e4',
      source: 'route',
      target: 'notify',
    });
  });

  it('adds a column before the default one, leading to the join', () => {
    const after = addColumn(sample(), 'route', counter());
    const columns = after.graph.edges.filter((e) => e.source === 'route').map((e) => e.id);
    expect(columns).toEqual(['e3', 'e_1', 'e4']);
    expect(after.graph.edges.find((e) => e.id === 'e_1')).toEqual({
      id: 'e_1',
      source: 'route',
      target: 'merge',
    });
    expect(problems(after)).toEqual([{ code: 'missing_condition', at: 'e_1' }]);
    expect(() => addColumn(sample(), 'mgr', counter())).toThrow(
      expect.objectContaining({ code: 'not_a_split' }),
    );
  });

  it('moves columns left and right', () => {
    const def = sample();
    const moved = moveColumn(def, 'e4', -1);
    expect(moved.graph.edges.filter((e) => e.source === 'route').map((e) => e.id)).toEqual([
      'e4',
      'e3',
    ]);
    expect(moveColumn(def, 'e3', -1)).toBe(def);
  });
});

describe('createHistory', () => {
  it('undoes and redoes, and a new edit clears the redo list', () => {
    let h = createHistory(1);
    expect(h.canUndo).toBe(false);
    h = h.push(2).push(3);
    expect(h.undo().present).toBe(2);
    expect(h.undo().canRedo).toBe(true);
    expect(h.undo().redo().present).toBe(3);
    expect(h.undo().push(9).canRedo).toBe(false);
    expect(h.push(3)).toBe(h);
    expect(createHistory(1).undo().present).toBe(1);
    expect(h.replace(7).undo().present).toBe(2);
  });

  it('keeps at most `limit` undo steps', () => {
    let h = createHistory(0, 3);
    for (let i = 1; i <= 10; i += 1) h = h.push(i);
    let undone = 0;
    while (h.canUndo) {
      h = h.undo();
      undone += 1;
    }
    expect(undone).toBe(3);
    expect(h.present).toBe(7);
  });
});
