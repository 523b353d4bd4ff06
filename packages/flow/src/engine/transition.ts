// transition(definition, state, command, ctx) -> result. The only door into
// the engine: the state is cloned once on the way in and never mutated in
// place, time and ids come from ctx, and every effect is returned as data.
//
//   command ──► handler (checks, may refuse) ──► Run: tokens move, node
//   behaviours open tasks / timers / calls ──► drain until every token waits
//   ──► { ok, state, effects }
import type { ProcessDefinition } from '../definition.js';
import { toEpochMs } from '../duration.js';
import * as lifecycle from './commands/lifecycle.js';
import * as machine from './commands/machine.js';
import * as taskCommands from './commands/task-commands.js';
import { cloneState } from './clone.js';
import { Run } from './run.js';
import {
  SCHEMA_VERSION,
  refuse,
  type Command,
  type CommandType,
  type EngineContext,
  type InstanceState,
  type Refusal,
  type TransitionResult,
} from './types.js';

type Handlers = {
  [K in CommandType]: (run: Run, cmd: Extract<Command, { type: K }>) => Refusal | void;
};

const handlers: Handlers = {
  start: lifecycle.start,
  withdraw: lifecycle.withdraw,
  cancel: lifecycle.cancel,
  comment: lifecycle.comment,
  completeTask: taskCommands.completeTask,
  return: taskCommands.returnTask,
  transfer: taskCommands.transfer,
  addSigner: taskCommands.addSigner,
  timerFired: machine.timerFired,
  automationResult: machine.automationResult,
  retryNode: machine.retryNode,
};

/** The state of an instance that has not started yet. */
export function initialState(): InstanceState {
  return {
    schemaVersion: SCHEMA_VERSION,
    status: 'new',
    initiatorId: null,
    data: {},
    startedAt: null,
    endedAt: null,
    endedBy: null,
    activations: [],
    tasks: [],
    timers: [],
    incidents: [],
    rounds: {},
    history: [],
    approvedBy: [],
    counters: { actions: 0, transitions: 0 },
  };
}

export function transition(
  definition: ProcessDefinition,
  state: InstanceState,
  command: Command,
  ctx: EngineContext,
): TransitionResult {
  const handler = command && typeof command === 'object' ? handlers[command.type] : undefined;
  if (!handler) return refuse('invalid_command', `unknown command "${String(command?.type)}"`);
  if (!state || state.schemaVersion !== SCHEMA_VERSION) {
    return refuse('invalid_command', `state schemaVersion must be ${SCHEMA_VERSION}`);
  }
  if (!ctx || Number.isNaN(toEpochMs(ctx.now)))
    return refuse('invalid_command', 'ctx.now is not a valid time');
  const next = cloneState(state);
  const run = new Run(definition, next, ctx);
  const refusal = (handler as (run: Run, cmd: Command) => Refusal | void)(run, command);
  if (refusal) return refusal;
  run.drain();
  next.counters.transitions++;
  return { ok: true, state: next, effects: run.effects };
}

/** Shorthand: a new instance started by `initiatorId` with the form `data`. */
export function startInstance(
  definition: ProcessDefinition,
  start: { initiatorId: string; data?: Record<string, unknown> },
  ctx: EngineContext,
): TransitionResult {
  return transition(definition, initialState(), { type: 'start', ...start }, ctx);
}
