// Commands a task's assignee gives: approve / reject / submit, return,
// transfer, addSigner.
import { firstForbiddenWrite, firstMissingRequired } from '../fields.js';
import type { Run } from '../run.js';
import { refuse, type Command, type Refusal } from '../types.js';
import { addSigners, finishTask, transferTask, type WorkNode } from '../work.js';
import { isRefusal, isText, openTaskOf } from './lookup.js';

type Of<T extends Command['type']> = Extract<Command, { type: T }>;

export function completeTask(run: Run, cmd: Of<'completeTask'>): Refusal | void {
  const found = openTaskOf(run, cmd.taskId, cmd.actorId);
  if (isRefusal(found)) return found;
  const { task, node, act, behavior } = found;
  if (!behavior.taskActions?.includes(cmd.action) || !behavior.onTaskDone) {
    return refuse('illegal_action', `"${cmd.action}" is not an action of a ${task.kind} task`);
  }
  const patch = cmd.data && typeof cmd.data === 'object' ? cmd.data : undefined;
  if (patch) {
    const field = firstForbiddenWrite(node, run.state.data, patch);
    if (field)
      return refuse('field_not_editable', `field "${field}" cannot be changed at "${node.id}"`);
    run.mergeData(patch, cmd.actorId);
  }
  if (cmd.action !== 'reject') {
    const missing = firstMissingRequired(node, run.state.data);
    if (missing)
      return refuse('required_field_missing', `field "${missing}" is required at "${node.id}"`);
  }
  run.state.counters.actions++;
  finishTask(
    run,
    task,
    cmd.action,
    cmd.actorId,
    cmd.comment === undefined ? {} : { comment: cmd.comment },
  );
  behavior.onTaskDone(run, node, act, task, cmd.action === 'reject' ? 'reject' : 'approve');
}

/**
 * Return by hand: to a node the instance has passed (or the initiator) that
 * every path to this node goes through, so re-running from it can never leave
 * a join short of a token.
 */
export function returnTask(run: Run, cmd: Of<'return'>): Refusal | void {
  const found = openTaskOf(run, cmd.taskId, cmd.actorId);
  if (isRefusal(found)) return found;
  const { task, node, act, behavior } = found;
  if (!behavior.delegable)
    return refuse('illegal_action', `a ${task.kind} task cannot be returned`);
  const target = cmd.to === 'initiator' ? run.graph.start?.id : cmd.to;
  const kind = isText(target) ? run.node(target)?.type : undefined;
  const valid =
    isText(target) &&
    (kind === 'start' || kind === 'approval' || kind === 'task') &&
    target !== node.id &&
    run.state.history.some((v) => v.nodeId === target) &&
    run.graph.dominates(target, node.id);
  if (!valid) {
    return refuse(
      'invalid_return_target',
      `cannot return from "${node.id}" to "${String(cmd.to)}"`,
    );
  }
  run.state.counters.actions++;
  finishTask(
    run,
    task,
    'return',
    cmd.actorId,
    cmd.comment === undefined ? {} : { comment: cmd.comment },
  );
  for (const open of run.openTasksOf(act)) run.cancelTask(open, 'returned');
  run.complete(act, 'returned');
  run.returnTo(target, { nodeId: node.id, actorId: cmd.actorId, taskId: task.id });
}

function checkNewHolders(
  run: Run,
  node: WorkNode,
  actorId: string,
  to: unknown[],
): Refusal | undefined {
  for (const id of to) {
    if (!isText(id) || !run.ctx.directory.userExists(id)) {
      return refuse('invalid_user', `"${String(id)}" is not a user`);
    }
    if (id === actorId) return refuse('invalid_user', 'you already hold this task');
    if (
      node.type === 'approval' &&
      run.definition.settings?.forbidSelfApproval === true &&
      id === run.state.initiatorId
    ) {
      return refuse('self_approval_forbidden', 'the initiator cannot approve their own request');
    }
  }
  return undefined;
}

export function transfer(run: Run, cmd: Of<'transfer'>): Refusal | void {
  const found = openTaskOf(run, cmd.taskId, cmd.actorId);
  if (isRefusal(found)) return found;
  const { task, node, act, behavior } = found;
  if (!behavior.delegable)
    return refuse('illegal_action', `a ${task.kind} task cannot be transferred`);
  const bad = checkNewHolders(run, node as WorkNode, cmd.actorId, [cmd.to]);
  if (bad) return bad;
  run.state.counters.actions++;
  transferTask(run, node as WorkNode, act, task, cmd.to, cmd.actorId);
}

export function addSigner(run: Run, cmd: Of<'addSigner'>): Refusal | void {
  const found = openTaskOf(run, cmd.taskId, cmd.actorId);
  if (isRefusal(found)) return found;
  const { task, node, act, behavior } = found;
  if (!behavior.delegable)
    return refuse('illegal_action', `a ${task.kind} task takes no added signers`);
  if (
    !Array.isArray(cmd.to) ||
    cmd.to.length === 0 ||
    (cmd.position !== 'before' && cmd.position !== 'after')
  ) {
    return refuse(
      'invalid_command',
      'addSigner needs a non-empty "to" list and a position before or after',
    );
  }
  const to = [...new Set(cmd.to)];
  const bad = checkNewHolders(run, node as WorkNode, cmd.actorId, to);
  if (bad) return bad;
  run.state.counters.actions++;
  addSigners(run, node as WorkNode, act, task, to, cmd.position, cmd.actorId);
  run.emit({
    type: 'signersAdded',
    taskId: task.id,
    nodeId: node.id,
    actorId: cmd.actorId,
    userIds: to,
    position: cmd.position,
    at: run.now,
  });
}
