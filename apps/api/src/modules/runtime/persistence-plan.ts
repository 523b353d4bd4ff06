// What one transition's effects mean for the database, as plain data: the
// task rows to insert or close, timers, outbox rows for the queue, audit
// events, notifications and incidents. Pure, so it is tested without a
// database and the worker's transaction only executes the plan.
import type { Effect, ProcessDefinition, Task } from '@baton/flow';

export interface TaskRow {
  id: string;
  nodeId: string;
  nodeName: string;
  kind: string;
  assigneeId: string;
  createdAt: string;
  dueAt: string | null;
  warnAt: string | null;
}

export interface TaskClose {
  id: string;
  status: 'done' | 'cancelled';
  action: string | null;
  at: string;
}

export interface EventRow {
  type: string;
  actorId: string | null;
  nodeId: string | null;
  taskId: string | null;
  at: string;
  payload: Record<string, unknown>;
}

export type OutboxKind = 'timer' | 'webhook' | 'startProcess';

export interface OutboxRow {
  kind: OutboxKind;
  payload: Record<string, unknown>;
  availableAt: string;
}

export interface NotificationRow {
  userId: string;
  kind: string;
  taskId: string | null;
  actorId: string | null;
  message: string | null;
}

export interface IncidentRow {
  id: string;
  nodeId: string;
  code: string;
  message: string;
  createdAt: string;
}

export interface PersistencePlan {
  newTasks: TaskRow[];
  closedTasks: TaskClose[];
  timers: { id: string; at: string; purpose: string }[];
  cancelledTimers: string[];
  outbox: OutboxRow[];
  events: EventRow[];
  notifications: NotificationRow[];
  incidents: IncidentRow[];
  resolvedIncidents: string[];
}

// Effects that are bookkeeping for the queue, not history a person reads.
const NOT_AUDITED = new Set(['notify', 'scheduleTimer', 'cancelTimer']);

export function nodeName(definition: ProcessDefinition, nodeId: string): string {
  const node = definition.graph.nodes.find((n) => n.id === nodeId);
  return node?.name ?? nodeId;
}

function taskRow(definition: ProcessDefinition, task: Task): TaskRow {
  return {
    id: task.id,
    nodeId: task.nodeId,
    nodeName: nodeName(definition, task.nodeId),
    kind: task.kind,
    assigneeId: task.assigneeId,
    createdAt: task.createdAt,
    dueAt: task.dueAt ?? null,
    warnAt: task.warnAt ?? null,
  };
}

/** Audit payload of an effect: the effect minus what has its own column. */
function eventOf(effect: Effect, now: string, commandActor: string | null): EventRow {
  const { type, ...rest } = effect as Effect & Record<string, unknown>;
  const r = rest as Record<string, unknown>;
  const task = type === 'createTask' ? (r.task as Task) : undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    type:
      type === 'createTask'
        ? 'taskCreated'
        : type === 'completeTask'
          ? 'taskCompleted'
          : type === 'cancelTask'
            ? 'taskCancelled'
            : type,
    actorId:
      str(r.actorId) ?? (type === 'instanceStarted' ? str(r.initiatorId) : null) ?? commandActor,
    nodeId:
      str(r.nodeId) ?? task?.nodeId ?? str((r.incident as { nodeId?: string } | undefined)?.nodeId),
    taskId: str(r.taskId) ?? task?.id ?? null,
    at: str(r.at) ?? task?.createdAt ?? now,
    payload: task
      ? { assigneeId: task.assigneeId, kind: task.kind, dueAt: task.dueAt ?? null }
      : stripForAudit(type, r),
  };
}

function stripForAudit(type: string, r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k === 'actorId' || k === 'nodeId' || k === 'taskId' || k === 'at') continue;
    // Webhook headers may carry credentials; the audit trail keeps the target only.
    if (type === 'callWebhook' && k === 'request') {
      const req = v as { url: string; method: string };
      out.request = { url: req.url, method: req.method };
      continue;
    }
    out[k] = v;
  }
  return out;
}

export function planEffects(
  definition: ProcessDefinition,
  instanceId: string,
  effects: readonly Effect[],
  now: string,
  commandActor: string | null,
): PersistencePlan {
  const plan: PersistencePlan = {
    newTasks: [],
    closedTasks: [],
    timers: [],
    cancelledTimers: [],
    outbox: [],
    events: [],
    notifications: [],
    incidents: [],
    resolvedIncidents: [],
  };
  for (const effect of effects) {
    if (!NOT_AUDITED.has(effect.type)) plan.events.push(eventOf(effect, now, commandActor));
    switch (effect.type) {
      case 'createTask':
        plan.newTasks.push(taskRow(definition, effect.task));
        break;
      case 'completeTask':
        plan.closedTasks.push({
          id: effect.taskId,
          status: 'done',
          action: effect.action,
          at: effect.at,
        });
        break;
      case 'cancelTask':
        plan.closedTasks.push({
          id: effect.taskId,
          status: 'cancelled',
          action: null,
          at: effect.at,
        });
        break;
      case 'scheduleTimer':
        plan.timers.push({
          id: effect.timer.id,
          at: effect.timer.at,
          purpose: effect.timer.purpose,
        });
        plan.outbox.push({
          kind: 'timer',
          payload: { instanceId, timerId: effect.timer.id },
          availableAt: effect.timer.at,
        });
        break;
      case 'cancelTimer':
        plan.cancelledTimers.push(effect.timerId);
        break;
      case 'callWebhook':
        plan.outbox.push({
          kind: 'webhook',
          payload: {
            instanceId,
            nodeId: effect.nodeId,
            activationId: effect.activationId,
            request: effect.request,
          },
          availableAt: now,
        });
        break;
      case 'startProcess':
        plan.outbox.push({
          kind: 'startProcess',
          payload: {
            instanceId,
            nodeId: effect.nodeId,
            activationId: effect.activationId,
            key: effect.key,
            data: effect.data,
          },
          availableAt: now,
        });
        break;
      case 'notify':
        for (const userId of new Set(effect.userIds)) {
          plan.notifications.push({
            userId,
            kind: effect.kind,
            taskId: effect.taskId ?? null,
            actorId: effect.actorId ?? null,
            message: effect.message ?? null,
          });
        }
        break;
      case 'incident':
        plan.incidents.push({
          id: effect.incident.id,
          nodeId: effect.incident.nodeId,
          code: effect.incident.code,
          message: effect.incident.message,
          createdAt: effect.incident.createdAt,
        });
        break;
      case 'incidentResolved':
        plan.resolvedIncidents.push(effect.incidentId);
        break;
      default:
        break;
    }
  }
  return plan;
}
