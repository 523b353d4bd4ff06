// An index over a definition's graph, built once per definition object and
// cached: published definitions are immutable, and the engine looks nodes and
// edges up on every step.
import type { FlowEdge, FlowNode, ProcessDefinition, StartNode } from '../definition.js';

export interface GraphIndex {
  nodes: Map<string, FlowNode>;
  outgoing: Map<string, FlowEdge[]>;
  incoming: Map<string, FlowEdge[]>;
  edges: Map<string, FlowEdge>;
  start: StartNode | undefined;
  /** Nodes reachable from a node (itself included), computed on demand. */
  reachable(nodeId: string): ReadonlySet<string>;
  /**
   * Whether every path from start to `nodeId` passes through `target`. Only
   * such a node is a safe return target: re-running from it regenerates every
   * token a join downstream waits for.
   */
  dominates(target: string, nodeId: string): boolean;
}

const cache = new WeakMap<ProcessDefinition, GraphIndex>();

export function indexGraph(definition: ProcessDefinition): GraphIndex {
  const hit = cache.get(definition);
  if (hit) return hit;
  const nodes = new Map<string, FlowNode>();
  const outgoing = new Map<string, FlowEdge[]>();
  const incoming = new Map<string, FlowEdge[]>();
  const edges = new Map<string, FlowEdge>();
  let start: StartNode | undefined;
  for (const node of definition.graph?.nodes ?? []) {
    nodes.set(node.id, node);
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
    if (node.type === 'start' && !start) start = node;
  }
  for (const edge of definition.graph?.edges ?? []) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    edges.set(edge.id, edge);
    outgoing.get(edge.source)!.push(edge);
    incoming.get(edge.target)!.push(edge);
  }
  const reach = new Map<string, ReadonlySet<string>>();
  const avoiding = new Map<string, ReadonlySet<string>>();
  const index: GraphIndex = {
    nodes,
    outgoing,
    incoming,
    edges,
    start,
    reachable(nodeId) {
      let set = reach.get(nodeId);
      if (!set) {
        set = forward(nodeId, outgoing);
        reach.set(nodeId, set);
      }
      return set;
    },
    dominates(target, nodeId) {
      if (!start || !nodes.has(target)) return false;
      if (target === start.id || target === nodeId) return true;
      let set = avoiding.get(target);
      if (!set) {
        set = forward(start.id, outgoing, target);
        avoiding.set(target, set);
      }
      return !set.has(nodeId);
    },
  };
  cache.set(definition, index);
  return index;
}

function forward(from: string, outgoing: Map<string, FlowEdge[]>, avoid?: string): Set<string> {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    for (const edge of outgoing.get(stack.pop()!) ?? []) {
      if (!seen.has(edge.target) && edge.target !== avoid) {
        seen.add(edge.target);
        stack.push(edge.target);
      }
    }
  }
  return seen;
}
