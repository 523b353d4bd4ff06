import type { FlowEdge, FlowNode, Problem } from '../definition.js';
import type { ProblemCode } from './problem-codes.js';

const TYPE_LABELS: Record<string, string> = {
  start: 'Start',
  approval: 'Approval',
  task: 'Task',
  cc: 'CC',
  branch: 'Branch',
  inclusive: 'Inclusive branch',
  parallel: 'Parallel split',
  join: 'Join',
  timer: 'Timer',
  automation: 'Automation',
  end: 'End',
};

/** `Approval "财务审核 Finance review" (fin)`: users know names, support knows ids. */
export function describeNode(node: FlowNode): string {
  const label = TYPE_LABELS[node.type] ?? 'Node';
  return node.name ? `${label} "${node.name}" (${node.id})` : `${label} "${node.id}"`;
}

export function describeEdge(edge: FlowEdge): string {
  return `Edge "${edge.id}" (${edge.source} → ${edge.target})`;
}

/** Collects problems in the order the passes find them, which is deterministic. */
export class ProblemList {
  readonly items: Problem[] = [];

  add(code: ProblemCode, message: string, where: Omit<Problem, 'code' | 'message'> = {}): void {
    this.items.push({ code, message, ...where });
  }

  node(code: ProblemCode, node: FlowNode, message: string, path?: string): void {
    this.add(code, message, path === undefined ? { nodeId: node.id } : { nodeId: node.id, path });
  }

  edge(code: ProblemCode, edge: FlowEdge, message: string): void {
    this.add(code, message, { edgeId: edge.id });
  }
}
