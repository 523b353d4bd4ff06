// Ids, endpoints and the overall shape: one start, at least one end, every
// node on some path from start to an end.
import type { FlowNode } from '../definition.js';
import type { Context } from './context.js';
import { describeEdge, describeNode, type ProblemList } from './describe.js';
import { predecessors, reachable, successors } from './graph.js';

const SPLITS = new Set(['branch', 'inclusive', 'parallel']);

export function checkIds(ctx: Pick<Context, 'definition' | 'problems'>): void {
  const { nodes, edges } = ctx.definition.graph;
  const seenNodes = new Set<string>();
  nodes.forEach((node, i) => {
    if (seenNodes.has(node.id)) {
      ctx.problems.add(
        'duplicate_id',
        `Two nodes have the id "${node.id}"; node ids must be unique.`,
        {
          nodeId: node.id,
          path: `/graph/nodes/${i}/id`,
        },
      );
    }
    seenNodes.add(node.id);
  });
  const seenEdges = new Set<string>();
  edges.forEach((edge, i) => {
    if (seenEdges.has(edge.id)) {
      ctx.problems.add(
        'duplicate_id',
        `Two edges have the id "${edge.id}"; edge ids must be unique.`,
        {
          edgeId: edge.id,
          path: `/graph/edges/${i}/id`,
        },
      );
    }
    seenEdges.add(edge.id);
  });
  edges.forEach((edge, i) => {
    for (const end of ['source', 'target'] as const) {
      if (!seenNodes.has(edge[end])) {
        ctx.problems.add(
          'missing_node',
          `${describeEdge(edge)} has ${end} "${edge[end]}", but there is no node with that id.`,
          { edgeId: edge.id, path: `/graph/edges/${i}/${end}` },
        );
      }
    }
  });
}

function checkDegrees(node: FlowNode, ctx: Context): void {
  const inbound = ctx.graph.incoming.get(node.id)!;
  const outbound = ctx.graph.outgoing.get(node.id)!;
  const problems: ProblemList = ctx.problems;
  if (node.type === 'start' && inbound.length > 0) {
    problems.node(
      'start_inbound',
      node,
      `${describeNode(node)} has inbound edges; nothing may lead back to the start (use "return to initiator" instead).`,
    );
  }
  if (node.type === 'end' && outbound.length > 0) {
    problems.node(
      'end_outbound',
      node,
      `${describeNode(node)} has outgoing edges; an end node ends the flow.`,
    );
  }
  if (node.type !== 'end' && !SPLITS.has(node.type) && outbound.length > 1) {
    problems.node(
      'multiple_outgoing',
      node,
      `${describeNode(node)} has ${outbound.length} outgoing edges; only branch, inclusive and parallel nodes may have more than one.`,
    );
  }
}

/** Returns true when the shape is sound enough for the split/join analysis. */
export function checkShape(ctx: Context): boolean {
  const { graph, problems } = ctx;
  const nodes = graph.order.map((id) => graph.nodes.get(id)!);
  const starts = nodes.filter((node) => node.type === 'start');
  const ends = nodes.filter((node) => node.type === 'end');
  if (starts.length !== 1) {
    problems.add(
      'start_count',
      starts.length === 0
        ? 'The flow has no start node; it needs exactly one.'
        : `The flow has ${starts.length} start nodes (${starts.map((n) => n.id).join(', ')}); it needs exactly one.`,
      starts.length > 1 ? { nodeId: starts[1].id } : {},
    );
  }
  if (ends.length === 0) problems.add('no_end', 'The flow has no end node; it needs at least one.');
  for (const node of nodes) checkDegrees(node, ctx);

  let sound = starts.length === 1 && ends.length > 0;
  if (starts.length === 1) {
    const seen = reachable([starts[0].id], (id) => successors(graph, id));
    for (const node of nodes) {
      if (!seen.has(node.id)) {
        sound = false;
        problems.node(
          'unreachable',
          node,
          `${describeNode(node)} cannot be reached from the start.`,
        );
      }
    }
  }
  if (ends.length > 0) {
    const canEnd = reachable(
      ends.map((n) => n.id),
      (id) => predecessors(graph, id),
    );
    for (const node of nodes) {
      if (canEnd.has(node.id)) continue;
      sound = false;
      const deadEnd = graph.outgoing.get(node.id)!.length === 0;
      problems.node(
        'no_path_to_end',
        node,
        deadEnd
          ? `${describeNode(node)} has no outgoing edge, so the flow stops there without reaching an end.`
          : `No end can be reached from ${describeNode(node)}; it is caught in a loop with no way out.`,
      );
    }
  }
  return sound;
}
