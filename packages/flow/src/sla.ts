// Service levels of tasks (FLOW-DSL.md "sla"): when a task is due, when it
// turns yellow, which reminder timers it needs, and its traffic light.
import type { Sla } from './definition.js';
import {
  addDuration,
  fieldTime,
  subtractDuration,
  toEpochMs,
  toIso,
  type TimeInput,
} from './duration.js';

export type SlaLight = 'green' | 'yellow' | 'red';

/** Share of the allowed time after which a task without reminders turns yellow. */
export const DEFAULT_WARNING_SHARE = 0.8;

export interface SlaPlan {
  /** Epoch ms the task is due; undefined when the due time cannot be computed. */
  dueAt?: number;
  /** Epoch ms of the warning point (yellow). */
  warnAt?: number;
  /** Epoch ms of each reminder still in the future, ascending. */
  remindAt: number[];
}

/**
 * Plans the SLA of a task created at `createdAt`. `due` is a duration from
 * creation, or a date field of the form moved by an offset.
 */
export function planSla(
  sla: Sla | undefined,
  createdAt: TimeInput,
  data: Record<string, unknown>,
): SlaPlan {
  const created = toEpochMs(createdAt);
  if (!sla || Number.isNaN(created)) return { remindAt: [] };
  const due =
    typeof sla.due === 'string'
      ? addDuration(created, sla.due)
      : sla.due && typeof sla.due === 'object'
        ? fieldTime(data, sla.due.field, sla.due.offset)
        : NaN;
  if (Number.isNaN(due)) return { remindAt: [] };
  const points = (sla.remindBefore ?? [])
    .map((d) => subtractDuration(due, d))
    .filter((t) => !Number.isNaN(t) && t < due)
    .sort((a, b) => a - b);
  const warnAt = points.length > 0 ? points[0] : created + (due - created) * DEFAULT_WARNING_SHARE;
  // Reminders already in the past would fire at once and say nothing new.
  const remindAt = [...new Set(points.filter((t) => t > created))];
  return { dueAt: due, warnAt, remindAt };
}

export interface SlaTaskView {
  createdAt: string;
  dueAt?: string;
  warnAt?: string;
  status?: string;
  completedAt?: string;
}

/**
 * green before the warning point, yellow after it, red when overdue. A closed
 * task keeps the light it had when it was closed.
 */
export function slaState(task: SlaTaskView, now: TimeInput): SlaLight {
  if (!task.dueAt) return 'green';
  const at =
    task.status && task.status !== 'open' && task.completedAt
      ? toEpochMs(task.completedAt)
      : toEpochMs(now);
  const due = toEpochMs(task.dueAt);
  if (at >= due) return 'red';
  const warn = task.warnAt
    ? toEpochMs(task.warnAt)
    : toEpochMs(task.createdAt) + (due - toEpochMs(task.createdAt)) * DEFAULT_WARNING_SHARE;
  return at >= warn ? 'yellow' : 'green';
}

/** The plan as ISO strings, the way task records keep it. */
export function slaFields(plan: SlaPlan): { dueAt?: string; warnAt?: string } {
  if (plan.dueAt === undefined) return {};
  const out: { dueAt?: string; warnAt?: string } = { dueAt: toIso(plan.dueAt) };
  if (plan.warnAt !== undefined) out.warnAt = toIso(plan.warnAt);
  return out;
}
