// Removing a node without leaving a hole: a step is bridged, a split goes
// with its whole block. Kept apart from edit-ops.ts for size; same rules:
// a new definition every time, the input untouched.
import type { FlowEdge, ProcessDefinition } from '@baton/flow';
import { isSplitType, splitBlock, splitOfJoin } from './blocks';
import { EditError, findNode, withGraph } from './edit-support';

/**
 * Removes a node. A step with one way out is bridged: its inbound edges (with
 * their conditions) now lead where it led. A split goes with its whole block,
 * its join included (so does a join, with its split). Other nodes go with
 * their edges, and validation shows what is left to reconnect.
 */
export function removeNode(def: ProcessDefinition, nodeId: string): ProcessDefinition {
  const node = findNode(def, nodeId);
  if (node.type === 'start')
    throw new EditError('cannot_remove_start', 'The start node cannot be removed');
  if (isSplitType(node.type)) return removeBlock(def, nodeId);
  if (node.type === 'join') {
    const split = splitOfJoin(def, nodeId);
    if (split !== undefined) return removeBlock(def, split);
  }
  return bridge(def, new Set([nodeId]), nodeId);
}

/**
 * Removes `gone`, connecting the edges that led into `entry` to the single
 * node `gone` leads to (when there is exactly one way out of `exit`).
 */
function bridge(
  def: ProcessDefinition,
  gone: Set<string>,
  entry: string,
  exit = entry,
): ProcessDefinition {
  const outgoing = def.graph.edges.filter((e) => e.source === exit && !gone.has(e.target));
  const next = outgoing.length === 1 ? outgoing[0].target : undefined;
  const edges: FlowEdge[] = [];
  for (const e of def.graph.edges) {
    if (next !== undefined && e.target === entry && !gone.has(e.source))
      edges.push({ ...e, target: next });
    else if (!gone.has(e.source) && !gone.has(e.target)) edges.push(e);
  }
  return withGraph(
    def,
    def.graph.nodes.filter((n) => !gone.has(n.id)),
    edges,
  );
}

function removeBlock(def: ProcessDefinition, splitId: string): ProcessDefinition {
  const block = splitBlock(def, splitId);
  const meet =
    block.meet === undefined ? undefined : def.graph.nodes.find((n) => n.id === block.meet);
  if (meet?.type === 'join') {
    // The join goes too; what came before the split now leads to what followed the join.
    return bridge(def, new Set([...block.inner, meet.id]), splitId, meet.id);
  }
  if (meet) return bridgeTo(def, block.inner, splitId, meet.id);
  // Columns that never meet (each ends on its own): keep the default column in place of the block.
  const outgoing = def.graph.edges.filter((e) => e.source === splitId);
  const kept = (outgoing.find((e) => e.default === true) ?? outgoing[outgoing.length - 1])?.target;
  if (kept === undefined || kept === splitId) return bridge(def, new Set([splitId]), splitId);
  const keep = reachableFrom(def, kept);
  return bridgeTo(def, new Set([...block.inner].filter((id) => !keep.has(id))), splitId, kept);
}

/** Removes `gone`; edges into `entry` from outside now lead to `target`. */
function bridgeTo(
  def: ProcessDefinition,
  gone: Set<string>,
  entry: string,
  target: string,
): ProcessDefinition {
  const edges: FlowEdge[] = [];
  for (const e of def.graph.edges) {
    if (e.target === entry && !gone.has(e.source)) edges.push({ ...e, target });
    else if (!gone.has(e.source) && !gone.has(e.target)) edges.push(e);
  }
  return withGraph(
    def,
    def.graph.nodes.filter((n) => !gone.has(n.id)),
    edges,
  );
}

function reachableFrom(def: ProcessDefinition, root: string): Set<string> {
  const seen = new Set([root]);
  const queue = [root];
  for (let i = 0; i < queue.length; i += 1) {
    for (const e of def.graph.edges) {
      if (e.source === queue[i] && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}
