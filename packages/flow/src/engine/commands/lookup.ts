// Checks shared by the commands that act on a task.
import type { FlowNode } from '../../definition.js';
import { behaviorOf } from '../nodes/index.js';
import type { NodeBehavior } from '../nodes/behavior.js';
import { byId, type Run } from '../run.js';
import { refuse, type Activation, type Refusal, type Task } from '../types.js';

export interface OpenTask {
  task: Task;
  node: FlowNode;
  act: Activation;
  behavior: NodeBehavior;
}

export function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

export function mustBeRunning(run: Run): Refusal | undefined {
  if (run.running) return undefined;
  return refuse('instance_not_running', `the instance is ${run.state.status}`);
}

export function openTaskOf(run: Run, taskId: unknown, actorId: unknown): OpenTask | Refusal {
  const notRunning = mustBeRunning(run);
  if (notRunning) return notRunning;
  if (!isText(taskId) || !isText(actorId))
    return refuse('invalid_command', 'taskId and actorId are required');
  const task = byId(run.state.tasks, taskId);
  if (!task) return refuse('task_not_found', `no task "${taskId}" in this instance`);
  if (task.status !== 'open') return refuse('task_not_open', `task "${taskId}" is ${task.status}`);
  if (task.assigneeId !== actorId)
    return refuse('not_assignee', `task "${taskId}" is not assigned to "${actorId}"`);
  const act = byId(run.state.activations, task.activationId);
  const node = run.node(task.nodeId);
  // An open task always belongs to a live activation; this guards a hand-edited state.
  if (!act || !node) return refuse('task_not_open', `task "${taskId}" has no live node`);
  return { task, node, act, behavior: behaviorOf(node) };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).ok === false;
}

export function isAdmin(run: Run, actorId: string): boolean {
  return run.ctx.directory.admins().includes(actorId);
}
