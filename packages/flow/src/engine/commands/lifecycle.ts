// Commands about the instance as a whole: start, withdraw, cancel, comment.
import { resolveAssignees } from '../../assignees.js';
import { byId, type Run } from '../run.js';
import { refuse, type Command, type Refusal } from '../types.js';
import { isAdmin, isText, mustBeRunning } from './lookup.js';

type Of<T extends Command['type']> = Extract<Command, { type: T }>;

export function start(run: Run, cmd: Of<'start'>): Refusal | void {
  const { state } = run;
  if (state.status !== 'new') return refuse('already_started', 'the instance has already started');
  if (!isText(cmd.initiatorId)) return refuse('invalid_command', 'start needs an initiatorId');
  const startNode = run.graph.start;
  if (!startNode) return refuse('invalid_definition', 'the definition has no start node');
  const data: Record<string, unknown> =
    cmd.data && typeof cmd.data === 'object' ? JSON.parse(JSON.stringify(cmd.data)) : {};
  const starters = run.definition.settings?.starters;
  if (starters && starters.length > 0) {
    const allowed = resolveAssignees(starters, {
      directory: run.ctx.directory,
      initiatorId: cmd.initiatorId,
      data,
    });
    if (!allowed.includes(cmd.initiatorId)) {
      return refuse(
        'not_allowed_to_start',
        `"${cmd.initiatorId}" may not start "${run.definition.key}"`,
      );
    }
  }
  state.status = 'running';
  state.initiatorId = cmd.initiatorId;
  state.data = data;
  state.startedAt = run.now;
  run.emit({ type: 'instanceStarted', initiatorId: cmd.initiatorId, at: run.now });
  run.enterAt(startNode.id);
}

/**
 * The initiator takes the request back: only until someone has acted on it,
 * or while it sits with them again after a return.
 */
export function withdraw(run: Run, cmd: Of<'withdraw'>): Refusal | void {
  const notRunning = mustBeRunning(run);
  if (notRunning) return notRunning;
  const { state } = run;
  if (cmd.actorId !== state.initiatorId)
    return refuse('not_initiator', 'only the initiator can withdraw');
  if (run.definition.settings?.allowWithdraw === false) {
    return refuse('withdraw_not_allowed', 'this process does not allow withdrawing');
  }
  const holdsResubmit = state.tasks.some(
    (t) => t.status === 'open' && t.kind === 'resubmit' && t.assigneeId === cmd.actorId,
  );
  if (state.counters.actions > 0 && !holdsResubmit) {
    return refuse('withdraw_not_allowed', 'someone has already acted on this request');
  }
  run.end('withdrawn', 'withdrawn');
}

export function cancel(run: Run, cmd: Of<'cancel'>): Refusal | void {
  const notRunning = mustBeRunning(run);
  if (notRunning) return notRunning;
  if (!isText(cmd.actorId) || !isAdmin(run, cmd.actorId))
    return refuse('not_admin', 'only an admin can cancel');
  run.end('cancelled', 'cancelled');
}

/** A comment, on the instance or a task; @mentions notify the people named. */
export function comment(run: Run, cmd: Of<'comment'>): Refusal | void {
  if (run.state.status === 'new')
    return refuse('instance_not_running', 'the instance has not started');
  if (!isText(cmd.actorId) || !isText(cmd.comment)) {
    return refuse('invalid_command', 'a comment needs an actorId and text');
  }
  const task = cmd.taskId === undefined ? undefined : byId(run.state.tasks, cmd.taskId);
  if (cmd.taskId !== undefined && !task) return refuse('task_not_found', `no task "${cmd.taskId}"`);
  const mentions = [...new Set((cmd.mentions ?? []).filter(isText))];
  run.emit({
    type: 'commentAdded',
    actorId: cmd.actorId,
    comment: cmd.comment,
    mentions,
    ...(task ? { taskId: task.id, nodeId: task.nodeId } : {}),
    at: run.now,
  });
  const notify = mentions.filter((id) => id !== cmd.actorId);
  if (notify.length > 0) {
    run.emit({
      type: 'notify',
      kind: 'mentioned',
      userIds: notify,
      actorId: cmd.actorId,
      message: cmd.comment,
      ...(task ? { taskId: task.id, nodeId: task.nodeId } : {}),
    });
  }
}
