import { describe, expect, it } from '@jest/globals';
import type { ProcessDefinition } from '@baton/flow';
import { insertNodeOnEdge } from './edit-ops';
import { applyPositions, DEFAULT_NODE_SIZE, layoutGraph, type Positions } from './layout';
import { counter, sampleProcess } from './test-fixtures';

const centreX = (p: Positions, id: string) => p[id].x + DEFAULT_NODE_SIZE.width / 2;

function expectTopToBottom(def: ProcessDefinition, p: Positions) {
  const start = p.start.y;
  const ends = def.graph.nodes.filter((n) => n.type === 'end').map((n) => p[n.id].y);
  for (const node of def.graph.nodes) {
    if (node.type !== 'start') expect(p[node.id].y).toBeGreaterThan(start);
    if (node.type !== 'end') for (const end of ends) expect(p[node.id].y).toBeLessThan(end);
  }
}

describe('layoutGraph', () => {
  it('puts start on top, end at the bottom and branch columns side by side, the default last', async () => {
    const def = sampleProcess();
    const p = await layoutGraph(def);
    expect(Object.keys(p).sort()).toEqual(def.graph.nodes.map((n) => n.id).sort());
    expectTopToBottom(def, p);
    // The columns of route: one row, 金额 ≥ 500 (big) left of 其他情况 (notify).
    expect(p.big.y).toBe(p.notify.y);
    expect(p.big.x).toBeLessThan(p.notify.x);
    expect(p.mgr.y).toBeLessThan(p.route.y);
    expect(p.merge.y).toBeGreaterThan(p.big.y);
  });

  it('keeps the default column last even when it comes first in the edge list', async () => {
    const def = sampleProcess();
    const [e1, e2, e3, e4, ...rest] = def.graph.edges;
    def.graph.edges = [e1, e2, e4, e3, ...rest];
    const p = await layoutGraph(def);
    expect(p.big.x).toBeLessThan(p.notify.x);
  });

  it('orders three columns by edge order with the default last', async () => {
    let def = sampleProcess();
    def.graph.edges.splice(3, 0, {
      id: 'e9',
      source: 'route',
      target: 'mid',
      condition: { '>=': [{ var: 'amount' }, 100] },
    });
    def.graph.nodes.push({ id: 'mid', type: 'approval', assignees: [{ kind: 'initiator' }] });
    def.graph.edges.push({ id: 'e10', source: 'mid', target: 'merge' });
    def = { ...def };
    const p = await layoutGraph(def);
    expect(p.big.y).toBe(p.mid.y);
    expect(p.mid.y).toBe(p.notify.y);
    expect(p.big.x).toBeLessThan(p.mid.x);
    expect(p.mid.x).toBeLessThan(p.notify.x);
  });

  it('lays out a parallel block inserted on an edge, and an end reached early stays at the bottom', async () => {
    let def = sampleProcess();
    def = insertNodeOnEdge(def, 'e1', 'parallel', counter());
    // A second end straight after a branch column would sit mid-way without the layer constraint.
    def.graph.nodes.push({ id: 'rejected', type: 'end', outcome: 'rejected' });
    def.graph.edges = def.graph.edges.map((e) =>
      e.id === 'e6' ? { ...e, target: 'rejected' } : e,
    );
    const p = await layoutGraph(def);
    expectTopToBottom(def, p);
    expect(p.rejected.y).toBe(p.end.y);
  });

  it('centres a straight chain on one axis', async () => {
    const p = await layoutGraph(sampleProcess());
    expect(centreX(p, 'start')).toBe(centreX(p, 'mgr'));
    expect(centreX(p, 'mgr')).toBe(centreX(p, 'route'));
  });

  it('writes positions into a new definition', async () => {
    const def = sampleProcess();
    const p = await layoutGraph(def);
    const laid = applyPositions(def, p);
    expect(laid.graph.nodes.find((n) => n.id === 'mgr')!.position).toEqual(p.mgr);
    expect(def.graph.nodes.find((n) => n.id === 'mgr')!.position).toBeUndefined();
  });

  it('survives drafts: no nodes, dangling edges, self loops', async () => {
    expect(await layoutGraph({ ...sampleProcess(), graph: { nodes: [], edges: [] } })).toEqual({});
    const def = sampleProcess();
    def.graph.edges.push(
      { id: 'x1', source: 'mgr', target: 'ghost' },
      { id: 'x2', source: 'wait', target: 'wait' },
    );
    def.graph.nodes.push({ id: 'lonely', type: 'cc', recipients: [] });
    const p = await layoutGraph(def);
    expect(Object.keys(p)).toHaveLength(def.graph.nodes.length);
  });
});
