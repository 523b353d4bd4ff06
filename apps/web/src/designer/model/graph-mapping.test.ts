import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NODE_TYPES, type FlowEdge, type FlowNode, type ProcessDefinition } from '@baton/flow';
import { createNode } from './edit-ops';
import { fromFlowElements, toFlowElements } from './graph-mapping';
import { sampleProcess, withoutPositions } from './test-fixtures';

const position = fc.record({
  x: fc.integer({ min: -5000, max: 5000 }),
  y: fc.integer({ min: -5000, max: 5000 }),
});

const definition: fc.Arbitrary<ProcessDefinition> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 12 })
  .chain((ids) =>
    fc.record({
      nodes: fc.tuple(
        ...ids.map((id) =>
          fc
            .record(
              {
                type: fc.constantFrom(...NODE_TYPES),
                name: fc.string({ maxLength: 10 }),
                stage: fc.string({ maxLength: 10 }),
                position,
                'x-note': fc.jsonValue({ maxDepth: 2 }),
              },
              { requiredKeys: ['type'] },
            )
            .map(
              ({ type, ...extra }): FlowNode => ({ ...createNode(type, id), ...extra }) as FlowNode,
            ),
        ),
      ),
      edges: fc.uniqueArray(
        fc.record(
          {
            id: fc.stringMatching(/^e[0-9]{1,3}$/),
            source: fc.constantFrom(...ids),
            target: fc.constantFrom(...ids),
            condition: fc.jsonValue({ maxDepth: 3 }),
            default: fc.boolean(),
            label: fc.string({ maxLength: 8 }),
          },
          { requiredKeys: ['id', 'source', 'target'] },
        ),
        { selector: (e) => e.id, maxLength: 20 },
      ),
    }),
  )
  .map(({ nodes, edges }) => ({
    ...sampleProcess(),
    graph: { nodes, edges: edges as FlowEdge[] },
  }));

describe('toFlowElements / fromFlowElements', () => {
  it('round-trips any definition up to positions (property)', () => {
    fc.assert(
      fc.property(definition, (def) => {
        const { nodes, edges } = toFlowElements(def);
        const back = fromFlowElements(nodes, edges, def);
        expect(withoutPositions(back)).toEqual(withoutPositions(def));
        // Positions that were there come back as they were.
        for (const node of def.graph.nodes)
          if (node.position)
            expect(back.graph.nodes.find((n) => n.id === node.id)!.position).toEqual(node.position);
      }),
      { numRuns: 200 },
    );
  });

  it('writes positions back from the canvas', () => {
    const def = sampleProcess();
    const { nodes, edges } = toFlowElements(def);
    const moved = nodes.map((n) => (n.id === 'mgr' ? { ...n, position: { x: 10, y: 220 } } : n));
    const back = fromFlowElements(moved, edges, def);
    expect(back.graph.nodes.find((n) => n.id === 'mgr')!.position).toEqual({ x: 10, y: 220 });
    expect(def.graph.nodes.find((n) => n.id === 'mgr')!.position).toBeUndefined();
  });

  it('takes edges drawn or reconnected on the canvas', () => {
    const def = sampleProcess();
    const { nodes, edges } = toFlowElements(def);
    const changed = [
      ...edges.map((e) => (e.id === 'e8' ? { ...e, target: 'mgr' } : e)),
      { id: 'new', source: 'wait', target: 'end' },
    ];
    const back = fromFlowElements(nodes, changed, def);
    expect(back.graph.edges.find((e) => e.id === 'e8')).toEqual({
      id: 'e8',
      source: 'wait',
      target: 'mgr',
    });
    expect(back.graph.edges.at(-1)).toEqual({ id: 'new', source: 'wait', target: 'end' });
  });

  it('gives React Flow nodes cards with a title, summary, colour key, badges and status', () => {
    const def = sampleProcess();
    const { nodes, edges } = toFlowElements(def, {
      lang: 'zh-CN',
      roles: { director: '运营总监', finance: '财务' },
      problems: [
        { code: 'no_assignees', message: 'x', nodeId: 'big' },
        { code: 'missing_condition', message: 'y', edgeId: 'e3' },
      ],
      statuses: { start: 'done', mgr: 'done', route: 'done', big: 'active' },
    });
    const big = nodes.find((n) => n.id === 'big')!;
    expect(big).toMatchObject({ id: 'big', type: 'approval', position: { x: 0, y: 0 } });
    expect(big.data).toMatchObject({
      title: '总监审批',
      summary: '运营总监 · 会签',
      appearance: 'approver',
      status: 'active',
    });
    expect(big.data.problems.map((p) => p.code)).toEqual(['no_assignees']);
    expect(nodes.find((n) => n.id === 'notify')!.data).toMatchObject({
      summary: '抄送: 财务',
      appearance: 'cc',
      problems: [],
    });
    expect(nodes.find((n) => n.id === 'wait')!.data.summary).toBe('等待 3 天');
    expect(nodes.find((n) => n.id === 'end')!.data.status).toBeUndefined();

    const e3 = edges.find((e) => e.id === 'e3')!;
    expect(e3).toMatchObject({ source: 'route', target: 'big', label: '金额 ≥ 500' });
    expect(e3.data).toMatchObject({ choice: true, labelText: '金额 ≥ 500', taken: true });
    expect(e3.data!.problems.map((p) => p.code)).toEqual(['missing_condition']);
    expect(edges.find((e) => e.id === 'e4')!.label).toBe('其他情况');
    expect(edges.find((e) => e.id === 'e4')!.data!.taken).toBe(false);
    expect(edges.find((e) => e.id === 'e1')!.data).toMatchObject({ choice: false, labelText: '' });
  });

  it('numbers edges between the same two nodes, so empty branch columns can be drawn apart', () => {
    const def = sampleProcess();
    def.graph.edges.push({
      id: 'e9',
      source: 'route',
      target: 'big',
      condition: { '<': [{ var: 'amount' }, 0] },
    });
    const { edges } = toFlowElements(def, { lang: 'en' });
    expect(edges.find((e) => e.id === 'e3')!.data).toMatchObject({ lane: 0, lanes: 2 });
    expect(edges.find((e) => e.id === 'e9')!.data).toMatchObject({
      lane: 1,
      lanes: 2,
      labelText: '金额 < 0',
    });
    expect(edges.find((e) => e.id === 'e1')!.data).toMatchObject({ lane: 0, lanes: 1 });
  });
});
