// The inbox and task actions (docs/API.md "Tasks").
import type { FieldPermission, JsonSchema, SummaryItem, UiSchema } from '@baton/forms';
import type { SlaLight, TaskAction as CompletedAs, TaskKind, TaskStatus } from '@baton/flow';
import type { IsoDateTime } from './common.js';
import type { InstanceStatus, InstanceView } from './instances.js';

/** Green, yellow (warned) or red (overdue): tasks with a due time only. */
export type SlaState = SlaLight;

/** A task as every task read shows it. */
export interface TaskBase {
  id: string;
  instanceId: string;
  processKey: string;
  nodeId: string;
  nodeName: string;
  kind: TaskKind;
  status: TaskStatus;
  /** How a done task was completed. */
  action?: CompletedAs;
  dueAt?: IsoDateTime;
  slaState?: SlaState;
  createdAt: IsoDateTime;
  completedAt?: IsoDateTime;
  /** The instance's title. */
  title: string;
}

/** GET /api/tasks?status=open|done&processKey=&q=&page=&pageSize= (a Paged list), newest first. */
export interface TaskItem extends TaskBase {
  /** The request's key fields as this task's step may see them (at most three; may be empty). */
  summary: SummaryItem[];
}

/** What POST /api/tasks/:id/actions accepts in `action`. */
export type TaskAction =
  'approve' | 'reject' | 'submit' | 'return' | 'transfer' | 'addSigner' | 'comment';

/** The task's form with this node's field permissions applied (hidden fields gone). */
export interface TaskForm {
  schema: JsonSchema;
  uiSchema: UiSchema;
  data: Record<string, unknown>;
  /** The permission of every field the assignee can see. */
  permissions: Record<string, FieldPermission>;
}

/** GET /api/tasks/:id */
export interface TaskDetail extends TaskBase {
  assigneeId: string;
  instance: { id: string; status: InstanceStatus; initiator: string; title: string };
  /** What the caller may do now; empty once the task is no longer open. */
  actions: TaskAction[];
  form: TaskForm;
}

/** POST /api/tasks/:id/actions */
export interface TaskActionBody {
  action: TaskAction;
  comment?: string;
  data?: Record<string, unknown>;
  /** `return`: a node id or `initiator`; `transfer`: a user id; `addSigner`: user ids. */
  to?: string | string[];
  /** `addSigner` only; `after` when left out. */
  position?: 'before' | 'after';
}

/**
 * 200 `{ task, instance }` once the transition is applied (`instance` is null
 * when the caller may no longer read it), or 202 `{ task, commandId }` while it is queued.
 */
export type TaskActionAnswer =
  { task: TaskBase; instance: InstanceView | null } | { task: TaskBase; commandId: string };
