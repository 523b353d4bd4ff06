// People's work at a node (approval, task, and the initiator's resubmission at
// start): resolving assignees, slots and their signer chains, tasks with their
// SLA timers, votes, transfer and addSigner. Node files decide what passing
// or rejecting means through WorkHooks.
import { resolveAssignees } from '../assignees.js';
import type { ApprovalNode, StartNode, TaskNode } from '../definition.js';
import { toIso } from '../duration.js';
import { planSla, slaFields } from '../sla.js';
import type { Run } from './run.js';
import type {
  Activation,
  Effect,
  NodeOutcome,
  Slot,
  Task,
  TaskAction,
  TaskKind,
  Timer,
} from './types.js';

export interface WorkHooks {
  passed(run: Run, act: Activation): void;
  rejected(run: Run, act: Activation): void;
}

export type WorkNode = ApprovalNode | TaskNode | StartNode;

/**
 * Who works at an approval or task node. When the rules name nobody the
 * node's emptyAssignees policy applies (default `toAdmin`); undefined means
 * the node already moved on (autoApprove) or waits on an incident.
 */
export function assigneesFor(
  run: Run,
  node: ApprovalNode | TaskNode,
  act: Activation,
  passedAs: NodeOutcome,
): string[] | undefined {
  const { state } = run;
  const noSelf =
    node.type === 'approval' &&
    run.definition.settings?.forbidSelfApproval === true &&
    state.initiatorId;
  const keep = (ids: readonly string[]) =>
    noSelf ? ids.filter((id) => id !== state.initiatorId) : [...ids];
  let ids = keep(
    act.assigneeOverride ??
      resolveAssignees(node.assignees, {
        directory: run.ctx.directory,
        initiatorId: state.initiatorId,
        data: state.data,
      }),
  );
  if (ids.length > 0) return ids;
  const policy = node.emptyAssignees ?? 'toAdmin';
  if (policy === 'autoApprove') {
    run.leave(act, passedAs);
    return undefined;
  }
  if (policy === 'toAdmin') {
    ids = keep(run.ctx.directory.admins());
    if (ids.length > 0) return ids;
  }
  run.incident(act, 'no_assignees', `nobody to assign at node "${node.id}"`);
  return undefined;
}

/** Slots that must approve out of `n`, by approval mode. */
export function needFor(mode: string, n: number, passRatio?: number): number {
  if (mode === 'all') return n;
  if (mode === 'vote') {
    const ratio = typeof passRatio === 'number' && passRatio > 0 ? Math.min(passRatio, 1) : 0.5;
    return Math.max(1, Math.ceil(ratio * n - 1e-9));
  }
  return 1;
}

/**
 * Opens the node's work: one slot per assignee, or a single slot whose chain
 * is every assignee in order (sequential).
 */
export function openWork(
  run: Run,
  node: WorkNode,
  act: Activation,
  assignees: string[],
  opts: { need: number; sequential: boolean; kind: TaskKind; hooks: WorkHooks },
): void {
  const slots: Slot[] = opts.sequential
    ? [{ chain: [...assignees], pos: 0 }]
    : assignees.map((id) => ({ chain: [id], pos: 0 }));
  act.work = { need: opts.sequential ? 1 : opts.need, slots, approved: 0, rejected: 0 };
  for (let i = 0; i < slots.length && run.isActive(act); i++) {
    startSlot(run, node, act, i, opts.kind, opts.hooks);
  }
}

function startSlot(
  run: Run,
  node: WorkNode,
  act: Activation,
  i: number,
  kind: TaskKind,
  hooks: WorkHooks,
): void {
  const slot = act.work!.slots[i];
  const assignee = slot.chain[slot.pos];
  const task = createTask(run, node, act, i, assignee, kind);
  const dedupe =
    kind === 'approval' &&
    run.definition.settings?.dedupeApprovers === true &&
    run.state.approvedBy.includes(assignee) &&
    !slot.added?.includes(assignee);
  if (dedupe) {
    finishTask(run, task, 'approve', 'system', { auto: 'dedupeApprovers' });
    vote(run, node, act, task, 'approve', kind, hooks);
  }
}

export function createTask(
  run: Run,
  node: WorkNode,
  act: Activation,
  slot: number,
  assigneeId: string,
  kind: TaskKind,
  extra: Partial<Pick<Task, 'addedBy' | 'transferredFrom'>> = {},
): Task {
  const task: Task = {
    id: run.newId('task'),
    nodeId: node.id,
    activationId: act.id,
    slot,
    kind,
    assigneeId,
    status: 'open',
    createdAt: run.now,
    timerIds: [],
    ...extra,
  };
  const timers: Timer[] = [];
  if (node.type !== 'start' && node.sla) {
    const plan = planSla(node.sla, run.nowMs, run.state.data);
    Object.assign(task, slaFields(plan));
    const timer = (at: number, purpose: Timer['purpose']): Timer => ({
      id: run.newId('timer'),
      at: toIso(at),
      purpose,
      nodeId: node.id,
      activationId: act.id,
      taskId: task.id,
    });
    for (const at of plan.remindAt) timers.push(timer(at, 'slaRemind'));
    if (plan.dueAt !== undefined) timers.push(timer(plan.dueAt, 'slaOverdue'));
    task.timerIds = timers.map((t) => t.id);
  }
  run.state.tasks.push(task);
  act.work!.slots[slot].taskId = task.id;
  run.emit({ type: 'createTask', task: { ...task, timerIds: [...task.timerIds] } });
  for (const t of timers) run.scheduleTimer(t);
  run.emit({
    type: 'notify',
    kind: 'taskAssigned',
    userIds: [assigneeId],
    taskId: task.id,
    nodeId: node.id,
  });
  return task;
}

export function finishTask(
  run: Run,
  task: Task,
  action: TaskAction,
  actorId: string,
  opts: { comment?: string; auto?: string } = {},
): void {
  task.status = 'done';
  task.action = action;
  task.actorId = actorId;
  task.completedAt = run.now;
  if (opts.comment !== undefined) task.comment = opts.comment;
  if (opts.auto !== undefined) task.auto = opts.auto;
  for (const id of task.timerIds) run.cancelTimer(id);
  task.timerIds = [];
  if (action === 'approve' && !opts.auto && !run.state.approvedBy.includes(actorId)) {
    run.state.approvedBy.push(actorId);
  }
  const effect: Extract<Effect, { type: 'completeTask' }> = {
    type: 'completeTask',
    taskId: task.id,
    nodeId: task.nodeId,
    action,
    actorId,
    at: run.now,
  };
  if (opts.comment !== undefined) effect.comment = opts.comment;
  if (opts.auto !== undefined) effect.auto = opts.auto;
  run.emit(effect);
}

/**
 * Counts a finished task toward its slot: an approval moves the slot's chain
 * on (or settles the slot), a rejection settles it. The node passes when
 * enough slots approved and is rejected as soon as passing is impossible.
 */
export function vote(
  run: Run,
  node: WorkNode,
  act: Activation,
  task: Task,
  verdict: 'approve' | 'reject',
  kind: TaskKind,
  hooks: WorkHooks,
): void {
  const work = act.work!;
  const slot = work.slots[task.slot];
  if (verdict === 'approve') {
    slot.pos++;
    if (slot.pos < slot.chain.length) {
      startSlot(run, node, act, task.slot, kind, hooks);
      return;
    }
    slot.result = 'approved';
    work.approved++;
  } else {
    slot.result = 'rejected';
    work.rejected++;
  }
  if (!run.isActive(act)) return;
  if (work.approved >= work.need) {
    for (const open of run.openTasksOf(act)) run.cancelTask(open, 'nodeDecided');
    hooks.passed(run, act);
  } else if (work.slots.length - work.rejected < work.need) {
    for (const open of run.openTasksOf(act)) run.cancelTask(open, 'nodeDecided');
    hooks.rejected(run, act);
  }
}

/** Hands a task to someone else; the slot keeps its place. */
export function transferTask(
  run: Run,
  node: WorkNode,
  act: Activation,
  task: Task,
  to: string,
  by: string,
): Task {
  run.cancelTask(task, 'transferred');
  act.work!.slots[task.slot].chain[act.work!.slots[task.slot].pos] = to;
  return createTask(run, node, act, task.slot, to, task.kind, {
    transferredFrom: task.assigneeId,
    addedBy: by,
  });
}

/**
 * 加签: `before` puts the new signers ahead of the task's holder (whose task
 * is withdrawn and comes back after them); `after` makes them sign once the
 * holder has approved. Either way the slot approves only when all have.
 */
export function addSigners(
  run: Run,
  node: WorkNode,
  act: Activation,
  task: Task,
  to: string[],
  position: 'before' | 'after',
  by: string,
): void {
  const slot = act.work!.slots[task.slot];
  slot.added = [...new Set([...(slot.added ?? []), ...to])];
  if (position === 'after') {
    slot.chain.splice(slot.pos + 1, 0, ...to);
    return;
  }
  run.cancelTask(task, 'signersAdded');
  slot.chain.splice(slot.pos, 0, ...to);
  createTask(run, node, act, task.slot, slot.chain[slot.pos], task.kind, { addedBy: by });
}
