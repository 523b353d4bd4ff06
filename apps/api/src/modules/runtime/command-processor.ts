// The worker's side of a command: lock the instance, run the pure engine,
// and write everything the transition means — state, tasks, timers, audit
// events, notifications, incidents, outbox rows and the command's mark — in
// ONE transaction. A command applied twice is a no-op: its row is no longer
// 'queued'.
import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { transition, type Command, type InstanceState } from '@baton/flow';
import { PermanentJobError } from '../../platform/queue/queue.driver.js';
import { CommandBus, type CommandOutcome } from './command-bus.js';
import { planEffects, type PersistencePlan } from './persistence-plan.js';
import { RuntimeCaches } from './runtime.caches.js';
import { OutboxRelay } from './outbox-relay.js';

const TERMINAL = new Set(['approved', 'rejected', 'completed', 'withdrawn', 'cancelled']);

@Injectable()
export class CommandProcessor {
  private readonly logger = new Logger('Commands');

  constructor(
    private readonly dataSource: DataSource,
    private readonly caches: RuntimeCaches,
    private readonly bus: CommandBus,
    private readonly relay: OutboxRelay,
  ) {}

  async apply(commandId: string): Promise<void> {
    // Everything that needs its own connection is read BEFORE the transaction:
    // on PGlite all connections share one session, so awaiting another
    // connection inside a transaction would wait for ourselves.
    const [head] = await this.dataSource.query(
      `SELECT c.status, i.process_key, i.version FROM commands c JOIN instances i ON i.id = c.instance_id WHERE c.id = $1`,
      [commandId],
    );
    if (!head) throw new PermanentJobError(`command ${commandId} does not exist`);
    if (head.status !== 'queued') return;
    const definition = await this.caches.definition(head.process_key, head.version);
    if (!definition)
      throw new PermanentJobError(`process ${head.process_key} v${head.version} is missing`);
    const directory = await this.caches.directorySnapshot();

    let outcome: CommandOutcome | undefined;
    let wroteOutbox = false;
    await this.dataSource.transaction(async (m) => {
      const [cmd] = await m.query(
        `SELECT instance_id, actor_id, payload, status FROM commands WHERE id = $1 FOR UPDATE`,
        [commandId],
      );
      if (!cmd || cmd.status !== 'queued') return;
      const [inst] = await m.query(
        `SELECT id, state, event_seq, status FROM instances WHERE id = $1 FOR UPDATE`,
        [cmd.instance_id],
      );
      const now = new Date().toISOString();
      const command = cmd.payload as Command;
      const result = transition(definition, inst.state as InstanceState, command, {
        now,
        newId: (prefix) => `${prefix}_${randomUUID()}`,
        directory,
      });
      if (!result.ok) {
        outcome = {
          status: 'refused',
          result: { ok: false, code: result.code, message: result.message },
        };
        await m.query(
          `UPDATE commands SET status = 'refused', result = $2, applied_at = now() WHERE id = $1`,
          [commandId, JSON.stringify(outcome.result)],
        );
        return;
      }
      const plan = planEffects(definition, inst.id, result.effects, now, cmd.actor_id);
      const state = result.state;
      const ended = TERMINAL.has(state.status);
      await m.query(
        `UPDATE instances SET state = $2, status = $3, event_seq = $4, ended_at = $5, updated_at = now() WHERE id = $1`,
        [
          inst.id,
          JSON.stringify(state),
          state.status,
          inst.event_seq + plan.events.length,
          ended ? (state.endedAt ?? now) : null,
        ],
      );
      await this.persist(m, inst.id, inst.event_seq, plan, command);
      outcome = { status: 'applied', result: { ok: true } };
      await m.query(
        `UPDATE commands SET status = 'applied', result = $2, applied_at = now() WHERE id = $1`,
        [commandId, JSON.stringify(outcome.result)],
      );
      wroteOutbox = plan.outbox.length > 0;
    });
    if (outcome) this.bus.announce(commandId, outcome);
    if (wroteOutbox) this.relay.kick();
  }

  private async persist(
    m: EntityManager,
    instanceId: string,
    seq0: number,
    plan: PersistencePlan,
    command: Command,
  ) {
    const json = (v: unknown) => JSON.stringify(v);
    if (plan.newTasks.length) {
      await m.query(
        `INSERT INTO tasks (id, instance_id, process_key, node_id, node_name, kind, title, assignee_id, status, created_at, due_at, warn_at)
         SELECT t.id, i.id, i.process_key, t."nodeId", t."nodeName", t.kind, i.title, t."assigneeId"::uuid, 'open', t."createdAt", t."dueAt", t."warnAt"
         FROM jsonb_to_recordset($2::jsonb) AS t(id text, "nodeId" text, "nodeName" text, kind text, "assigneeId" text, "createdAt" timestamptz, "dueAt" timestamptz, "warnAt" timestamptz)
         JOIN instances i ON i.id = $1`,
        [instanceId, json(plan.newTasks)],
      );
    }
    if (plan.closedTasks.length) {
      await m.query(
        `UPDATE tasks SET status = c.status, action = c.action, completed_at = c.at
         FROM jsonb_to_recordset($1::jsonb) AS c(id text, status text, action text, at timestamptz) WHERE tasks.id = c.id`,
        [json(plan.closedTasks)],
      );
    }
    if (plan.timers.length) {
      await m.query(
        `INSERT INTO timers (id, instance_id, at, purpose) SELECT t.id, $1, t.at, t.purpose FROM jsonb_to_recordset($2::jsonb) AS t(id text, at timestamptz, purpose text)`,
        [instanceId, json(plan.timers)],
      );
    }
    if (plan.cancelledTimers.length) {
      await m.query(
        `UPDATE timers SET status = 'cancelled' WHERE id = ANY($1) AND status = 'scheduled'`,
        [plan.cancelledTimers],
      );
    }
    if (command.type === 'timerFired') {
      await m.query(`UPDATE timers SET status = 'fired' WHERE id = $1 AND status = 'scheduled'`, [
        command.timerId,
      ]);
    }
    if (plan.outbox.length) {
      await m.query(
        `INSERT INTO outbox (kind, payload, available_at) SELECT o.kind, o.payload, o."availableAt" FROM jsonb_to_recordset($1::jsonb) AS o(kind text, payload jsonb, "availableAt" timestamptz)`,
        [json(plan.outbox)],
      );
    }
    if (plan.events.length) {
      await m.query(
        `INSERT INTO events (instance_id, seq, type, actor_id, node_id, task_id, at, payload)
         SELECT $1, $2 + e.ord, e.type, e."actorId", e."nodeId", e."taskId", e.at, e.payload
         FROM jsonb_to_recordset($3::jsonb) AS e(type text, "actorId" text, "nodeId" text, "taskId" text, at timestamptz, payload jsonb, ord int)`,
        [instanceId, seq0, json(plan.events.map((e, i) => ({ ...e, ord: i + 1 })))],
      );
    }
    if (plan.notifications.length) {
      await m.query(
        `INSERT INTO notifications (user_id, kind, instance_id, task_id, actor_id, message)
         SELECT n."userId"::uuid, n.kind, $1, n."taskId", n."actorId", n.message FROM jsonb_to_recordset($2::jsonb) AS n("userId" text, kind text, "taskId" text, "actorId" text, message text)`,
        [instanceId, json(plan.notifications)],
      );
    }
    if (plan.incidents.length) {
      await m.query(
        `INSERT INTO incidents (id, instance_id, node_id, source, code, message, created_at)
         SELECT i.id, $1, i."nodeId", 'engine', i.code, i.message, i."createdAt" FROM jsonb_to_recordset($2::jsonb) AS i(id text, "nodeId" text, code text, message text, "createdAt" timestamptz)
         ON CONFLICT (id) DO NOTHING`,
        [instanceId, json(plan.incidents)],
      );
    }
    if (plan.resolvedIncidents.length) {
      await m.query(`UPDATE incidents SET resolved_at = now() WHERE id = ANY($1)`, [
        plan.resolvedIncidents,
      ]);
    }
  }
}
