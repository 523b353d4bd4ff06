// Accepts commands (one row each, written before anything runs) and tells the
// callers when a worker has applied theirs. Commands are their own outbox:
// a row still 'queued' after a while is handed to the queue again by the
// sweeper, so a crash between commit and enqueue loses nothing.
import { EventEmitter } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Command } from '@baton/flow';
import { QUEUE_DRIVER, type QueueDriver } from '../../platform/queue/queue.driver.js';
import { QUEUES } from '../../platform/queue/queue.constants.js';

export interface CommandOutcome {
  status: 'applied' | 'refused';
  result: { ok: true } | { ok: false; code: string; message: string };
}

export const COMMAND_JOB = { attempts: 5, backoffMs: 200 } as const;
const REDISPATCH_WINDOW_MS = 15_000;

@Injectable()
export class CommandBus {
  private readonly local = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
  ) {}

  /** Writes the command row inside the caller's transaction. */
  async insert(
    m: EntityManager,
    instanceId: string,
    actorId: string | null,
    command: Command,
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO commands (instance_id, actor_id, type, payload) VALUES ($1, $2, $3, $4) RETURNING id`,
      [instanceId, actorId, command.type, JSON.stringify(command)],
    );
    return row.id as string;
  }

  /** After commit: hand the command to the queue. */
  async dispatch(commandId: string): Promise<void> {
    await this.queue.add(
      QUEUES.commands,
      'apply',
      { commandId },
      { jobId: `cmd-${commandId}`, ...COMMAND_JOB },
    );
  }

  /**
   * The sweeper's re-send of a command still queued. Its first job may have
   * failed for good (e.g. every attempt fell inside a database outage), and
   * a failed job's id keeps deduplicating, so the re-send gets an id of its
   * own per sweep window: at most one extra job per window, and applying a
   * command twice is a no-op anyway.
   */
  async redispatch(commandId: string, now = Date.now()): Promise<void> {
    const window = Math.floor(now / REDISPATCH_WINDOW_MS);
    await this.queue.add(
      QUEUES.commands,
      'apply',
      { commandId },
      { jobId: `cmd-${commandId}-r${window}`, ...COMMAND_JOB },
    );
  }

  /** Accept and dispatch in one go (its own transaction). */
  async submit(instanceId: string, actorId: string | null, command: Command): Promise<string> {
    const id = await this.dataSource.transaction((m) =>
      this.insert(m, instanceId, actorId, command),
    );
    await this.dispatch(id).catch(() => undefined); // the sweeper retries
    return id;
  }

  /** Called by the processor in this process after its commit. */
  announce(commandId: string, outcome: CommandOutcome): void {
    this.local.emit(commandId, outcome);
  }

  /**
   * Waits up to `ms` for the command to be applied: instantly when this
   * process applied it, otherwise by polling its row (another process did).
   */
  async wait(commandId: string, ms: number): Promise<CommandOutcome | null> {
    const deadline = Date.now() + ms;
    let resolveLocal!: (o: CommandOutcome) => void;
    const local = new Promise<CommandOutcome>((r) => (resolveLocal = r));
    this.local.once(commandId, resolveLocal);
    try {
      for (let delay = 5; ; delay = Math.min(delay * 2, 50)) {
        const [row] = await this.dataSource.query(
          `SELECT status, result FROM commands WHERE id = $1`,
          [commandId],
        );
        if (row && row.status !== 'queued') return { status: row.status, result: row.result };
        const left = deadline - Date.now();
        if (left <= 0) return null;
        const tick = new Promise<null>((r) => setTimeout(() => r(null), Math.min(delay, left)));
        const hit = await Promise.race([local, tick]);
        if (hit) return hit;
      }
    } finally {
      this.local.removeListener(commandId, resolveLocal);
    }
  }

  /** Commands accepted more than `olderThanMs` ago and still not applied. */
  async stale(olderThanMs: number, limit = 500): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM commands WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
      [olderThanMs / 1000, limit],
    );
    return rows.map((r) => r.id);
  }
}
