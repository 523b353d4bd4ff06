// The worker's side of a command: read the command with its instance, run
// the pure engine, and write everything the transition means — state, tasks,
// timers, audit events, notifications, incidents, outbox rows and the
// command's mark — in ONE statement guarded by the instance row's version
// (xmin): optimistic concurrency. Two transitions of one instance racing (a
// join, the same approval twice) both compute, one write wins, the other
// matches nothing and starts again from the new state. A command applied
// twice is a no-op: its row is no longer 'queued'. Two round trips per
// command and no lock held while the engine runs.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transition, type Command, type InstanceState } from '@baton/flow';
import { PermanentJobError } from '../../platform/queue/queue.driver.js';
import { CommandBus, type CommandOutcome } from './command-bus.js';
import { planEffects } from './persistence-plan.js';
import { RuntimeCaches } from './runtime.caches.js';
import { OutboxRelay } from './outbox-relay.js';
import { refusalWrite, transitionWrite, type Statement } from './transition-write.js';

const TERMINAL = new Set(['approved', 'rejected', 'completed', 'withdrawn', 'cancelled']);
/** Lost races before giving up this run (the queue retries the job). */
const MAX_RACES = 100;

interface Head {
  instance_id: string;
  actor_id: string | null;
  payload: Command;
  status: string;
  process_key: string;
  version: number;
  state: InstanceState;
  event_seq: number;
  xmin: string;
}

@Injectable()
export class CommandProcessor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caches: RuntimeCaches,
    private readonly bus: CommandBus,
    private readonly relay: OutboxRelay,
  ) {}

  async apply(commandId: string): Promise<void> {
    for (let race = 0; race < MAX_RACES; race++) {
      const [head]: Head[] = await this.dataSource.query(
        `SELECT c.instance_id, c.actor_id, c.payload, c.status, i.process_key, i.version, i.state, i.event_seq, i.xmin::text AS xmin
           FROM commands c JOIN instances i ON i.id = c.instance_id WHERE c.id = $1`,
        [commandId],
      );
      if (!head) throw new PermanentJobError(`command ${commandId} does not exist`);
      if (head.status !== 'queued') return;
      const definition = await this.caches.definition(head.process_key, head.version);
      if (!definition)
        throw new PermanentJobError(`process ${head.process_key} v${head.version} is missing`);
      const directory = await this.caches.directorySnapshot();

      const now = new Date().toISOString();
      const command = head.payload;
      const result = transition(definition, head.state, command, {
        now,
        newId: (prefix) => `${prefix}_${randomUUID()}`,
        directory,
      });
      let outcome: CommandOutcome;
      let statement: Statement;
      let wroteOutbox = false;
      if (!result.ok) {
        outcome = {
          status: 'refused',
          result: { ok: false, code: result.code, message: result.message },
        };
        statement = refusalWrite({
          commandId,
          instanceId: head.instance_id,
          xmin: head.xmin,
          result: outcome.result,
        });
      } else {
        outcome = { status: 'applied', result: { ok: true } };
        const plan = planEffects(definition, head.instance_id, result.effects, now, head.actor_id);
        const state = result.state;
        statement = transitionWrite({
          commandId,
          instanceId: head.instance_id,
          xmin: head.xmin,
          state,
          status: state.status,
          eventSeq: head.event_seq + plan.events.length,
          endedAt: TERMINAL.has(state.status) ? (state.endedAt ?? now) : null,
          plan,
          ...(command.type === 'timerFired' ? { firedTimerId: command.timerId } : {}),
        });
        wroteOutbox = plan.outbox.length > 0;
      }
      const rows: unknown[] = await this.dataSource.query(statement.text, statement.values);
      if (rows.length === 0) continue; // another transition came first: read again
      await this.bus.announce(commandId, outcome);
      if (wroteOutbox) void this.relay.kick();
      return;
    }
    throw new Error(`command ${commandId}: lost ${MAX_RACES} races in a row, retrying later`);
  }
}
