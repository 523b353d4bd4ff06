// The process definition format (FLOW-DSL.md v1) as TypeScript types.
// This file is the contract shared by the validator, the engine, the API and
// the designer: extend it with optional fields only.
import type { FieldPermission } from '@baton/forms';

/** JsonLogic expression: data, never code. */
export type JsonLogic = unknown;

export type AssigneeRule =
  | { kind: 'user'; ids: string[] }
  | { kind: 'role'; role: string }
  | { kind: 'initiator' }
  | { kind: 'manager'; level?: number }
  | { kind: 'field'; field: string }
  | { kind: 'departmentHead'; departmentId: string };

/** ISO-8601 duration such as "P2D", "PT4H", "-P3D". */
export type IsoDuration = string;

/** A point in time taken from a date field of the form, moved by an offset. */
export interface FieldTime {
  field: string;
  offset?: IsoDuration;
}

export interface Sla {
  due: IsoDuration | FieldTime;
  remindBefore?: IsoDuration[];
  onOverdue?: {
    action: 'remind' | 'escalate' | 'autoApprove' | 'autoReject';
    to?: AssigneeRule;
  };
}

export type FieldPermissions = Record<string, FieldPermission>;

export type EmptyAssignees = 'autoApprove' | 'toAdmin' | 'fail';

export type ApprovalMode = 'any' | 'all' | 'sequential' | 'vote';

export type OnReject = { action: 'end' } | { action: 'return'; to: string };

interface NodeBase {
  id: string;
  name?: string;
  position?: { x: number; y: number };
  stage?: string;
}

export interface StartNode extends NodeBase {
  type: 'start';
  fieldPermissions?: FieldPermissions;
}

export interface ApprovalNode extends NodeBase {
  type: 'approval';
  assignees: AssigneeRule[];
  mode?: ApprovalMode;
  passRatio?: number;
  onReject?: OnReject;
  fieldPermissions?: FieldPermissions;
  sla?: Sla;
  emptyAssignees?: EmptyAssignees;
}

export interface TaskNode extends NodeBase {
  type: 'task';
  assignees: AssigneeRule[];
  mode?: 'any' | 'all';
  fieldPermissions?: FieldPermissions;
  sla?: Sla;
  emptyAssignees?: EmptyAssignees;
}

export interface CcNode extends NodeBase {
  type: 'cc';
  recipients: AssigneeRule[];
}

export interface BranchNode extends NodeBase {
  type: 'branch';
}

export interface InclusiveNode extends NodeBase {
  type: 'inclusive';
}

export interface ParallelNode extends NodeBase {
  type: 'parallel';
}

export interface JoinNode extends NodeBase {
  type: 'join';
}

export interface TimerNode extends NodeBase {
  type: 'timer';
  delay?: IsoDuration;
  until?: FieldTime;
}

export type AutomationAction =
  | { kind: 'setFields'; values: Record<string, JsonLogic> }
  | {
      kind: 'webhook';
      url: string;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      headers?: Record<string, string>;
      body?: JsonLogic;
    }
  | { kind: 'startProcess'; key: string; data?: Record<string, JsonLogic> };

export interface AutomationNode extends NodeBase {
  type: 'automation';
  action: AutomationAction;
}

export type EndOutcome = 'approved' | 'rejected' | 'completed';

export interface EndNode extends NodeBase {
  type: 'end';
  outcome?: EndOutcome;
}

export type FlowNode =
  | StartNode
  | ApprovalNode
  | TaskNode
  | CcNode
  | BranchNode
  | InclusiveNode
  | ParallelNode
  | JoinNode
  | TimerNode
  | AutomationNode
  | EndNode;

export type NodeType = FlowNode['type'];

export const NODE_TYPES: readonly NodeType[] = [
  'start',
  'approval',
  'task',
  'cc',
  'branch',
  'inclusive',
  'parallel',
  'join',
  'timer',
  'automation',
  'end',
];

export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  condition?: JsonLogic;
  default?: boolean;
  label?: string;
}

export interface ProcessSettings {
  allowWithdraw?: boolean;
  dedupeApprovers?: boolean;
  forbidSelfApproval?: boolean;
  starters?: AssigneeRule[];
}

export interface ProcessDefinition {
  key: string;
  name: string;
  description?: string;
  category?: string;
  form: {
    schema: Record<string, unknown>;
    uiSchema?: Record<string, unknown>;
  };
  graph: { nodes: FlowNode[]; edges: FlowEdge[] };
  settings?: ProcessSettings;
}

/** A problem found by static validation (FLOW-DSL.md "Validation at publish"). */
export interface Problem {
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  path?: string;
}

/** Read-only view of the organisation, from a snapshot; answers assignee questions. */
export interface Directory {
  userExists(userId: string): boolean;
  roleExists(role: string): boolean;
  departmentExists(departmentId: string): boolean;
  usersWithRole(role: string): string[];
  /** Head of the user's department, `level` levels up (1 = own department's head). */
  managerOf(userId: string, level: number): string | undefined;
  departmentHead(departmentId: string): string | undefined;
  /** Admins, used for emptyAssignees: 'toAdmin'. */
  admins(): string[];
}
