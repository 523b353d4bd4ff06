// Shapes of the engine's state, commands, effects and results. State is plain
// JSON (it round-trips through JSON.stringify after every step) and carries a
// schemaVersion so a later engine can migrate running instances.
import type { Directory } from '../definition.js';

export const SCHEMA_VERSION = 1 as const;

export type InstanceStatus =
  'new' | 'running' | 'approved' | 'rejected' | 'completed' | 'withdrawn' | 'cancelled';

/** `resubmit` is the initiator's task at the start node after a return. */
export type TaskKind = 'approval' | 'task' | 'resubmit';
export type TaskStatus = 'open' | 'done' | 'cancelled';
export type TaskAction = 'approve' | 'reject' | 'submit' | 'return';

export interface Task {
  id: string;
  nodeId: string;
  activationId: string;
  /** Index of the slot (one original assignee) of the activation this task serves. */
  slot: number;
  kind: TaskKind;
  assigneeId: string;
  status: TaskStatus;
  createdAt: string;
  dueAt?: string;
  warnAt?: string;
  completedAt?: string;
  action?: TaskAction;
  actorId?: string;
  comment?: string;
  /** Why the task was closed without an action, e.g. `transferred`, `superseded`. */
  cancelReason?: string;
  /** Set when the task came from addSigner or transfer. */
  addedBy?: string;
  transferredFrom?: string;
  /** Set when the engine decided instead of a person (dedupe, SLA). */
  auto?: string;
  /** Open SLA timers of this task. */
  timerIds: string[];
}

/**
 * One original assignee of an approval or task node. The chain grows with
 * addSigner (before / after); the slot's result is decided when the whole
 * chain has acted, or at the first rejection in it.
 */
export interface Slot {
  chain: string[];
  pos: number;
  result?: 'approved' | 'rejected';
  taskId?: string;
  /** Signers added by addSigner: never auto-approved by dedupeApprovers. */
  added?: string[];
}

export interface Work {
  /** Slots that must approve for the node to pass. */
  need: number;
  slots: Slot[];
  approved: number;
  rejected: number;
}

export interface Activation {
  id: string;
  nodeId: string;
  enteredAt: string;
  status: 'active' | 'incident';
  work?: Work;
  timerId?: string;
  /** An automation waiting for automationResult. */
  pending?: 'webhook' | 'startProcess';
  incidentId?: string;
  /** Assignees an admin chose when retrying an incident. */
  assigneeOverride?: string[];
}

export type TimerPurpose = 'node' | 'slaRemind' | 'slaOverdue';

export interface Timer {
  id: string;
  at: string;
  purpose: TimerPurpose;
  nodeId: string;
  activationId: string;
  taskId?: string;
}

export type IncidentCode =
  'no_assignees' | 'automation_failed' | 'no_branch_matched' | 'invalid_timer' | 'step_limit';

export interface Incident {
  id: string;
  nodeId: string;
  activationId: string;
  code: IncidentCode;
  message: string;
  createdAt: string;
}

export interface Visit {
  nodeId: string;
  activationId: string;
  enteredAt: string;
  leftAt: string;
  outcome: NodeOutcome;
}

export type NodeOutcome = 'passed' | 'approved' | 'rejected' | 'returned' | 'submitted';

/** Settlement of one inbound edge within one round of a join or merge. */
export type Arrival = 'taken' | 'discarded';

export interface InstanceState {
  schemaVersion: typeof SCHEMA_VERSION;
  status: InstanceStatus;
  initiatorId: string | null;
  data: Record<string, unknown>;
  startedAt: string | null;
  endedAt: string | null;
  /** The end node reached, or why the instance ended without one. */
  endedBy: { nodeId?: string; reason: EndReason } | null;
  // Lists rather than id-keyed maps: engines keep many instances, and objects
  // keyed by ever-new ids cost V8 a hidden class per key (also in JSON.parse).
  /** Live node activations (tokens). */
  activations: Activation[];
  /** Every task of the instance, open and closed. */
  tasks: Task[];
  /** Open timers only. */
  timers: Timer[];
  /** Open incidents only. */
  incidents: Incident[];
  /** Join and merge bookkeeping: node id -> rounds -> inbound edge id -> settlement. */
  rounds: Record<string, Array<Record<string, Arrival>>>;
  /** Nodes the instance has passed, oldest first (return targets). */
  history: Visit[];
  /** Users who approved something in this instance (dedupeApprovers). */
  approvedBy: string[];
  counters: { actions: number; transitions: number };
}

export type EndReason = 'end' | 'rejected' | 'withdrawn' | 'cancelled' | 'noTokens';

// ---------------------------------------------------------------- commands

export type Command =
  | { type: 'start'; initiatorId: string; data?: Record<string, unknown> }
  | {
      type: 'completeTask';
      taskId: string;
      actorId: string;
      action: 'approve' | 'reject' | 'submit';
      data?: Record<string, unknown>;
      comment?: string;
    }
  | { type: 'return'; taskId: string; actorId: string; to: string; comment?: string }
  | { type: 'transfer'; taskId: string; actorId: string; to: string; comment?: string }
  | {
      type: 'addSigner';
      taskId: string;
      actorId: string;
      to: string[];
      position: 'before' | 'after';
      comment?: string;
    }
  | { type: 'withdraw'; actorId: string; comment?: string }
  | { type: 'cancel'; actorId: string; comment?: string }
  | { type: 'comment'; taskId?: string; actorId: string; comment: string; mentions?: string[] }
  | { type: 'timerFired'; timerId: string }
  | {
      type: 'automationResult';
      activationId: string;
      ok: boolean;
      data?: Record<string, unknown>;
      error?: string;
    }
  | {
      type: 'retryNode';
      incidentId: string;
      actorId: string;
      /** Replaces the resolved assignees of an approval or task node. */
      assigneeIds?: string[];
      /** Fixes form data before the node is tried again. */
      data?: Record<string, unknown>;
    };

export type CommandType = Command['type'];

// ----------------------------------------------------------------- effects

export type NotifyKind =
  | 'taskAssigned'
  | 'cc'
  | 'returned'
  | 'reminder'
  | 'overdue'
  | 'escalated'
  | 'mentioned'
  | 'incident'
  | 'instanceEnded';

export interface WebhookRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

export type Effect =
  | { type: 'instanceStarted'; initiatorId: string; at: string }
  | { type: 'nodeEntered'; nodeId: string; activationId: string; at: string }
  | {
      type: 'nodeCompleted';
      nodeId: string;
      activationId: string;
      outcome: NodeOutcome;
      at: string;
    }
  | { type: 'nodeCancelled'; nodeId: string; activationId: string; reason: string; at: string }
  | { type: 'createTask'; task: Task }
  | {
      type: 'completeTask';
      taskId: string;
      nodeId: string;
      action: TaskAction;
      actorId: string;
      at: string;
      comment?: string;
      auto?: string;
    }
  | { type: 'cancelTask'; taskId: string; nodeId: string; reason: string; at: string }
  | { type: 'scheduleTimer'; timer: Timer }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'callWebhook'; nodeId: string; activationId: string; request: WebhookRequest }
  | {
      type: 'startProcess';
      nodeId: string;
      activationId: string;
      key: string;
      data: Record<string, unknown>;
    }
  | {
      type: 'notify';
      kind: NotifyKind;
      userIds: string[];
      taskId?: string;
      nodeId?: string;
      actorId?: string;
      message?: string;
    }
  | { type: 'fieldChanged'; field: string; from: unknown; to: unknown; actorId: string; at: string }
  | {
      type: 'commentAdded';
      actorId: string;
      comment: string;
      mentions: string[];
      taskId?: string;
      nodeId?: string;
      at: string;
    }
  | {
      type: 'returned';
      fromNodeId: string;
      toNodeId: string;
      actorId: string;
      taskId?: string;
      at: string;
    }
  | {
      type: 'signersAdded';
      taskId: string;
      nodeId: string;
      actorId: string;
      userIds: string[];
      position: 'before' | 'after';
      at: string;
    }
  | { type: 'incident'; incident: Incident }
  | { type: 'incidentResolved'; incidentId: string; actorId: string; at: string }
  | {
      type: 'instanceEnded';
      status: InstanceStatus;
      reason: EndReason;
      nodeId?: string;
      at: string;
    };

export type EffectType = Effect['type'];

// ----------------------------------------------------------- ctx and result

export interface EngineContext {
  /** The current time, ISO-8601 or epoch ms. The engine never reads a clock. */
  now: string | number;
  /** Fresh ids for activations, tasks, timers and incidents. */
  newId(prefix: string): string;
  directory: Directory;
}

export type RefusalCode =
  | 'invalid_command'
  | 'invalid_definition'
  | 'already_started'
  | 'instance_not_running'
  | 'not_allowed_to_start'
  | 'task_not_found'
  | 'task_not_open'
  | 'not_assignee'
  | 'illegal_action'
  | 'field_not_editable'
  | 'required_field_missing'
  | 'invalid_return_target'
  | 'invalid_user'
  | 'self_approval_forbidden'
  | 'withdraw_not_allowed'
  | 'not_initiator'
  | 'not_admin'
  | 'timer_not_found'
  | 'automation_not_pending'
  | 'incident_not_found';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
}

export type TransitionResult = { ok: true; state: InstanceState; effects: Effect[] } | Refusal;

export function refuse(code: RefusalCode, message: string): Refusal {
  return { ok: false, code, message };
}
