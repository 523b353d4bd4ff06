// Process instances (docs/API.md "Instances").
import type { InstanceStatus, TaskAction as CompletedAs, TaskStatus } from '@baton/flow';
import type { CommandQueued, IsoDateTime } from './common.js';

export type { InstanceStatus, TaskStatus };

/** GET /api/instances?mine=initiated|involved|cc&status=&page=&pageSize= (a Paged list). */
export interface InstanceSummary {
  id: string;
  processKey: string;
  version: number;
  title: string;
  status: InstanceStatus;
  /** The initiator's user id. */
  initiator: string;
  activeNodes: string[];
  startedAt: IsoDateTime;
  endedAt?: IsoDateTime;
}

/** A task of an instance, as GET /api/instances/:id lists them. */
export interface InstanceTask {
  id: string;
  nodeId: string;
  assigneeId: string;
  status: TaskStatus;
  /** How a done task was completed. */
  action?: CompletedAs;
  createdAt: IsoDateTime;
  completedAt?: IsoDateTime;
  dueAt?: IsoDateTime;
}

/** A step of the instance waiting for an admin (an automation or timer that failed). */
export interface InstanceIncident {
  id: string;
  nodeId: string;
  code: string;
  message: string;
}

/** GET /api/instances/:id: `data` is filtered by the caller's field permissions. */
export interface InstanceView extends InstanceSummary {
  data: Record<string, unknown>;
  tasks: InstanceTask[];
  incidents: InstanceIncident[];
}

/** POST /api/processes/:key/instances `{ data }` */
export interface StartBody {
  data?: Record<string, unknown>;
}

/** 201 once the start is applied; 202 with `commandId` while it is still queued. */
export type StartAnswer = InstanceView & { commandId?: string };

/** POST /api/instances/:id/withdraw and /cancel `{ comment? }` */
export interface CommentBody {
  comment?: string;
}

/** Withdraw, cancel and incident retry: 200 the new state, or 202 while the command is queued. */
export type InstanceAnswer = InstanceView | CommandQueued;

/** GET /api/instances/:id/events: the audit trail, oldest first. */
export interface InstanceEvent {
  seq: number;
  type: string;
  actorId?: string;
  nodeId?: string;
  taskId?: string;
  at: IsoDateTime;
  payload: Record<string, unknown>;
}
