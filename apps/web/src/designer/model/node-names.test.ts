import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NODE_TYPES, type FlowNode, type ProcessDefinition } from '@baton/flow';
import { endOnEdge } from './branch-ends';
import { copyNodes, duplicateNodes, pasteFragment } from './clipboard';
import { INSERTABLE_TYPES, addNode, insertNodeOnEdge, newDefinition } from './edit-ops';
import { DEFAULT_NODE_NAMES, defaultNodeName, freshNames, isDefaultNodeName } from './node-names';
import { counter, deepFreeze, sampleProcess } from './test-fixtures';

const sample = () => deepFreeze(sampleProcess());
const node = (def: ProcessDefinition, id: string) => def.graph.nodes.find((n) => n.id === id)!;
const names = (def: ProcessDefinition) => def.graph.nodes.map((n) => n.name);

describe('default names', () => {
  it('name every type in both languages, numbered from the second on', () => {
    for (const type of NODE_TYPES) {
      const { 'zh-CN': zh, en } = DEFAULT_NODE_NAMES[type];
      expect(zh).toMatch(/\p{Script=Han}/u);
      expect(en).toMatch(/^[A-Z]/);
      expect(defaultNodeName(type)).toBe(`${zh} ${en}`);
      expect(defaultNodeName(type, 3)).toBe(`${zh} 3 ${en} 3`);
      expect(isDefaultNodeName(type, defaultNodeName(type))).toBe(true);
      expect(isDefaultNodeName(type, ` ${defaultNodeName(type, 12)} `)).toBe(true);
    }
    expect(defaultNodeName('approval')).toBe('审批 Approval');
    expect(defaultNodeName('approval', 2)).toBe('审批 2 Approval 2');
    expect(isDefaultNodeName('approval', '审批 2 Approval 3')).toBe(false);
    expect(isDefaultNodeName('approval', '主管审批 Manager')).toBe(false);
    expect(isDefaultNodeName('task', '审批 Approval')).toBe(false);
  });

  it('hand out the first name no node has, never the same one twice', () => {
    const def = sample();
    const source = freshNames({
      ...def,
      graph: {
        ...def.graph,
        nodes: [
          ...def.graph.nodes,
          { id: 'a', type: 'approval', name: ' 审批 Approval ', assignees: [] },
          { id: 'b', type: 'approval', name: '审批 3 Approval 3', assignees: [] },
        ],
      },
    });
    expect(source.next('approval')).toBe('审批 2 Approval 2');
    expect(source.next('approval')).toBe('审批 4 Approval 4');
    expect(source.next('cc')).toBe('抄送 CC');
  });

  it('a new process starts with every node named: 发起, 审批, 结束', () => {
    const def = newDefinition('leave', '请假');
    expect(node(def, 'start').name).toBe('发起 Start');
    expect(node(def, 'approval').name).toBe('审批 Approval');
    expect(node(def, 'end').name).toBe('结束 End');
    expect(def.graph.nodes.map((n) => n.name)).toEqual(
      (['start', 'approval', 'end'] as const).map((type) => defaultNodeName(type)),
    );
  });

  it('an end of its own for a branch column of a new process is 结束 2 End 2', () => {
    const ids = counter();
    const branched = insertNodeOnEdge(newDefinition('leave', '请假'), 'e2', 'branch', ids);
    const column = branched.graph.edges.find((e) => e.source === 'branch_1')!;
    const def = endOnEdge(branched, column.id, ids);
    expect(def.graph.nodes.filter((n) => n.type === 'end').map((n) => n.name)).toEqual([
      '结束 2 End 2',
      '结束 End',
    ]);
  });
});

describe('nodes the designer creates are named after their type', () => {
  it('on an edge ("+" menu or a palette drop): 审批, then 审批 2, 审批 3', () => {
    let def = sample();
    const ids = counter();
    def = insertNodeOnEdge(def, 'e1', 'approval', ids);
    def = insertNodeOnEdge(def, 'e1', 'approval', ids);
    def = insertNodeOnEdge(def, 'e8', 'approval', ids);
    const added = def.graph.nodes.filter((n) => n.id.startsWith('approval_'));
    expect(added.map((n) => n.name).sort()).toEqual([
      '审批 2 Approval 2',
      '审批 3 Approval 3',
      '审批 Approval',
    ]);
  });

  it('every insertable type, a split together with its join', () => {
    for (const type of INSERTABLE_TYPES) {
      const def = insertNodeOnEdge(sample(), 'e1', type, counter());
      expect(node(def, `${type}_1`).name).toBe(defaultNodeName(type));
      if (['branch', 'inclusive', 'parallel'].includes(type))
        expect(node(def, 'join_2').name).toBe('汇合 Join');
    }
  });

  it('on the canvas (palette drop), and an end on a branch column', () => {
    const dropped = addNode(addNode(sample(), 'cc', counter()), 'cc', counter());
    expect(dropped.graph.nodes.slice(-2).map((n) => n.name)).toEqual(['抄送 CC', '抄送 2 CC 2']);
    const ended = endOnEdge(sample(), 'e3', counter());
    expect(node(ended, 'end_1').name).toBe('结束 End');
    expect(node(endOnEdge(ended, 'e4', counter()), 'end_2').name).toBe('结束 2 End 2');
  });

  it('never renames a node that is already there', () => {
    const before = sample();
    const after = insertNodeOnEdge(
      addNode(before, 'approval', counter()),
      'e2',
      'branch',
      counter(),
    );
    for (const original of before.graph.nodes)
      expect(node(after, original.id).name).toBe(original.name);
    // `notify` has no name and keeps having none.
    expect(node(after, 'notify').name).toBeUndefined();
  });
});

describe('pasted copies get a name of their own', () => {
  it('a named step: "总监审批 2", then "总监审批 3"', () => {
    const def = sample();
    const once = duplicateNodes(def, ['big'], counter())!;
    expect(node(once.definition, once.nodeIds[0]).name).toBe('总监审批 2');
    // A copy of the copy counts on from the original's name.
    const twice = duplicateNodes(once.definition, once.nodeIds, counter())!;
    expect(node(twice.definition, twice.nodeIds[0]).name).toBe('总监审批 3');
    const third = duplicateNodes(twice.definition, ['big'], counter())!;
    expect(node(third.definition, third.nodeIds[0]).name).toBe('总监审批 4');
  });

  it('a default-named or unnamed step takes the next default name', () => {
    const def = insertNodeOnEdge(sample(), 'e1', 'approval', counter());
    const copy = duplicateNodes(def, ['approval_1'], counter())!;
    expect(node(copy.definition, copy.nodeIds[0]).name).toBe('审批 2 Approval 2');
    const cc = duplicateNodes(sample(), ['notify'], counter())!;
    expect(node(cc.definition, cc.nodeIds[0]).name).toBe('抄送 CC');
  });

  it('keeps its name when pasted where no node has it (another process)', () => {
    const fragment = copyNodes(sample(), ['mgr', 'route'])!;
    const other = newDefinition('other', 'Other');
    const pasted = pasteFragment(other, fragment, counter());
    expect(pasted.nodeIds.map((id) => node(pasted.definition, id).name)).toEqual([
      '主管审批',
      '金额',
    ]);
  });

  it('names several copies apart from each other too', () => {
    const def = sample();
    const fragment = copyNodes(def, ['mgr', 'big', 'notify'])!;
    const once = pasteFragment(def, fragment, counter());
    const twice = pasteFragment(once.definition, fragment, counter());
    expect(twice.nodeIds.map((id) => node(twice.definition, id).name)).toEqual([
      '主管审批 3',
      '总监审批 3',
      '抄送 2 CC 2',
    ]);
  });
});

/** A random designer session: inserts, drops, ends and pastes on the sample. */
const session = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), type: fc.constantFrom(...INSERTABLE_TYPES) }),
    fc.record({ kind: fc.constant('add' as const), type: fc.constantFrom(...INSERTABLE_TYPES) }),
    fc.record({ kind: fc.constant('paste' as const), pick: fc.array(fc.nat(), { maxLength: 4 }) }),
    fc.record({ kind: fc.constant('end' as const) }),
  ),
  { maxLength: 15 },
);

describe('names stay unique (property)', () => {
  it('every node a session adds is named, no two nodes share a name, old names stay', () => {
    fc.assert(
      fc.property(session, fc.nat(), (steps, seed) => {
        const start = sample();
        const ids = counter();
        let def: ProcessDefinition = start;
        let i = seed;
        const pickEdge = () => def.graph.edges[(i += 7) % def.graph.edges.length].id;
        for (const step of steps) {
          if (step.kind === 'insert') def = insertNodeOnEdge(def, pickEdge(), step.type, ids);
          else if (step.kind === 'add') def = addNode(def, step.type, ids);
          else if (step.kind === 'end') {
            const edge = def.graph.edges.find((e) => e.source === 'route');
            if (edge) def = endOnEdge(def, edge.id, ids);
          } else {
            const picked = step.pick.map((n) => def.graph.nodes[n % def.graph.nodes.length].id);
            const fragment = copyNodes(def, picked);
            if (fragment) def = pasteFragment(def, fragment, ids).definition;
          }
        }
        const before = new Map(start.graph.nodes.map((n) => [n.id, n.name]));
        const added: FlowNode[] = def.graph.nodes.filter((n) => !before.has(n.id));
        for (const n of added) expect(n.name?.trim()).toBeTruthy();
        for (const n of def.graph.nodes)
          if (before.has(n.id)) expect(n.name).toBe(before.get(n.id));
        const given = names(def).filter((n): n is string => n !== undefined);
        expect(new Set(given).size).toBe(given.length);
      }),
      { numRuns: 200 },
    );
  });
});
