// What a node kind does. The engine calls `enter` when a token activates the
// node; the optional hooks answer the commands that concern the node later.
import type { FlowNode } from '../../definition.js';
import type { Run } from '../run.js';
import type { Activation, Command, Task, Timer } from '../types.js';

export type Verdict = 'approve' | 'reject';

export type AutomationResult = Extract<Command, { type: 'automationResult' }>;

export interface NodeBehavior<N extends FlowNode = FlowNode> {
  enter(run: Run, node: N, act: Activation): void;
  /**
   * Activate once per round of inbound edges (every one taken or discarded)
   * instead of once per token: what a join does.
   */
  gathers?: boolean;
  /** Task actions accepted by this node's tasks (completeTask). */
  taskActions?: readonly ('approve' | 'reject' | 'submit')[];
  /** Whether return, transfer and addSigner apply to this node's tasks. */
  delegable?: boolean;
  /** A task of this node was approved or submitted (`approve`), or rejected. */
  onTaskDone?(run: Run, node: N, act: Activation, task: Task, verdict: Verdict): void;
  onTimer?(run: Run, node: N, act: Activation, timer: Timer): void;
  onAutomationResult?(run: Run, node: N, act: Activation, result: AutomationResult): void;
}
