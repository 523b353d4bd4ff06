// Validation display (UX.md: "Problems show where they are"): problems
// grouped by the node or edge they sit on, for badges, and a list whose rows
// say where to jump. Messages come from validateDefinition in English; the
// Chinese ones are written per code here, naming the node by what the user
// called it, with the English message as the fallback for unknown codes.
import type { FlowEdge, FlowNode, ProblemCode, Problem, ProcessDefinition } from '@baton/flow';
import { nodeTitle, type Lang } from './summary';

export interface GroupedProblems {
  byNode: Record<string, Problem[]>;
  byEdge: Record<string, Problem[]>;
  /** Problems about the whole process (no start, form schema, input limits). */
  general: Problem[];
}

export function groupProblems(problems: readonly Problem[]): GroupedProblems {
  const grouped: GroupedProblems = { byNode: {}, byEdge: {}, general: [] };
  for (const problem of problems) {
    if (problem.nodeId !== undefined) (grouped.byNode[problem.nodeId] ??= []).push(problem);
    if (problem.edgeId !== undefined) (grouped.byEdge[problem.edgeId] ??= []).push(problem);
    if (problem.nodeId === undefined && problem.edgeId === undefined) grouped.general.push(problem);
  }
  return grouped;
}

export type ProblemTarget =
  | { kind: 'node'; nodeId: string }
  /** `nodeId` is the edge's source, for canvases that select nodes only. */
  | { kind: 'edge'; edgeId: string; nodeId?: string }
  | { kind: 'process' };

export interface ProblemEntry {
  problem: Problem;
  message: string;
  target: ProblemTarget;
}

/** The problem list: one row per problem in validation order, each saying where to jump. */
export function problemEntries(
  problems: readonly Problem[],
  definition: ProcessDefinition | undefined,
  lang: Lang,
): ProblemEntry[] {
  const edges = new Map((definition?.graph.edges ?? []).map((e) => [e.id, e]));
  return problems.map((problem) => {
    const message = problemMessage(problem, lang, definition);
    if (problem.nodeId !== undefined)
      return { problem, message, target: { kind: 'node', nodeId: problem.nodeId } };
    if (problem.edgeId !== undefined) {
      const source = edges.get(problem.edgeId)?.source;
      return {
        problem,
        message,
        target:
          source === undefined
            ? { kind: 'edge', edgeId: problem.edgeId }
            : { kind: 'edge', edgeId: problem.edgeId, nodeId: source },
      };
    }
    return { problem, message, target: { kind: 'process' } };
  });
}

/** Publishing stays disabled while this is true (UX.md). */
export const blocksPublish = (problems: readonly Problem[]): boolean => problems.length > 0;

type Subject = { node: string; edge: string; detail: string };

const ZH: Record<ProblemCode, (s: Subject) => string> = {
  not_json: () => '流程定义不是有效的 JSON。',
  too_deep: () => '流程定义嵌套层级太深。',
  too_large: () => '流程定义太大，请精简后再发布。',
  invalid_input: () => '流程定义无法检查，请检查其内容。',
  schema: (s) => `流程定义的格式不正确${s.detail ? `（${s.detail}）` : ''}。`,
  form_not_object: () => '表单必须是一个对象（type: object）。',
  invalid_form_schema: () => '表单的结构不正确，请在表单设计器中修正。',
  unknown_field: (s) =>
    `${s.node || s.edge || '流程'}引用了表单中不存在的字段${s.detail ? `「${s.detail}」` : ''}。`,
  not_date_field: (s) =>
    `${s.node}按字段${s.detail ? `「${s.detail}」` : ''}计时，但它不是日期字段。`,
  duplicate_id: (s) => `编号${s.detail ? `「${s.detail}」` : ''}重复，节点和连线的编号必须唯一。`,
  missing_node: (s) => `${s.edge}连接到了不存在的节点。`,
  start_count: () => '流程必须有且只有一个发起节点。',
  no_end: () => '流程还没有结束节点。',
  start_inbound: (s) => `${s.node}不能有连入的连线（退回发起人请用“退回”设置）。`,
  end_outbound: (s) => `${s.node}是结束节点，不能再连出。`,
  multiple_outgoing: (s) => `${s.node}有多条连出的连线；只有分支节点可以有多条。`,
  multiple_incoming: (s) => `${s.node}会被并行分支的多条路径同时到达，请先用汇合节点合并。`,
  unreachable: (s) => `${s.node}从发起节点无法到达。`,
  no_path_to_end: (s) => `${s.node}之后无法到达结束节点。`,
  missing_default: (s) => `${s.node}缺少“其他情况”分支。`,
  multiple_default: (s) => `${s.node}有多个“其他情况”分支，只能有一个。`,
  default_with_condition: (s) => `${s.edge}是“其他情况”分支，不能再设置条件。`,
  missing_condition: (s) => `${s.edge}还没有设置条件。`,
  unexpected_condition: (s) => `${s.edge}不是从条件分支出发的，不能设置条件。`,
  invalid_condition: (s) => `${s.node || s.edge || '流程'}的条件无法识别，请重新设置。`,
  join_mismatch: (s) => `${s.node}没有正确合并同一组分支。`,
  unjoined_split: (s) => `${s.node}的各条分支没有汇合，请添加汇合节点。`,
  region_escape: (s) => `${s.edge}跳出了分支，没有经过汇合节点。`,
  no_assignees: (s) => `${s.node}还没有设置处理人。`,
  unknown_role: (s) => `${s.node || '流程'}使用的角色${s.detail ? `「${s.detail}」` : ''}不存在。`,
  unknown_user: (s) => `${s.node || '流程'}指定的成员${s.detail ? `「${s.detail}」` : ''}不存在。`,
  unknown_department: (s) =>
    `${s.node || '流程'}指定的部门${s.detail ? `「${s.detail}」` : ''}不存在。`,
  invalid_pass_ratio: (s) => `${s.node}的通过比例必须大于 0 且不超过 100%。`,
  invalid_return_target: (s) =>
    `${s.node}驳回后退回的节点无效，只能退回到它之前的发起、审批或办理节点。`,
  invalid_timer: (s) => `${s.node}需要设置等待时长或等待到的日期（二选一）。`,
  invalid_duration: (s) => `${s.node}的时长${s.detail ? `「${s.detail}」` : ''}无效。`,
  invalid_sla: (s) => `${s.node}的时限设置无效。`,
  invalid_automation: (s) => `${s.node}的自动化设置不完整。`,
};

export function problemMessage(
  problem: Problem,
  lang: Lang,
  definition?: ProcessDefinition,
): string {
  if (lang === 'en') return problem.message;
  const write = ZH[problem.code as ProblemCode];
  if (!write) return problem.message;
  const nodes = new Map((definition?.graph.nodes ?? []).map((n) => [n.id, n]));
  const edges = new Map((definition?.graph.edges ?? []).map((e) => [e.id, e]));
  return write({
    node: problem.nodeId === undefined ? '' : nodeName(nodes.get(problem.nodeId), problem.nodeId),
    edge:
      problem.edgeId === undefined
        ? ''
        : edgeName(edges.get(problem.edgeId), problem.edgeId, nodes),
    detail: detailOf(problem),
  });
}

function nodeName(node: FlowNode | undefined, id: string): string {
  return node ? `「${nodeTitle(node, 'zh-CN')}」` : `节点「${id}」`;
}

function edgeName(edge: FlowEdge | undefined, id: string, nodes: Map<string, FlowNode>): string {
  if (!edge) return `连线「${id}」`;
  const end = (nodeId: string) => {
    const node = nodes.get(nodeId);
    return node ? nodeTitle(node, 'zh-CN') : nodeId;
  };
  return `从「${end(edge.source)}」到「${end(edge.target)}」的连线`;
}

/**
 * The one value worth repeating (a field, role, user or duration), taken from
 * the English message: validateDefinition quotes it last, after the subject, e.g.
 * `Approval "Finance" (fin) names the role "cfo", which does not exist.`
 */
function detailOf(problem: Problem): string {
  const quoted = [...problem.message.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  switch (problem.code) {
    case 'unknown_field':
    case 'not_date_field':
    case 'unknown_role':
    case 'unknown_user':
    case 'unknown_department':
    case 'invalid_duration':
      // The subject (node or edge) is quoted first; the value is the last quote.
      return quoted[quoted.length - 1] ?? '';
    case 'duplicate_id':
      return quoted[0] ?? '';
    case 'schema':
      return problem.path ?? '';
    default:
      return '';
  }
}
