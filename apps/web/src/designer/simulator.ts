// The simulator's pure half: the real organisation as an in-memory directory
// for @baton/flow's engine, sample form data, and node statuses for the
// canvas (toFlowElements `statuses`) read from the engine's state.
import type { Department, User } from '@baton/contracts';
import type { FormField } from '@baton/forms';
import {
  Driver,
  memoryDirectory,
  type DirectorySnapshot,
  type InstanceState,
  type ProcessDefinition,
  type Task,
} from '@baton/flow';
import type { NodeStatus } from './model';

/** A user of GET /api/users as the simulator needs one (tests leave out what they do not use). */
export type DirectoryUser = Pick<User, 'id' | 'username' | 'displayName' | 'roles'> &
  Partial<Pick<User, 'departmentId' | 'active'>>;

/** A department of GET /api/departments as the simulator needs one. */
export type DirectoryDepartment = Pick<Department, 'id' | 'name'> &
  Partial<Pick<Department, 'parentId' | 'headId'>>;

/** The organisation as the engine and the validator see it (admins from the `admin` role). */
export function directorySnapshot(
  users: readonly DirectoryUser[],
  departments: readonly DirectoryDepartment[],
): DirectorySnapshot {
  return {
    users: users.map((u) => ({
      id: u.id,
      roles: [...u.roles],
      ...(u.departmentId ? { departmentId: u.departmentId } : {}),
    })),
    departments: departments.map((d) => ({
      id: d.id,
      ...(d.headId ? { headId: d.headId } : {}),
      ...(d.parentId ? { parentId: d.parentId } : {}),
    })),
    admins: users.filter((u) => u.roles.includes('admin')).map((u) => u.id),
  };
}

export const directoryOf = (snapshot: DirectorySnapshot) => memoryDirectory(snapshot);

/** Every role held by someone, sorted. */
export function rolesOf(users: readonly DirectoryUser[]): string[] {
  return [...new Set(users.flatMap((u) => u.roles))].sort();
}

/** Plausible data for a simulated request: a number field 1000 (over typical thresholds). */
export function sampleData(
  fields: readonly FormField[],
  initiatorId: string,
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const f of fields) {
    switch (f.type) {
      case 'money':
      case 'number':
        data[f.key] = f.max !== undefined ? Math.min(1000, f.max) : 1000;
        break;
      case 'text':
      case 'textarea':
        data[f.key] = f.label;
        break;
      case 'select':
        if (f.options?.[0]) data[f.key] = f.options[0].value;
        break;
      case 'multi-select':
        if (f.options?.[0]) data[f.key] = [f.options[0].value];
        break;
      case 'checkbox':
        data[f.key] = false;
        break;
      case 'date':
        data[f.key] = '2030-01-15';
        break;
      case 'datetime':
        data[f.key] = '2030-01-15T09:00:00.000Z';
        break;
      case 'user':
        data[f.key] = f.multiple ? [initiatorId] : initiatorId;
        break;
      default:
        break;
    }
  }
  return data;
}

/**
 * Done: nodes the instance has passed; active: nodes holding a live
 * activation (they win over done when a loop returns there); others pending.
 */
export function statusesOf(
  definition: ProcessDefinition,
  state: InstanceState,
): Record<string, NodeStatus> {
  const statuses: Record<string, NodeStatus> = {};
  for (const node of definition.graph.nodes) statuses[node.id] = 'pending';
  for (const visit of state.history) statuses[visit.nodeId] = 'done';
  if (state.endedBy?.nodeId) statuses[state.endedBy.nodeId] = 'done';
  for (const activation of state.activations) statuses[activation.nodeId] = 'active';
  return statuses;
}

export type SimulationStep =
  | { kind: 'start'; data: Record<string, unknown> }
  | { kind: 'act'; taskId: string; action: 'approve' | 'reject' | 'submit' }
  | { kind: 'timer' };

export interface Simulation {
  state: InstanceState;
  /** Whether the last step was refused, and why. */
  error?: string;
}

/**
 * Replays steps from scratch on a fresh Driver: the simulation is a value
 * (a list of steps), so undoing a step is dropping it.
 */
export function simulate(
  definition: ProcessDefinition,
  snapshot: DirectorySnapshot,
  initiatorId: string,
  steps: readonly SimulationStep[],
): Simulation {
  const driver = new Driver(definition, snapshot);
  for (const step of steps) {
    let result;
    if (step.kind === 'start')
      result = driver.apply({ type: 'start', initiatorId, data: step.data });
    else if (step.kind === 'timer') {
      const next = [...driver.state.timers].sort((a, b) => a.at.localeCompare(b.at))[0];
      if (!next) return { state: driver.state, error: 'no_timer' };
      driver.advance(Math.max(0, Date.parse(next.at) - Date.parse(driver.now)));
      result = driver.apply({ type: 'timerFired', timerId: next.id });
    } else {
      const task = driver.state.tasks.find((t) => t.id === step.taskId);
      if (!task) return { state: driver.state, error: 'no_task' };
      result = driver.apply({
        type: 'completeTask',
        taskId: task.id,
        actorId: task.assigneeId,
        action: step.action,
      });
    }
    if (!result.ok) return { state: driver.state, error: `${result.code}: ${result.message}` };
  }
  return { state: driver.state };
}

export const openTasks = (state: InstanceState): Task[] =>
  state.tasks.filter((t) => t.status === 'open');
