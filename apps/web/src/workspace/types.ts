// DTOs of the runtime endpoints the workspace reads (docs/API.md, checked against
// apps/api runtime/processes controllers). Kept by hand: web never imports apps/api.
import type { JsonSchema, UiSchema } from '@baton/forms';

export type FieldPermission = 'hidden' | 'read' | 'edit' | 'required';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  active?: boolean;
  departmentId?: string | null;
}

export interface DepartmentSummary {
  id: string;
  name: string;
  parentId?: string | null;
}

/** GET /api/processes: published processes the caller may start. */
export interface ProcessSummary {
  key: string;
  name: string;
  category: string | null;
  description: string | null;
  latestVersion: number | null;
}

export interface FlowNodeLite {
  id: string;
  type: string;
  name?: string;
  stage?: string;
  fieldPermissions?: Record<string, FieldPermission>;
}

export interface DefinitionLite {
  key: string;
  name: string;
  description?: string;
  category?: string;
  form: { schema: JsonSchema; uiSchema?: UiSchema };
  graph: { nodes: FlowNodeLite[]; edges: unknown[] };
  settings?: { allowWithdraw?: boolean; [key: string]: unknown };
}

/** GET /api/processes/:key */
export interface ProcessView extends ProcessSummary {
  definition: DefinitionLite;
  mayStart: boolean;
}

/** GET /api/processes/:key/versions/:version */
export interface ProcessVersion {
  key: string;
  version: number;
  definition: DefinitionLite;
}

export type SlaState = 'green' | 'yellow' | 'red' | string;

export interface TaskItem {
  id: string;
  instanceId: string;
  processKey: string;
  nodeId: string;
  nodeName: string;
  kind: string;
  status: string;
  action?: string;
  dueAt?: string;
  slaState?: SlaState;
  createdAt: string;
  completedAt?: string;
  title: string;
}

export type TaskAction =
  'approve' | 'reject' | 'submit' | 'return' | 'transfer' | 'addSigner' | 'comment';

/** GET /api/tasks/:id */
export interface TaskDetail extends TaskItem {
  assigneeId: string;
  instance: { id: string; status: string; initiator: string; title: string };
  actions: TaskAction[];
  form: {
    schema: JsonSchema;
    uiSchema: UiSchema;
    data: Record<string, unknown>;
    permissions?: Record<string, FieldPermission>;
  };
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export type InstanceStatus =
  'running' | 'approved' | 'rejected' | 'completed' | 'withdrawn' | 'cancelled' | string;

export interface InstanceSummary {
  id: string;
  processKey: string;
  version: number;
  title: string;
  status: InstanceStatus;
  initiator: string;
  activeNodes: string[];
  startedAt: string;
  endedAt?: string;
}

export interface InstanceTask {
  id: string;
  nodeId: string;
  assigneeId: string;
  status: string;
  action?: string;
  createdAt?: string;
  completedAt?: string;
  dueAt?: string;
}

/** GET /api/instances/:id */
export interface InstanceView extends InstanceSummary {
  data: Record<string, unknown>;
  tasks: InstanceTask[];
  incidents?: { id: string; nodeId: string; code: string; message: string }[];
}

/** GET /api/instances/:id/events, oldest first. */
export interface InstanceEvent {
  seq: number;
  type: string;
  actorId?: string;
  nodeId?: string;
  taskId?: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface NotificationItem {
  id: string;
  kind: string;
  instanceId: string;
  taskId?: string;
  actorId?: string;
  message?: string;
  title: string | null;
  createdAt: string;
  read: boolean;
}

/** POST /api/tasks/:id/actions: 200 applied, or 202 still queued. */
export type TaskActionAnswer =
  { task: TaskItem; instance: InstanceView } | { task: TaskItem; commandId: string };

export interface TaskActionBody {
  action: TaskAction;
  comment?: string;
  data?: Record<string, unknown>;
  to?: string | string[];
  position?: 'before' | 'after';
}
