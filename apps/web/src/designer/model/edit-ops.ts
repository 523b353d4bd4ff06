// Editing operations behind the canvas: the "+" on every edge, the palette,
// the delete key, the branch header menu. Each takes a definition and returns
// a new one, never mutating its input (undo keeps old definitions by
// reference) and never inventing ids: the caller passes an id generator, so
// the same calls give the same result in tests and on replay.
import { compileForm } from '@baton/forms';
import type { FlowEdge, FlowNode, NodeType, ProcessDefinition } from '@baton/flow';
import { isSplitType, splitBlock } from './blocks';
import {
  EditError,
  findEdge,
  findNode,
  freshIds,
  withGraph,
  type IdGenerator,
} from './edit-support';
import { defaultNodeName, freshNames } from './node-names';

export { EditError, type EditErrorCode, type IdGenerator } from './edit-support';
export { removeNode } from './remove-node';

/** What the "+" menu and the palette offer: start, end and join come with the flow or with a split. */
export const INSERTABLE_TYPES = [
  'approval',
  'task',
  'cc',
  'branch',
  'parallel',
  'inclusive',
  'timer',
  'automation',
] as const satisfies readonly NodeType[];
export type InsertableType = (typeof INSERTABLE_TYPES)[number];

/** The flow palette: the insertable steps, and 结束 to end a branch column on its own (see branch-ends.ts). */
export const PALETTE_TYPES = [...INSERTABLE_TYPES, 'end'] as const satisfies readonly NodeType[];
export type PaletteType = (typeof PALETTE_TYPES)[number];

/**
 * A node as the palette drops it. People steps start without assignees (the
 * designer shows `no_assignees` until someone is chosen); a timer waits one
 * day; an automation starts as an empty "set fields". The edits below name it
 * (see node-names.ts); without `name` it has none.
 */
export function createNode(type: NodeType, id: string, name?: string): FlowNode {
  const named = name === undefined ? {} : { name };
  switch (type) {
    case 'approval':
    case 'task':
      return { id, type, ...named, assignees: [] };
    case 'cc':
      return { id, type, ...named, recipients: [] };
    case 'timer':
      return { id, type, ...named, delay: 'P1D' };
    case 'automation':
      return { id, type, ...named, action: { kind: 'setFields', values: {} } };
    default:
      return { id, type, ...named } as FlowNode;
  }
}

/**
 * start → approval (the initiator's manager) → end: publishable as it is. Every
 * node has its default name ("发起 Start", "审批 Approval", "结束 End"), so the
 * timeline and the instance page never show an id.
 */
export function newDefinition(key: string, name: string): ProcessDefinition {
  const form = compileForm([]);
  return {
    key,
    name,
    form: { schema: form.schema, uiSchema: form.uiSchema },
    graph: {
      nodes: [
        { id: 'start', type: 'start', name: defaultNodeName('start') },
        {
          id: 'approval',
          type: 'approval',
          name: defaultNodeName('approval'),
          assignees: [{ kind: 'manager', level: 1 }],
        },
        { id: 'end', type: 'end', name: defaultNodeName('end') },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'approval' },
        { id: 'e2', source: 'approval', target: 'end' },
      ],
    },
  };
}

/** New nodes go right after the edge's source, so the JSON reads in flow order. */
function insertAfter(nodes: readonly FlowNode[], anchorId: string, added: FlowNode[]): FlowNode[] {
  const at = nodes.findIndex((n) => n.id === anchorId);
  return at < 0
    ? [...nodes, ...added]
    : [...nodes.slice(0, at + 1), ...added, ...nodes.slice(at + 1)];
}

/**
 * Splits an edge with a new node. The edge keeps its id, condition and label
 * on the part leaving its source (it heads a branch column); the new part is
 * plain. A split comes with its join and two empty columns: the first without
 * a condition yet (`missing_condition` until one is set), the second the
 * default. The new node's id is the first id drawn from `ids`; new nodes get
 * the next free default name of their type ("审批 2 Approval 2").
 */
export function insertNodeOnEdge(
  def: ProcessDefinition,
  edgeId: string,
  nodeType: NodeType,
  ids: IdGenerator,
): ProcessDefinition {
  if (!(INSERTABLE_TYPES as readonly string[]).includes(nodeType)) {
    throw new EditError('not_insertable', `A ${nodeType} node cannot be inserted on an edge`);
  }
  const edge = findEdge(def, edgeId);
  const id = freshIds(def, ids);
  const names = freshNames(def);
  const nodeId = id(nodeType);
  const edges = def.graph.edges.map((e) => (e.id === edgeId ? { ...e, target: nodeId } : e));
  if (!isSplitType(nodeType)) {
    const added = createNode(nodeType, nodeId, names.next(nodeType));
    edges.splice(edges.findIndex((e) => e.id === edgeId) + 1, 0, {
      id: id('e'),
      source: nodeId,
      target: edge.target,
    });
    return withGraph(def, insertAfter(def.graph.nodes, edge.source, [added]), edges);
  }
  const joinId = id('join');
  const chooses = nodeType !== 'parallel';
  const block: FlowEdge[] = [
    { id: id('e'), source: nodeId, target: joinId },
    { id: id('e'), source: nodeId, target: joinId, ...(chooses ? { default: true } : {}) },
    { id: id('e'), source: joinId, target: edge.target },
  ];
  edges.splice(edges.findIndex((e) => e.id === edgeId) + 1, 0, ...block);
  const added = [
    createNode(nodeType, nodeId, names.next(nodeType)),
    createNode('join', joinId, names.next('join')),
  ];
  return withGraph(def, insertAfter(def.graph.nodes, edge.source, added), edges);
}

/** A node dropped from the palette onto empty canvas: not connected yet, named after its type. */
export function addNode(
  def: ProcessDefinition,
  nodeType: NodeType,
  ids: IdGenerator,
  position?: { x: number; y: number },
): ProcessDefinition {
  const node = createNode(nodeType, freshIds(def, ids)(nodeType), freshNames(def).next(nodeType));
  return withGraph(
    def,
    [...def.graph.nodes, position ? { ...node, position: { ...position } } : node],
    [...def.graph.edges],
  );
}

/** Why a connection may not be drawn, or undefined when it may (for React Flow's isValidConnection). */
export function connectionProblem(
  def: ProcessDefinition,
  source: string,
  target: string,
): string | undefined {
  const from = def.graph.nodes.find((n) => n.id === source);
  const to = def.graph.nodes.find((n) => n.id === target);
  if (!from || !to) return 'missing_node';
  if (source === target) return 'self_loop';
  if (from.type === 'end') return 'from_end';
  if (to.type === 'start') return 'into_start';
  // Two edges between the same nodes are only meaningful as empty branch columns.
  if (
    !isSplitType(from.type) &&
    def.graph.edges.some((e) => e.source === source && e.target === target)
  )
    return 'duplicate';
  return undefined;
}

export function connect(
  def: ProcessDefinition,
  source: string,
  target: string,
  ids: IdGenerator,
): ProcessDefinition {
  const problem = connectionProblem(def, source, target);
  if (problem)
    throw new EditError(
      'invalid_connection',
      `Cannot connect "${source}" to "${target}": ${problem}`,
    );
  const edge: FlowEdge = { id: freshIds(def, ids)('e'), source, target };
  return withGraph(def, [...def.graph.nodes], [...def.graph.edges, edge]);
}

/** Removes an edge (the canvas's delete key on a selected edge). */
export function removeEdge(def: ProcessDefinition, edgeId: string): ProcessDefinition {
  findEdge(def, edgeId);
  return withGraph(
    def,
    [...def.graph.nodes],
    def.graph.edges.filter((e) => e.id !== edgeId),
  );
}

type Patch<T> = { [K in keyof T]?: T[K] | undefined };
type DistributivePatch<T> = T extends unknown ? Patch<Omit<T, 'id' | 'type'>> : never;
export type NodePatch = DistributivePatch<FlowNode>;
export type EdgePatch = Patch<Omit<FlowEdge, 'id'>>;

/** Applies a patch; a key set to undefined is removed, so the drawer can clear an SLA or a name. */
function patched<T extends object>(value: T, patch: object): T {
  const next: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, v] of Object.entries(patch)) {
    if (key === 'id' || key === 'type') continue;
    if (v === undefined) delete next[key];
    else next[key] = v;
  }
  return next as T;
}

export function updateNode(
  def: ProcessDefinition,
  nodeId: string,
  patch: NodePatch,
): ProcessDefinition {
  findNode(def, nodeId);
  return withGraph(
    def,
    def.graph.nodes.map((n) => (n.id === nodeId ? patched(n, patch) : n)),
    [...def.graph.edges],
  );
}

export function updateEdge(
  def: ProcessDefinition,
  edgeId: string,
  patch: EdgePatch,
): ProcessDefinition {
  findEdge(def, edgeId);
  return withGraph(
    def,
    [...def.graph.nodes],
    def.graph.edges.map((e) => (e.id === edgeId ? patched(e, patch) : e)),
  );
}

/** Makes an edge its split's "其他情况" column: no condition, and the only default. */
export function setDefaultEdge(def: ProcessDefinition, edgeId: string): ProcessDefinition {
  const edge = findEdge(def, edgeId);
  const edges = def.graph.edges.map((e) => {
    if (e.id === edgeId) return patched(e, { default: true, condition: undefined });
    return e.source === edge.source && e.default !== undefined
      ? patched(e, { default: undefined })
      : e;
  });
  return withGraph(def, [...def.graph.nodes], edges);
}

/**
 * A new empty column for a split, placed before the default one (a branch
 * tries its edges in order, and "其他情况" reads last). It leads to where the
 * columns meet, or where the default column goes when they never meet.
 */
export function addColumn(
  def: ProcessDefinition,
  splitId: string,
  ids: IdGenerator,
): ProcessDefinition {
  const split = findNode(def, splitId);
  if (!isSplitType(split.type))
    throw new EditError('not_a_split', `"${splitId}" is a ${split.type} node, not a split`);
  const outgoing = def.graph.edges.filter((e) => e.source === splitId);
  const fallback = outgoing.find((e) => e.default === true) ?? outgoing[outgoing.length - 1];
  const target = splitBlock(def, splitId).meet ?? fallback?.target;
  if (target === undefined)
    throw new EditError('invalid_connection', `"${splitId}" has no column to copy`);
  const edge: FlowEdge = { id: freshIds(def, ids)('e'), source: splitId, target };
  const edges = [...def.graph.edges];
  const at = fallback?.default === true ? edges.indexOf(fallback) : edges.length;
  edges.splice(at, 0, edge);
  return withGraph(def, [...def.graph.nodes], edges);
}

/** Moves a column left (-1) or right (+1) among its split's edges; a branch tries them in that order. */
export function moveColumn(def: ProcessDefinition, edgeId: string, by: -1 | 1): ProcessDefinition {
  const edge = findEdge(def, edgeId);
  const siblings = def.graph.edges
    .map((e, i) => [e, i] as const)
    .filter(([e]) => e.source === edge.source);
  const at = siblings.findIndex(([e]) => e.id === edgeId);
  const other = siblings[at + by];
  if (!other) return def;
  const edges = [...def.graph.edges];
  [edges[siblings[at][1]], edges[other[1]]] = [other[0], edge];
  return withGraph(def, [...def.graph.nodes], edges);
}
