// Ending a column on its own: the "+" (or a palette drop) of an edge offers
// 结束 where it leaves the flow sound, so a condition branch can lead to two
// ends without a join (an exclusive branch needs none). Pure, like the other
// edits: a new definition every time, ids from the caller.
import { validateDefinition, type Problem, type ProcessDefinition } from '@baton/flow';
import { createNode } from './edit-ops';
import { findEdge, freshIds, withGraph, type IdGenerator, EditError } from './edit-support';
import { freshNames } from './node-names';

/**
 * The edge now leads to a new end node (its id is the first drawn from
 * `ids`, its name the next free "结束 End"); the edge keeps its id, condition
 * and default flag, so a branch column stays that column. A join left with one inbound path merges nothing
 * and is bridged away: that path goes on to where the join led.
 */
export function endOnEdge(
  def: ProcessDefinition,
  edgeId: string,
  ids: IdGenerator,
): ProcessDefinition {
  const edge = findEdge(def, edgeId);
  const endId = freshIds(def, ids)('end');
  const at = def.graph.nodes.findIndex((n) => n.id === edge.source);
  let nodes = [...def.graph.nodes];
  nodes.splice(
    at < 0 ? nodes.length : at + 1,
    0,
    createNode('end', endId, freshNames(def).next('end')),
  );
  let edges = def.graph.edges.map((e) => (e.id === edgeId ? { ...e, target: endId } : e));

  const old = nodes.find((n) => n.id === edge.target);
  if (old?.type === 'join') {
    const inbound = edges.filter((e) => e.target === old.id);
    const outbound = edges.filter((e) => e.source === old.id);
    if (inbound.length === 1 && outbound.length === 1) {
      const next = outbound[0].target;
      edges = edges
        .filter((e) => e.source !== old.id)
        .map((e) => (e.target === old.id ? { ...e, target: next } : e));
      nodes = nodes.filter((n) => n.id !== old.id);
    }
  }
  return withGraph(def, nodes, edges);
}

const problemKey = (p: Problem) => `${p.code}|${p.nodeId ?? ''}|${p.edgeId ?? ''}`;

/**
 * Whether 结束 may go on this edge: only where it brings no new problem, so
 * nothing after the edge is cut off (the old end of the main line, a step
 * only this edge reaches) and no parallel path races to an end.
 */
export function canEndOnEdge(def: ProcessDefinition, edgeId: string): boolean {
  if (!def.graph.edges.some((e) => e.id === edgeId)) return false;
  let n = 0;
  let after: ProcessDefinition;
  try {
    after = endOnEdge(def, edgeId, (prefix) => `${prefix}_${(n += 1)}`);
  } catch (err) {
    if (err instanceof EditError) return false;
    throw err;
  }
  const before = new Set(validateDefinition(def).map(problemKey));
  return validateDefinition(after).every((p) => before.has(problemKey(p)));
}
