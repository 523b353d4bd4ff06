// Copy and paste on the canvas: a selection of nodes becomes a fragment (the
// nodes with every property, and the edges between them), and pasting gives
// the fragment fresh ids, an offset position and a place in the definition.
// Pure like the other edits: nothing is mutated, ids come from the caller.
import type { FlowEdge, FlowNode, ProcessDefinition } from '@baton/flow';
import { freshIds, withGraph, type IdGenerator } from './edit-support';
import { freshNames } from './node-names';

/** What Ctrl/Cmd+C keeps: deep copies, so later edits of the source do not leak into a paste. */
export interface FlowFragment {
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

export interface PasteResult {
  definition: ProcessDefinition;
  /** The pasted nodes' new ids, in fragment order (the canvas selects them). */
  nodeIds: string[];
  /** Old id → new id, for nodes and edges. */
  idMap: Map<string, string>;
}

export const PASTE_OFFSET = { x: 40, y: 40 } as const;

/** A flow has exactly one start (FLOW-DSL "Validation at publish"): it is never copied. */
export const isCopyable = (node: FlowNode): boolean => node.type !== 'start';

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The selected nodes (the start left out) and the edges whose two ends are
 * both selected; edges to nodes outside the selection are dropped. Undefined
 * when nothing copyable is selected.
 */
export function copyNodes(
  def: ProcessDefinition,
  nodeIds: Iterable<string>,
): FlowFragment | undefined {
  const wanted = new Set(nodeIds);
  const nodes = def.graph.nodes.filter((n) => wanted.has(n.id) && isCopyable(n));
  if (nodes.length === 0) return undefined;
  const kept = new Set(nodes.map((n) => n.id));
  const edges = def.graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return { nodes: nodes.map(clone), edges: edges.map(clone) };
}

/** The top-left corner of the fragment's nodes (0, 0 when none has a position). */
export function fragmentOrigin(fragment: FlowFragment): { x: number; y: number } {
  const placed = fragment.nodes.flatMap((n) => (n.position ? [n.position] : []));
  if (placed.length === 0) return { x: 0, y: 0 };
  return {
    x: Math.min(...placed.map((p) => p.x)),
    y: Math.min(...placed.map((p) => p.y)),
  };
}

/** The offset that puts the fragment's top-left corner at `point` (a paste where the menu was opened). */
export function offsetTo(
  fragment: FlowFragment,
  point: { x: number; y: number },
): { x: number; y: number } {
  const origin = fragmentOrigin(fragment);
  return { x: point.x - origin.x, y: point.y - origin.y };
}

/**
 * Adds a copy of the fragment: every node and edge gets a fresh id (the node's
 * type is the prefix) and a name no other node has (its own while it is free,
 * else the next number: see node-names.ts), positions move by `offset`, and
 * node references inside the fragment (a rejection returning to a copied node)
 * follow the copy.
 * References to nodes outside it are kept when the definition has that node,
 * and fall back to the initiator otherwise. A start in the fragment is skipped.
 */
export function pasteFragment(
  def: ProcessDefinition,
  fragment: FlowFragment,
  ids: IdGenerator,
  offset: { x: number; y: number } = PASTE_OFFSET,
): PasteResult {
  const id = freshIds(def, ids);
  const names = freshNames(def);
  const idMap = new Map<string, string>();
  const source = fragment.nodes.filter(isCopyable);
  for (const node of source) idMap.set(node.id, id(node.type));
  const existing = new Set(def.graph.nodes.map((n) => n.id));

  const nodes = source.map((node) => {
    const copy = clone(node) as FlowNode & { id: string };
    copy.id = idMap.get(node.id)!;
    copy.name = names.copyOf(node);
    copy.position = {
      x: (node.position?.x ?? 0) + offset.x,
      y: (node.position?.y ?? 0) + offset.y,
    };
    if (copy.type === 'approval' && copy.onReject?.action === 'return') {
      const to = copy.onReject.to;
      const target = idMap.get(to) ?? (to === 'initiator' || existing.has(to) ? to : 'initiator');
      copy.onReject = { action: 'return', to: target };
    }
    return copy;
  });

  const edges: FlowEdge[] = [];
  for (const edge of fragment.edges) {
    const from = idMap.get(edge.source);
    const to = idMap.get(edge.target);
    if (from === undefined || to === undefined) continue;
    const copy = clone(edge);
    idMap.set(edge.id, id('e'));
    edges.push({ ...copy, id: idMap.get(edge.id)!, source: from, target: to });
  }

  return {
    definition: withGraph(def, [...def.graph.nodes, ...nodes], [...def.graph.edges, ...edges]),
    nodeIds: nodes.map((n) => n.id),
    idMap,
  };
}

/** Copy and paste in one go (the drawer's and the context menu's "duplicate"). */
export function duplicateNodes(
  def: ProcessDefinition,
  nodeIds: Iterable<string>,
  ids: IdGenerator,
  offset: { x: number; y: number } = PASTE_OFFSET,
): PasteResult | undefined {
  const fragment = copyNodes(def, nodeIds);
  return fragment && pasteFragment(def, fragment, ids, offset);
}
