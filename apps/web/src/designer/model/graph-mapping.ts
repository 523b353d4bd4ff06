// ProcessDefinition <-> React Flow elements. The DSL node and edge travel
// inside `data` untouched, so fromFlowElements only has to take back what the
// canvas may change: positions, ids, endpoints and order. Everything shown on
// a card (title, summary, colour, badges, status) is derived here, once, so
// the designer, the simulator and the instance diagram draw the same thing.
import type { Edge as RFEdgeOf, Node as RFNodeOf } from '@xyflow/react';
import type { FormField } from '@baton/forms';
import type { FlowEdge, FlowNode, NodeType, Problem, ProcessDefinition } from '@baton/flow';
import { formFields } from './form-fields';
import { groupProblems } from './problems';
import { edgeLabel, nodeSummary, nodeTitle, type Lang, type SummaryContext } from './summary';

/** Where a node stands in a running instance (instance view and simulator). */
export type NodeStatus = 'done' | 'active' | 'pending';

/** Icon and colour key of a card (UX.md: approver, handler, CC, condition, automation, timer). */
export type NodeAppearance =
  | 'start'
  | 'approver'
  | 'handler'
  | 'cc'
  | 'condition'
  | 'parallel'
  | 'join'
  | 'timer'
  | 'automation'
  | 'end';

export const NODE_APPEARANCE: Record<NodeType, NodeAppearance> = {
  start: 'start',
  approval: 'approver',
  task: 'handler',
  cc: 'cc',
  branch: 'condition',
  inclusive: 'condition',
  parallel: 'parallel',
  join: 'join',
  timer: 'timer',
  automation: 'automation',
  end: 'end',
};

/** Suggested card colours per appearance; the UI may map the key to theme tokens instead. */
export const APPEARANCE_COLOUR: Record<NodeAppearance, string> = {
  start: '#576a95',
  approver: '#ff943e',
  handler: '#2f54eb',
  cc: '#3296fa',
  condition: '#15bc83',
  parallel: '#718dff',
  join: '#8c8c8c',
  timer: '#faad14',
  automation: '#722ed1',
  end: '#8c8c8c',
};

// `type`, not `interface`: React Flow requires data to be a Record<string, unknown>.
export type FlowNodeData = {
  node: FlowNode;
  title: string;
  summary: string;
  appearance: NodeAppearance;
  problems: Problem[];
  status?: NodeStatus;
};

export type FlowEdgeData = {
  edge: FlowEdge;
  /** The branch header text; empty for edges that do not leave a branch or inclusive node. */
  labelText: string;
  /** Whether the edge leaves a branch / inclusive node, so it carries a condition or is the default. */
  choice: boolean;
  problems: Problem[];
  /** Index among edges with the same source and target, and how many there are: empty branch columns. */
  lane: number;
  lanes: number;
  /** Instance view: the edge's source is done and its target was reached. */
  taken?: boolean;
};

export type RFNode = RFNodeOf<FlowNodeData, NodeType>;
export type RFEdge = RFEdgeOf<FlowEdgeData, string>;

export interface ToFlowOptions extends Partial<Omit<SummaryContext, 'fields'>> {
  problems?: readonly Problem[];
  statuses?: Readonly<Record<string, NodeStatus>>;
  /** Defaults to the definition's own form. */
  fields?: readonly FormField[];
  /** React Flow edge type to render with (the designer's "+" edge). */
  edgeType?: string;
}

const CHOOSERS = new Set<NodeType>(['branch', 'inclusive']);
export const DEFAULT_EDGE_TYPE = 'insertable';

export function toFlowElements(
  definition: ProcessDefinition,
  options: ToFlowOptions = {},
): { nodes: RFNode[]; edges: RFEdge[] } {
  const lang: Lang = options.lang ?? 'zh-CN';
  const fields = options.fields ?? formFields(definition);
  const ctx: SummaryContext = { ...options, lang, fields };
  const grouped = groupProblems(options.problems ?? []);
  const statuses = options.statuses;
  const byId = new Map(definition.graph.nodes.map((n) => [n.id, n]));

  const nodes = definition.graph.nodes.map((node): RFNode => {
    const data: FlowNodeData = {
      node,
      title: nodeTitle(node, lang),
      summary: nodeSummary(node, ctx),
      appearance: NODE_APPEARANCE[node.type] ?? 'automation',
      problems: grouped.byNode[node.id] ?? [],
    };
    const status = statuses?.[node.id];
    if (status) data.status = status;
    return { id: node.id, type: node.type, position: node.position ?? { x: 0, y: 0 }, data };
  });

  const pairCount = new Map<string, number>();
  const pairKey = (e: FlowEdge) => JSON.stringify([e.source, e.target]);
  for (const e of definition.graph.edges)
    pairCount.set(pairKey(e), (pairCount.get(pairKey(e)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();

  const edges = definition.graph.edges.map((edge): RFEdge => {
    const source = byId.get(edge.source);
    const choice = source !== undefined && CHOOSERS.has(source.type);
    const labelText = choice || edge.label ? edgeLabel(edge, fields, lang) : '';
    const lane = pairSeen.get(pairKey(edge)) ?? 0;
    pairSeen.set(pairKey(edge), lane + 1);
    const data: FlowEdgeData = {
      edge,
      labelText,
      choice,
      problems: grouped.byEdge[edge.id] ?? [],
      lane,
      lanes: pairCount.get(pairKey(edge)) ?? 1,
    };
    if (statuses)
      data.taken =
        statuses[edge.source] === 'done' &&
        (statuses[edge.target] === 'done' || statuses[edge.target] === 'active');
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: options.edgeType ?? DEFAULT_EDGE_TYPE,
      label: labelText,
      data,
    };
  });

  return { nodes, edges };
}

/**
 * The definition the canvas shows: base supplies everything outside the graph.
 * Node and edge order follow the arrays given (a branch tries its edges in
 * that order); an edge drawn on the canvas has no `data` and starts plain.
 */
export function fromFlowElements(
  nodes: ReadonlyArray<Pick<RFNode, 'id' | 'position'> & { data: Pick<FlowNodeData, 'node'> }>,
  edges: ReadonlyArray<
    Pick<RFEdge, 'id' | 'source' | 'target'> & { data?: Pick<FlowEdgeData, 'edge'> }
  >,
  base: ProcessDefinition,
): ProcessDefinition {
  const graphNodes = nodes.map((rf): FlowNode => ({
    ...rf.data.node,
    id: rf.id,
    position: { x: rf.position.x, y: rf.position.y },
  }));
  const graphEdges = edges.map((rf): FlowEdge => ({
    ...(rf.data?.edge ?? {}),
    id: rf.id,
    source: rf.source,
    target: rf.target,
  }));
  return { ...base, graph: { nodes: graphNodes, edges: graphEdges } };
}
