// Top-to-bottom layout with elkjs (layered, direction DOWN), the way users of
// DingTalk and Feishu read a flow: start on top, ends at the bottom, the
// columns of a branch side by side with the default column last.
//
// ELK keeps the model order we give it when crossing minimisation allows, so
// nodes are listed in a depth-first walk that follows a split's edges in
// array order with the default edge last, and edges are listed the same way.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { FlowEdge, FlowNode, ProcessDefinition } from '@baton/flow';

export interface Size {
  width: number;
  height: number;
}

export type Positions = Record<string, { x: number; y: number }>;

export interface LayoutOptions {
  /** Measured card sizes; by default every card is 240 x 88, which keeps rows tidy. */
  sizeOf?: (node: FlowNode) => Size | undefined;
  /** Gap between columns and between rows, in pixels. */
  columnGap?: number;
  rowGap?: number;
}

export const DEFAULT_NODE_SIZE: Size = { width: 240, height: 88 };

let elk: InstanceType<typeof ELK> | undefined;

/** Top-left position of every node (React Flow's default node origin). */
export async function layoutGraph(
  definition: ProcessDefinition,
  options: LayoutOptions = {},
): Promise<Positions> {
  const { nodes, edges } = definition.graph;
  if (nodes.length === 0) return {};
  const ids = new Set(nodes.map((n) => n.id));
  // Edges to missing nodes are a draft's problem to show, not something to lay out.
  const drawable = edges.filter(
    (e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target,
  );
  const ordered = walkOrder(nodes, drawable);
  const rank = new Map(ordered.map((n, i) => [n.id, i]));
  const edgeOrder = [...drawable].sort(
    (a, b) =>
      rank.get(a.source)! - rank.get(b.source)! ||
      Number(a.default === true) - Number(b.default === true),
  );

  const graph: ElkNode = {
    id: '#root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
      'elk.spacing.nodeNode': String(options.columnGap ?? 48),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(options.rowGap ?? 56),
      'elk.layered.spacing.edgeNodeBetweenLayers': String(Math.round((options.rowGap ?? 56) / 2)),
    },
    children: ordered.map((node) => {
      const size = options.sizeOf?.(node) ?? DEFAULT_NODE_SIZE;
      const constraint = node.type === 'start' ? 'FIRST' : node.type === 'end' ? 'LAST' : undefined;
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        ...(constraint
          ? { layoutOptions: { 'elk.layered.layering.layerConstraint': constraint } }
          : {}),
      };
    }),
    edges: edgeOrder.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };

  elk ??= new ELK();
  const result = await elk.layout(graph);
  const positions: Positions = {};
  for (const child of result.children ?? [])
    positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return positions;
}

/** Nodes in a depth-first walk from start, default edges last; unreachable nodes after, in their own order. */
function walkOrder(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, FlowEdge[]>();
  for (const e of edges) (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e);
  for (const list of out.values())
    list.sort((a, b) => Number(a.default === true) - Number(b.default === true));
  const seen = new Set<string>();
  const order: FlowNode[] = [];
  const roots = [...nodes.filter((n) => n.type === 'start'), ...nodes];
  for (const root of roots) {
    // Iterative, so a long chain cannot overflow the stack.
    const stack = [root.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(byId.get(id)!);
      const next = out.get(id) ?? [];
      for (let i = next.length - 1; i >= 0; i -= 1)
        if (!seen.has(next[i].target)) stack.push(next[i].target);
    }
  }
  return order;
}

/** The definition with laid-out positions written into its nodes (a new object). */
export function applyPositions(
  definition: ProcessDefinition,
  positions: Positions,
): ProcessDefinition {
  return {
    ...definition,
    graph: {
      ...definition.graph,
      nodes: definition.graph.nodes.map((n) =>
        positions[n.id] ? { ...n, position: { ...positions[n.id] } } : n,
      ),
    },
  };
}
