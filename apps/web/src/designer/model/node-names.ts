// Readable names for the nodes the designer creates (palette, "+", paste,
// duplicate), so the inbox and the timeline never show an id such as
// `approval_3f2a`. A node's `name` is one plain string in any language
// (FLOW-DSL "Nodes"); like the templates, a default name carries both
// languages: "审批 Approval", then "审批 2 Approval 2". Names are unique within
// the process; names already given are never touched.
import type { FlowNode, NodeType, ProcessDefinition } from '@baton/flow';
import type { Lang } from './summary';

/** What a new step is called, after its type. */
export const DEFAULT_NODE_NAMES: Record<NodeType, Record<Lang, string>> = {
  start: { 'zh-CN': '发起', en: 'Start' },
  approval: { 'zh-CN': '审批', en: 'Approval' },
  task: { 'zh-CN': '办理', en: 'Task' },
  cc: { 'zh-CN': '抄送', en: 'CC' },
  branch: { 'zh-CN': '条件分支', en: 'Condition' },
  inclusive: { 'zh-CN': '包容分支', en: 'Inclusive' },
  parallel: { 'zh-CN': '并行分支', en: 'Parallel' },
  join: { 'zh-CN': '汇合', en: 'Join' },
  timer: { 'zh-CN': '等待', en: 'Wait' },
  automation: { 'zh-CN': '自动化', en: 'Automation' },
  end: { 'zh-CN': '结束', en: 'End' },
};

/** The n-th default name of a type: "审批 Approval" (n = 1), "审批 2 Approval 2". */
export function defaultNodeName(type: NodeType, n = 1): string {
  const { 'zh-CN': zh, en } = DEFAULT_NODE_NAMES[type] ?? { 'zh-CN': type, en: type };
  return n <= 1 ? `${zh} ${en}` : `${zh} ${n} ${en} ${n}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `name` is one of the type's default names (so a copy of it takes the next number). */
export function isDefaultNodeName(type: NodeType, name: string): boolean {
  const names = DEFAULT_NODE_NAMES[type];
  if (!names) return false;
  const zh = escape(names['zh-CN']);
  const en = escape(names.en);
  return new RegExp(`^(?:${zh} ${en}|${zh} (\\d+) ${en} \\1)$`).test(name.trim());
}

/** Hands out names no node of the process has yet, remembering the ones it gave. */
export interface NameSource {
  /** The first free default name of the type ("审批 Approval", else "审批 2 Approval 2", …). */
  next(type: NodeType): string;
  /**
   * The name of a pasted copy: the node's own name while no other node has it,
   * else the next default name (a default-named or unnamed node) or the name
   * with the next free number ("主管审批 Manager approval 2").
   */
  copyOf(node: FlowNode): string;
}

export function freshNames(def: ProcessDefinition): NameSource {
  const taken = new Set<string>();
  for (const node of def.graph.nodes) {
    const name = node.name?.trim();
    if (name) taken.add(name);
  }
  const take = (name: string) => {
    taken.add(name);
    return name;
  };
  const next = (type: NodeType): string => {
    for (let n = 1; ; n += 1) {
      const name = defaultNodeName(type, n);
      if (!taken.has(name)) return take(name);
    }
  };
  const copyOf = (node: FlowNode): string => {
    const name = node.name?.trim();
    if (!name || isDefaultNodeName(node.type, name)) return next(node.type);
    if (!taken.has(name)) return take(name);
    // A copy of "X 2" next to "X" is "X 3", not "X 2 2".
    const numbered = /^(.*\S) (\d+)$/.exec(name);
    const base = numbered && taken.has(numbered[1]) ? numbered[1] : name;
    for (let n = 2; ; n += 1) {
      const candidate = `${base} ${n}`;
      if (!taken.has(candidate)) return take(candidate);
    }
  };
  return { next, copyOf };
}
