// One transition in progress: the cloned state it mutates, the effects it
// collects, and the token machinery (activate, leave, discard, join rounds,
// return, end). Node behaviours and commands drive it; nothing here performs
// an effect.
import type { FlowEdge, FlowNode, ProcessDefinition } from '../definition.js';
import { toEpochMs, toIso } from '../duration.js';
import { indexGraph, type GraphIndex } from './graph.js';
import { holds } from './logic.js';
import { behaviorOf } from './nodes/index.js';
import { settle, unsettle } from './rounds.js';
import type {
  Activation,
  Arrival,
  Effect,
  EndReason,
  EngineContext,
  IncidentCode,
  InstanceState,
  InstanceStatus,
  NodeOutcome,
  Task,
  Timer,
} from './types.js';

/** Guards against a definition whose automatic nodes loop forever. */
const STEP_LIMIT = 10_000;

interface Pending {
  nodeId: string;
  edgeId: string | null;
  arrival: Arrival;
}

export class Run {
  readonly graph: GraphIndex;
  readonly effects: Effect[] = [];
  readonly nowMs: number;
  readonly now: string;
  private readonly queue: Pending[] = [];
  private steps = 0;

  constructor(
    readonly definition: ProcessDefinition,
    readonly state: InstanceState,
    readonly ctx: EngineContext,
  ) {
    this.graph = indexGraph(definition);
    this.nowMs = toEpochMs(ctx.now);
    this.now = toIso(this.nowMs);
  }

  get running(): boolean {
    return this.state.status === 'running';
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  newId(prefix: string): string {
    return this.ctx.newId(prefix);
  }

  node(nodeId: string): FlowNode | undefined {
    return this.graph.nodes.get(nodeId);
  }

  isActive(act: Activation): boolean {
    return this.state.activations.includes(act);
  }

  // ------------------------------------------------------------- tokens

  /** Puts a token on a node without an edge (start, return). */
  enterAt(nodeId: string): void {
    this.queue.push({ nodeId, edgeId: null, arrival: 'taken' });
  }

  /** Completes an activation and sends tokens down the chosen edges, discarding the rest. */
  leave(act: Activation, outcome: NodeOutcome, take?: readonly FlowEdge[]): void {
    this.complete(act, outcome);
    const out = this.graph.outgoing.get(act.nodeId) ?? [];
    const chosen = take ?? this.route(out, 'all');
    for (const edge of out) {
      this.queue.push({
        nodeId: edge.target,
        edgeId: edge.id,
        arrival: chosen.includes(edge) ? 'taken' : 'discarded',
      });
    }
  }

  /**
   * Edges whose condition holds (`first`: only the first, in array order);
   * the default edges when none does.
   */
  route(out: readonly FlowEdge[], pick: 'first' | 'all'): FlowEdge[] {
    const chosen: FlowEdge[] = [];
    for (const edge of out) {
      if (edge.default || !holds(edge.condition, this.state.data)) continue;
      chosen.push(edge);
      if (pick === 'first') return chosen;
    }
    return chosen.length > 0 ? chosen : out.filter((e) => e.default);
  }

  complete(act: Activation, outcome: NodeOutcome): void {
    removeById(this.state.activations, act.id);
    this.state.history.push({
      nodeId: act.nodeId,
      activationId: act.id,
      enteredAt: act.enteredAt,
      leftAt: this.now,
      outcome,
    });
    this.emit({
      type: 'nodeCompleted',
      nodeId: act.nodeId,
      activationId: act.id,
      outcome,
      at: this.now,
    });
  }

  /** Moves tokens until every one waits on a task, timer, automation or incident. */
  drain(): void {
    while (this.queue.length > 0 && this.running) {
      const next = this.queue.shift()!;
      if (++this.steps > STEP_LIMIT) {
        this.queue.length = 0;
        const act = this.activate(next.nodeId, false);
        this.incident(
          act,
          'step_limit',
          'the flow moved too many steps without waiting; check for a loop',
        );
        return;
      }
      this.arrive(next);
    }
    this.queue.length = 0;
    if (this.running && this.state.activations.length === 0) {
      this.end('completed', 'noTokens');
    }
  }

  private arrive({ nodeId, edgeId, arrival }: Pending): void {
    const node = this.graph.nodes.get(nodeId);
    if (!node) return;
    const behavior = behaviorOf(node);
    const inbound = this.graph.incoming.get(nodeId)!;
    if (edgeId === null || (inbound.length <= 1 && !behavior.gathers)) {
      if (arrival === 'taken') this.activate(nodeId);
      else this.discardFrom(nodeId);
      return;
    }
    const ids = inbound.map((e) => e.id);
    const completed = settle(this.state, nodeId, ids, edgeId, arrival);
    // A merge lets every token through at once; a join waits for the round.
    if (!behavior.gathers && arrival === 'taken') this.activate(nodeId);
    for (const anyTaken of completed) {
      if (behavior.gathers && anyTaken) this.activate(nodeId);
      else if (!anyTaken) this.discardFrom(nodeId);
    }
  }

  /** Dead-path elimination: a node on a path not taken discards all its outgoing edges. */
  private discardFrom(nodeId: string): void {
    for (const edge of this.graph.outgoing.get(nodeId) ?? []) {
      this.queue.push({ nodeId: edge.target, edgeId: edge.id, arrival: 'discarded' });
    }
  }

  activate(nodeId: string, run = true): Activation {
    const act: Activation = {
      id: this.newId('act'),
      nodeId,
      enteredAt: this.now,
      status: 'active',
    };
    this.state.activations.push(act);
    this.emit({ type: 'nodeEntered', nodeId, activationId: act.id, at: this.now });
    const node = this.graph.nodes.get(nodeId)!;
    if (run) behaviorOf(node).enter(this, node, act);
    return act;
  }

  // ------------------------------------------------------ tasks and timers

  scheduleTimer(timer: Timer): void {
    this.state.timers.push(timer);
    this.emit({ type: 'scheduleTimer', timer: { ...timer } });
  }

  cancelTimer(timerId: string): void {
    if (!removeById(this.state.timers, timerId)) return;
    this.emit({ type: 'cancelTimer', timerId });
  }

  cancelTask(task: Task, reason: string): void {
    if (task.status !== 'open') return;
    task.status = 'cancelled';
    task.cancelReason = reason;
    task.completedAt = this.now;
    for (const id of task.timerIds) this.cancelTimer(id);
    task.timerIds = [];
    this.emit({ type: 'cancelTask', taskId: task.id, nodeId: task.nodeId, reason, at: this.now });
  }

  openTasksOf(act: Activation): Task[] {
    const out: Task[] = [];
    for (const slot of act.work?.slots ?? []) {
      const task = slot.taskId ? byId(this.state.tasks, slot.taskId) : undefined;
      if (task && task.status === 'open') out.push(task);
    }
    return out;
  }

  /** Stops an activation without completing it: its tasks, timers and incident go too. */
  cancelActivation(act: Activation, reason: string): void {
    for (const task of this.openTasksOf(act)) this.cancelTask(task, reason);
    if (act.timerId) this.cancelTimer(act.timerId);
    if (act.incidentId) removeById(this.state.incidents, act.incidentId);
    removeById(this.state.activations, act.id);
    this.emit({
      type: 'nodeCancelled',
      nodeId: act.nodeId,
      activationId: act.id,
      reason,
      at: this.now,
    });
  }

  incident(act: Activation, code: IncidentCode, message: string): void {
    const incident = {
      id: this.newId('inc'),
      nodeId: act.nodeId,
      activationId: act.id,
      code,
      message,
      createdAt: this.now,
    };
    this.state.incidents.push(incident);
    act.status = 'incident';
    act.incidentId = incident.id;
    this.emit({ type: 'incident', incident: { ...incident } });
    const admins = this.ctx.directory.admins();
    if (admins.length > 0) {
      this.emit({
        type: 'notify',
        kind: 'incident',
        userIds: [...admins],
        nodeId: act.nodeId,
        message,
      });
    }
  }

  // --------------------------------------------------------- data

  /** Writes form fields, reporting each one that changed. */
  mergeData(patch: Record<string, unknown> | undefined, actorId: string): void {
    if (!patch || typeof patch !== 'object') return;
    const data = this.state.data;
    for (const field in patch) {
      const to = patch[field];
      const from = data[field];
      if (from === to || (typeof to === 'object' && JSON.stringify(from) === JSON.stringify(to)))
        continue;
      // A copy, so the state never aliases the command (states share form values).
      if (to === undefined) delete data[field];
      else
        data[field] = typeof to === 'object' && to !== null ? JSON.parse(JSON.stringify(to)) : to;
      this.emit({
        type: 'fieldChanged',
        field,
        from: from ?? null,
        to: to ?? null,
        actorId,
        at: this.now,
      });
    }
  }

  // ------------------------------------------------- return and end

  /**
   * Sends the instance back to an earlier node: everything the target can
   * reach is superseded (open tasks, timers and automations there, including
   * ones in parallel branches, and the join bookkeeping of those paths), then
   * the target runs afresh.
   */
  returnTo(targetId: string, from: { nodeId: string; actorId: string; taskId?: string }): void {
    const reach = this.graph.reachable(targetId);
    for (const act of [...this.state.activations]) {
      if (reach.has(act.nodeId)) this.cancelActivation(act, 'superseded');
    }
    const edges = new Set<string>();
    for (const nodeId of reach)
      for (const edge of this.graph.outgoing.get(nodeId) ?? []) edges.add(edge.id);
    for (const nodeId of Object.keys(this.state.rounds)) {
      if (reach.has(nodeId)) unsettle(this.state, nodeId, edges);
    }
    this.emit({
      type: 'returned',
      fromNodeId: from.nodeId,
      toNodeId: targetId,
      actorId: from.actorId,
      ...(from.taskId ? { taskId: from.taskId } : {}),
      at: this.now,
    });
    if (this.state.initiatorId) {
      this.emit({
        type: 'notify',
        kind: 'returned',
        userIds: [this.state.initiatorId],
        nodeId: targetId,
        actorId: from.actorId,
      });
    }
    this.enterAt(targetId);
  }

  /** Ends the instance; every open task, timer and activation is cancelled. */
  end(status: InstanceStatus, reason: EndReason, nodeId?: string): void {
    for (const act of [...this.state.activations]) this.cancelActivation(act, 'instanceEnded');
    for (const task of this.state.tasks) this.cancelTask(task, 'instanceEnded');
    for (const timer of [...this.state.timers]) this.cancelTimer(timer.id);
    this.state.incidents = [];
    this.state.rounds = {};
    this.queue.length = 0;
    this.state.status = status;
    this.state.endedAt = this.now;
    this.state.endedBy = nodeId ? { nodeId, reason } : { reason };
    this.emit({
      type: 'instanceEnded',
      status,
      reason,
      ...(nodeId ? { nodeId } : {}),
      at: this.now,
    });
    if (this.state.initiatorId) {
      this.emit({
        type: 'notify',
        kind: 'instanceEnded',
        userIds: [this.state.initiatorId],
        message: status,
      });
    }
  }
}

export function byId<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  for (const item of list) if (item.id === id) return item;
  return undefined;
}

/** Removes the item with that id; false when there was none. */
export function removeById<T extends { id: string }>(list: T[], id: string): boolean {
  const i = list.findIndex((item) => item.id === id);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}
