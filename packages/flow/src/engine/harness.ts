// A small driver around transition() for tests, the bench and anyone who wants
// to run a definition in memory: it keeps the state, a hand-moved clock and a
// log of effects, the way a runtime would but without performing anything.
import type { Directory, ProcessDefinition } from '../definition.js';
import { addDuration, toEpochMs, toIso } from '../duration.js';
import { memoryDirectory, sequentialIds, type DirectorySnapshot } from './support.js';
import { initialState, transition } from './transition.js';
import type {
  Command,
  Effect,
  EffectType,
  InstanceState,
  Task,
  TransitionResult,
} from './types.js';

export class Driver {
  state: InstanceState = initialState();
  /** Every effect of every accepted command, in order. */
  readonly log: Effect[] = [];
  /** Effects of the last accepted command. */
  last: Effect[] = [];
  private clock: number;
  readonly directory: Directory;
  readonly newId: (prefix: string) => string;

  constructor(
    readonly definition: ProcessDefinition,
    directory: Directory | DirectorySnapshot,
    opts: { now?: string; newId?: (prefix: string) => string } = {},
  ) {
    this.directory = 'users' in directory ? memoryDirectory(directory) : directory;
    this.clock = toEpochMs(opts.now ?? '2030-01-01T09:00:00.000Z');
    this.newId = opts.newId ?? sequentialIds();
  }

  get now(): string {
    return toIso(this.clock);
  }

  /** Moves the clock by a duration ("PT4H") or milliseconds. */
  advance(by: string | number): this {
    this.clock = typeof by === 'number' ? this.clock + by : addDuration(this.clock, by);
    return this;
  }

  /** Applies a command; a refusal leaves the state as it was and is returned. */
  apply(command: Command): TransitionResult {
    const result = transition(this.definition, this.state, command, {
      now: this.clock,
      newId: this.newId,
      directory: this.directory,
    });
    if (result.ok) {
      this.state = result.state;
      this.last = result.effects;
      for (const e of result.effects) this.log.push(e);
    }
    return result;
  }

  /** Applies a command that must be accepted. */
  must(command: Command): Effect[] {
    const result = this.apply(command);
    if (!result.ok) throw new Error(`refused ${command.type}: ${result.code}: ${result.message}`);
    return result.effects;
  }

  start(initiatorId: string, data: Record<string, unknown> = {}): Effect[] {
    return this.must({ type: 'start', initiatorId, data });
  }

  openTasks(nodeId?: string): Task[] {
    return this.state.tasks.filter(
      (t) => t.status === 'open' && (nodeId === undefined || t.nodeId === nodeId),
    );
  }

  /** The open task at a node (for one assignee, if given); throws if there is none. */
  task(nodeId: string, assigneeId?: string): Task {
    const found = this.openTasks(nodeId).find(
      (t) => assigneeId === undefined || t.assigneeId === assigneeId,
    );
    if (!found)
      throw new Error(`no open task at "${nodeId}"${assigneeId ? ` for "${assigneeId}"` : ''}`);
    return found;
  }

  act(
    nodeId: string,
    action: 'approve' | 'reject' | 'submit',
    opts: { by?: string; data?: Record<string, unknown>; comment?: string } = {},
  ): Effect[] {
    const task = this.task(nodeId, opts.by);
    return this.must({
      type: 'completeTask',
      taskId: task.id,
      actorId: task.assigneeId,
      action,
      ...(opts.data ? { data: opts.data } : {}),
      ...(opts.comment ? { comment: opts.comment } : {}),
    });
  }

  /** Fires the earliest open timer (moving the clock to it). */
  fireNextTimer(): Effect[] {
    const next = [...this.state.timers].sort((a, b) => a.at.localeCompare(b.at))[0];
    if (!next) throw new Error('no open timer');
    this.clock = Math.max(this.clock, toEpochMs(next.at));
    return this.must({ type: 'timerFired', timerId: next.id });
  }

  effectsOf<T extends EffectType>(
    type: T,
    from: Effect[] = this.log,
  ): Extract<Effect, { type: T }>[] {
    return from.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  }
}
