// Split blocks: a branch / inclusive / parallel node, the columns below it and
// the node where they meet again. Found with the same dominator trees the
// validator uses, so "the block" means the same thing to the editor and to
// publish-time checks: the columns are the nodes the split dominates and the
// meeting point post-dominates.
import {
  DominatorTree,
  indexGraph,
  predecessors,
  reachable,
  successors,
  type GraphIndex,
  type ProcessDefinition,
} from '@baton/flow';

const SPLITS = new Set(['branch', 'inclusive', 'parallel']);
// Longer than any node id may be (64), so it cannot collide with one.
const VIRTUAL_EXIT = '#exit'.repeat(16);

export const isSplitType = (type: string): boolean => SPLITS.has(type);

export interface SplitBlock {
  split: string;
  /** Where the columns meet: a join, or the node after an exclusive branch; undefined when they never meet. */
  meet?: string;
  /** The split and every node of its columns (never `meet`). */
  inner: Set<string>;
}

export interface Dominance {
  graph: GraphIndex;
  dom: DominatorTree;
  postdom: DominatorTree;
}

/**
 * Dominators from the start (or from `fallbackRoot` in a draft without one)
 * and post-dominators from a virtual exit after every end.
 */
export function dominance(definition: ProcessDefinition, fallbackRoot: string): Dominance {
  const graph = indexGraph(definition.graph.nodes, definition.graph.edges);
  const start = graph.order.find((id) => graph.nodes.get(id)!.type === 'start');
  const root =
    start !== undefined && reachable([start], (id) => successors(graph, id)).has(fallbackRoot)
      ? start
      : fallbackRoot;
  const dom = new DominatorTree(root, (id) => successors(graph, id));
  const ends = graph.order.filter((id) => graph.nodes.get(id)!.type === 'end');
  const postdom = new DominatorTree(VIRTUAL_EXIT, (id) =>
    id === VIRTUAL_EXIT ? ends : predecessors(graph, id),
  );
  return { graph, dom, postdom };
}

export function splitBlock(definition: ProcessDefinition, splitId: string): SplitBlock {
  const { graph, dom, postdom } = dominance(definition, splitId);
  const parent = postdom.parent(splitId);
  const meet = parent === undefined || parent === VIRTUAL_EXIT ? undefined : parent;
  const inner = new Set<string>();
  for (const id of graph.order) {
    if (id === meet || !dom.dominates(splitId, id)) continue;
    // Without a meeting point every node below the split is in its block;
    // nodes that reach no end are inside too (they cannot be after `meet`).
    if (meet === undefined || !postdom.has(id) || postdom.dominates(meet, id)) inner.add(id);
  }
  return { split: splitId, ...(meet === undefined ? {} : { meet }), inner };
}

/** The split whose block a join closes, if the join closes exactly one. */
export function splitOfJoin(definition: ProcessDefinition, joinId: string): string | undefined {
  const { graph, dom, postdom } = dominance(definition, joinId);
  const sources = predecessors(graph, joinId).filter((id) => dom.has(id));
  if (sources.length === 0) return undefined;
  const split = dom.findUp(dom.nearestCommon(sources), (id) =>
    SPLITS.has(graph.nodes.get(id)!.type),
  );
  return split !== undefined && postdom.parent(split) === joinId ? split : undefined;
}
