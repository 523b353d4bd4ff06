// What every edit shares: the error it throws, the id generator it is given,
// and lookups that fail loudly instead of editing something that is not there.
import type { FlowEdge, FlowNode, ProcessDefinition } from '@baton/flow';

/** Gives a new id for a prefix (`approval` → `approval_3`); may repeat ids in use, which are skipped. */
export type IdGenerator = (prefix: string) => string;

export type EditErrorCode =
  | 'missing_node'
  | 'missing_edge'
  | 'not_insertable'
  | 'cannot_remove_start'
  | 'invalid_connection'
  | 'not_a_split'
  | 'no_free_id';

/** An edit the canvas should not have offered; the definition is left as it was. */
export class EditError extends Error {
  constructor(
    readonly code: EditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

/** Draws ids until one is free; a generator that only repeats is a bug worth an error. */
export function freshIds(def: ProcessDefinition, ids: IdGenerator) {
  const taken = new Set<string>([
    ...def.graph.nodes.map((n) => n.id),
    ...def.graph.edges.map((e) => e.id),
  ]);
  return (prefix: string): string => {
    for (let i = 0; i < 10_000; i += 1) {
      const id = ids(prefix);
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
    throw new EditError('no_free_id', `The id generator gave no unused id for "${prefix}"`);
  };
}

export const withGraph = (
  def: ProcessDefinition,
  nodes: FlowNode[],
  edges: FlowEdge[],
): ProcessDefinition => ({ ...def, graph: { ...def.graph, nodes, edges } });

export function findEdge(def: ProcessDefinition, edgeId: string): FlowEdge {
  const edge = def.graph.edges.find((e) => e.id === edgeId);
  if (!edge) throw new EditError('missing_edge', `There is no edge "${edgeId}"`);
  return edge;
}

export function findNode(def: ProcessDefinition, nodeId: string): FlowNode {
  const node = def.graph.nodes.find((n) => n.id === nodeId);
  if (!node) throw new EditError('missing_node', `There is no node "${nodeId}"`);
  return node;
}
