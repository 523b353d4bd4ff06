// Commands the runtime gives back: timers firing, automation results, and an
// admin's retry of an incident.
import { resolveAssignees } from '../../assignees.js';
import { behaviorOf } from '../nodes/index.js';
import { byId, removeById, type Run } from '../run.js';
import { refuse, type Activation, type Command, type Refusal, type Task } from '../types.js';
import { finishTask, transferTask, type WorkNode } from '../work.js';
import { isAdmin, isText, mustBeRunning } from './lookup.js';

type Of<T extends Command['type']> = Extract<Command, { type: T }>;

export function timerFired(run: Run, cmd: Of<'timerFired'>): Refusal | void {
  const notRunning = mustBeRunning(run);
  if (notRunning) return notRunning;
  const timer = isText(cmd.timerId) ? byId(run.state.timers, cmd.timerId) : undefined;
  // A fired or cancelled timer is gone: a late or repeated delivery changes nothing.
  if (!timer) return refuse('timer_not_found', `no open timer "${String(cmd.timerId)}"`);
  removeById(run.state.timers, timer.id);
  const act = byId(run.state.activations, timer.activationId);
  const node = run.node(timer.nodeId);
  if (!act || !node) return;
  if (timer.purpose === 'node') {
    behaviorOf(node).onTimer?.(run, node, act, timer);
    return;
  }
  const task = timer.taskId ? byId(run.state.tasks, timer.taskId) : undefined;
  if (!task || task.status !== 'open') return;
  task.timerIds = task.timerIds.filter((id) => id !== timer.id);
  if (timer.purpose === 'slaRemind') {
    run.emit({
      type: 'notify',
      kind: 'reminder',
      userIds: [task.assigneeId],
      taskId: task.id,
      nodeId: node.id,
    });
    return;
  }
  overdue(run, node as WorkNode, act, task);
}

/** What happens when a task passes its due time (sla.onOverdue, default remind). */
function overdue(run: Run, node: WorkNode, act: Activation, task: Task): void {
  const onOverdue = node.type === 'start' ? undefined : node.sla?.onOverdue;
  run.emit({
    type: 'notify',
    kind: 'overdue',
    userIds: [task.assigneeId],
    taskId: task.id,
    nodeId: node.id,
  });
  const action = onOverdue?.action ?? 'remind';
  const behavior = behaviorOf(node);
  if (action === 'escalate') {
    const targets = resolveAssignees([onOverdue?.to ?? { kind: 'manager', level: 1 }], {
      directory: run.ctx.directory,
      initiatorId: run.state.initiatorId,
      data: run.state.data,
      subjectId: task.assigneeId,
    }).filter((id) => id !== task.assigneeId);
    if (targets.length === 0) return;
    const moved = transferTask(run, node, act, task, targets[0], 'system');
    run.emit({
      type: 'notify',
      kind: 'escalated',
      userIds: [targets[0], task.assigneeId],
      taskId: moved.id,
      nodeId: node.id,
    });
  } else if (action === 'autoApprove' || (action === 'autoReject' && node.type === 'approval')) {
    const verdict = action === 'autoApprove' ? 'approve' : 'reject';
    const taskAction =
      verdict === 'reject' ? 'reject' : node.type === 'approval' ? 'approve' : 'submit';
    finishTask(run, task, taskAction, 'system', { auto: 'slaOverdue' });
    behavior.onTaskDone?.(run, node, act, task, verdict);
  }
}

export function automationResult(run: Run, cmd: Of<'automationResult'>): Refusal | void {
  const notRunning = mustBeRunning(run);
  if (notRunning) return notRunning;
  const act = isText(cmd.activationId) ? byId(run.state.activations, cmd.activationId) : undefined;
  const node = act ? run.node(act.nodeId) : undefined;
  if (!act || !act.pending || !node) {
    return refuse('automation_not_pending', `no automation waits as "${String(cmd.activationId)}"`);
  }
  behaviorOf(node).onAutomationResult?.(run, node, act, cmd);
}

/** An admin fixes what caused an incident (assignees, data) and the node runs again. */
export function retryNode(run: Run, cmd: Of<'retryNode'>): Refusal | void {
  const notRunning = mustBeRunning(run);
  if (notRunning) return notRunning;
  if (!isText(cmd.actorId) || !isAdmin(run, cmd.actorId))
    return refuse('not_admin', 'only an admin can retry');
  const incident = isText(cmd.incidentId) ? byId(run.state.incidents, cmd.incidentId) : undefined;
  const act = incident ? byId(run.state.activations, incident.activationId) : undefined;
  const node = act ? run.node(act.nodeId) : undefined;
  if (!incident || !act || !node)
    return refuse('incident_not_found', `no open incident "${String(cmd.incidentId)}"`);
  removeById(run.state.incidents, incident.id);
  act.status = 'active';
  delete act.incidentId;
  if (Array.isArray(cmd.assigneeIds) && cmd.assigneeIds.length > 0) {
    act.assigneeOverride = cmd.assigneeIds.filter(isText);
  }
  run.mergeData(cmd.data, cmd.actorId);
  run.emit({
    type: 'incidentResolved',
    incidentId: incident.id,
    actorId: cmd.actorId,
    at: run.now,
  });
  behaviorOf(node).enter(run, node, act);
}
