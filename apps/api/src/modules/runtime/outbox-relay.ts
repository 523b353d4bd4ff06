// Hands outbox rows (written in the same transaction as the transition) to
// the queue after commit. kick() runs it at once; the sweeper in worker
// processes runs it periodically and also re-sends commands and timers, so a
// crash or a Redis restart between commit and enqueue loses nothing. Job ids
// are derived from row ids, so sending twice is harmless.
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  QUEUE_DRIVER,
  type JobOptions,
  type QueueDriver,
} from '../../platform/queue/queue.driver.js';
import { QUEUES, type QueueName } from '../../platform/queue/queue.constants.js';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';

export interface OutboxJob {
  outboxId: string;
  [key: string]: unknown;
}

type Routes = Record<string, { queue: QueueName; opts: JobOptions }>;

/** Where each outbox kind goes; webhook retries come from the config (BATON_WEBHOOK_ATTEMPTS / _BACKOFF_MS). */
function routes(config: BatonConfig): Routes {
  return {
    timer: { queue: QUEUES.timers, opts: { attempts: 5, backoffMs: 500 } },
    webhook: {
      queue: QUEUES.webhooks,
      opts: { attempts: config.webhooks.attempts, backoffMs: config.webhooks.backoffMs },
    },
    startProcess: { queue: QUEUES.outbox, opts: { attempts: 5, backoffMs: 500 } },
  };
}

@Injectable()
export class OutboxRelay implements OnModuleDestroy {
  private readonly logger = new Logger('Outbox');
  private running: Promise<void> | null = null;
  private again = false;
  private readonly routes: Routes;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(BATON_CONFIG) config: BatonConfig,
  ) {
    this.routes = routes(config);
  }

  /**
   * A graceful shutdown lets a relay pass that is under way finish before the
   * queue closes (QueueShutdown, in the phase after this one): what a command
   * just committed reaches the queue now rather than at the next sweep after
   * a restart.
   */
  async onModuleDestroy(): Promise<void> {
    await this.running;
  }

  /** Relay now (coalesced: one pass at a time, one more if asked meanwhile). */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while ((await this.relayBatch()) > 0);
        } while (this.again);
      } catch (err) {
        this.logger.warn(`relay failed, the sweeper will retry: ${(err as Error).message}`);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async relayBatch(): Promise<number> {
    const rows: { id: string; kind: string; payload: Record<string, unknown>; delay: number }[] =
      await this.dataSource.query(
        `SELECT id, kind, payload, GREATEST(0, EXTRACT(EPOCH FROM (available_at - now())) * 1000)::float8 AS delay
       FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT 200`,
      );
    if (!rows.length) return 0;
    for (const row of rows) {
      const route = this.routes[row.kind];
      if (!route) {
        this.logger.error(`outbox row ${row.id} has unknown kind ${row.kind}`);
        continue;
      }
      const jobId = row.kind === 'timer' ? `tm-${row.payload.timerId}` : `ob-${row.id}`;
      await this.queue.add(
        route.queue,
        row.kind,
        { outboxId: String(row.id), ...row.payload },
        {
          ...route.opts,
          jobId,
          delayMs: Math.round(row.delay),
        },
      );
    }
    await this.dataSource.query(
      `UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])`,
      [rows.map((r) => r.id)],
    );
    return rows.length;
  }

  /**
   * Re-sends every timer still scheduled. In-process queues forget delayed
   * jobs on restart; with BullMQ the job ids make this a no-op for timers
   * that are still pending.
   */
  async resendScheduledTimers(): Promise<number> {
    const rows: { id: string; instance_id: string; delay: number }[] = await this.dataSource.query(
      `SELECT id, instance_id, GREATEST(0, EXTRACT(EPOCH FROM (at - now())) * 1000)::float8 AS delay FROM timers WHERE status = 'scheduled'`,
    );
    for (const t of rows) {
      await this.queue.add(
        QUEUES.timers,
        'timer',
        { outboxId: 'resend', instanceId: t.instance_id, timerId: t.id },
        {
          ...this.routes.timer.opts,
          jobId: `tm-${t.id}`,
          delayMs: Math.round(t.delay),
        },
      );
    }
    return rows.length;
  }
}
