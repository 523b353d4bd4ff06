// Accepts commands (one row each, written before anything runs) and tells the
// callers when a worker has applied theirs. Commands are their own outbox:
// a row still 'queued' after a while is handed to the queue again by the
// sweeper, so a crash between commit and enqueue loses nothing.
//
// How a waiting caller learns the outcome: a worker in this process announces
// it directly; a worker in another process (server mode) sends it with
// NOTIFY in the same statement that applies the command, and this process
// LISTENs. Polling the row remains as the safety net for a lost notification.
import { EventEmitter } from 'node:events';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Pool, PoolClient } from 'pg';
import type { Command } from '@baton/flow';
import { QUEUE_DRIVER, type QueueDriver } from '../../platform/queue/queue.driver.js';
import { QUEUES } from '../../platform/queue/queue.constants.js';
import { PROCESS_ROLE, type ProcessRole } from '../../platform/process/process-role.js';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { requestKey } from '../../platform/idempotency/request-key.js';

export interface CommandOutcome {
  status: 'applied' | 'refused';
  result: { ok: true } | { ok: false; code: string; message: string };
}

export const COMMAND_JOB = { attempts: 5, backoffMs: 200 } as const;
const REDISPATCH_WINDOW_MS = 15_000;
/** The NOTIFY channel applied commands are announced on (server mode). */
export const COMMANDS_CHANNEL = 'baton_commands';
const RELISTEN_MS = 1000;

@Injectable()
export class CommandBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Commands');
  private readonly local = new EventEmitter().setMaxListeners(0);
  private listener?: PoolClient;
  private relisten?: NodeJS.Timeout;
  private closed = false;
  /** How waiting callers learned outcomes (tests and diagnostics). */
  readonly stats = { announced: 0, notified: 0, polled: 0 };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  /**
   * Whether workers in other processes may apply this process's commands
   * (BullMQ): they must then NOTIFY, and callers here LISTEN.
   */
  get crossProcess(): boolean {
    return this.queue.kind === 'bullmq';
  }

  async onApplicationBootstrap() {
    if (this.crossProcess && this.role.http) await this.listen();
  }

  onApplicationShutdown() {
    this.closed = true;
    if (this.relisten) clearTimeout(this.relisten);
    if (this.listener) this.release(this.listener, true);
    this.listener = undefined;
  }

  /** Each listening client goes back to the pool once, however it ended. */
  private readonly released = new WeakSet<PoolClient>();
  private release(client: PoolClient, err: Error | true) {
    if (this.released.has(client)) return;
    this.released.add(client);
    client.release(err);
  }

  /** A dedicated connection that LISTENs; re-opened after a failure. */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      const c = client;
      c.on('notification', (msg) => {
        if (msg.channel !== COMMANDS_CHANNEL || !msg.payload) return;
        try {
          const { id, status, result } = JSON.parse(msg.payload) as { id: string } & CommandOutcome;
          if (this.local.emit(id, { status, result })) this.stats.notified++;
        } catch {
          // not ours
        }
      });
      c.on('error', (err) => this.lost(c, err));
      await c.query(`LISTEN ${COMMANDS_CHANNEL}`);
      this.listener = c;
    } catch (err) {
      if (client) this.lost(client, err as Error);
      else this.scheduleListen(err as Error);
    }
  }

  private lost(client: PoolClient, err: Error) {
    if (this.listener === client) this.listener = undefined;
    this.release(client, err);
    this.scheduleListen(err);
  }

  private scheduleListen(err: Error) {
    if (this.closed || this.relisten) return;
    this.logger.warn(`LISTEN ${COMMANDS_CHANNEL} lost (${err.message}); polling until it is back`);
    this.relisten = setTimeout(() => {
      this.relisten = undefined;
      void this.listen();
    }, RELISTEN_MS);
    this.relisten.unref();
  }

  /** The payload of the NOTIFY an applied command sends (see CommandProcessor). */
  static notification(commandId: string, outcome: CommandOutcome): string {
    return JSON.stringify({ id: commandId, ...outcome });
  }

  /**
   * Writes the command row (inside the caller's transaction, if given). It
   * carries the request's Idempotency-Key, so a retried request finds it
   * (accepted()) instead of adding a second command.
   */
  async insert(
    m: EntityManager | DataSource,
    instanceId: string,
    actorId: string | null,
    command: Command,
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO commands (instance_id, actor_id, type, payload, request_key) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [instanceId, actorId, command.type, JSON.stringify(command), this.requestKey(actorId)],
    );
    return row.id as string;
  }

  /** The Idempotency-Key of the current request, when a person made it. */
  requestKey(actorId: string | null): string | null {
    return actorId ? (requestKey.getStore() ?? null) : null;
  }

  /**
   * The command this very request (same caller, same Idempotency-Key)
   * already got accepted, if any: its first answer was lost, and the retry
   * must answer from that command rather than act again.
   */
  async accepted(actorId: string): Promise<{ id: string; instanceId: string } | null> {
    const key = this.requestKey(actorId);
    if (!key) return null;
    const [row] = await this.dataSource.query(
      `SELECT id, instance_id FROM commands WHERE actor_id = $1 AND request_key = $2`,
      [actorId, key],
    );
    return row ? { id: row.id, instanceId: row.instance_id } : null;
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

  /** Accept and dispatch in one go (one INSERT, committed on its own). */
  async submit(instanceId: string, actorId: string | null, command: Command): Promise<string> {
    const id = await this.insert(this.dataSource, instanceId, actorId, command);
    await this.dispatch(id).catch(() => undefined); // the sweeper retries
    return id;
  }

  /** Called by the processor in this process after its commit. */
  /**
   * Tells the callers waiting for a command that it was applied or refused:
   * in this process at once, and in server mode the API processes through
   * NOTIFY. The NOTIFY goes after the transition has committed, in a
   * transaction of its own that does not wait for its WAL flush: PostgreSQL
   * queues every committing transaction that NOTIFYs behind one lock held
   * through its commit, fsync included, so a NOTIFY inside the transition
   * made the commits wait for each other one by one (bench: 0.1–1.5 s
   * stalls at half of peak load, every command in flight waiting on that
   * lock). If it is lost, the callers' poll answers instead.
   */
  async announce(commandId: string, outcome: CommandOutcome): Promise<void> {
    if (this.local.emit(commandId, outcome)) this.stats.announced++;
    if (!this.crossProcess) return;
    try {
      await this.dataSource.query(
        `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`,
        [COMMANDS_CHANNEL, CommandBus.notification(commandId, outcome)],
      );
    } catch (err) {
      this.logger.warn(
        `NOTIFY of command ${commandId} failed, callers will poll: ${(err as Error).message}`,
      );
    }
  }

  /**
   * Waits up to `ms` for the command to be applied. The announcement (local
   * or NOTIFY) answers at once; the row is polled as a safety net — often
   * when nothing would announce it (no local worker, LISTEN down), rarely
   * otherwise.
   */
  async wait(commandId: string, ms: number): Promise<CommandOutcome | null> {
    const deadline = Date.now() + ms;
    let resolveLocal!: (o: CommandOutcome) => void;
    const local = new Promise<CommandOutcome>((r) => (resolveLocal = r));
    this.local.once(commandId, resolveLocal);
    const announced = (this.role.worker && !this.crossProcess) || !!this.listener;
    const first = announced ? this.config.commandPollMs : 5;
    const most = announced ? this.config.commandPollMs * 4 : 50;
    try {
      for (let delay = first; ; delay = Math.min(delay * 2, most)) {
        const wait = Math.max(0, Math.min(delay, deadline - Date.now()));
        const tick = new Promise<null>((r) => setTimeout(() => r(null), wait));
        const hit = await Promise.race([local, tick]);
        if (hit) return hit;
        const [row] = await this.dataSource.query(
          `SELECT status, result FROM commands WHERE id = $1`,
          [commandId],
        );
        if (row && row.status !== 'queued') {
          this.stats.polled++;
          return { status: row.status, result: row.result };
        }
        if (Date.now() >= deadline) return null;
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
