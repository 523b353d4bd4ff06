// What a worker process consumes: commands, timers, webhook calls and child
// process starts. Registered only in processes with the worker role (the
// embedded process has both roles). Also runs the sweeper.
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { WebhookRequest } from '@baton/flow';
import { PROCESS_ROLE, type ProcessRole } from '../../platform/process/process-role.js';
import { QUEUE_DRIVER, type QueueDriver } from '../../platform/queue/queue.driver.js';
import { QUEUES } from '../../platform/queue/queue.constants.js';
import { WebhookService } from '../automation/webhook.service.js';
import { CommandBus } from './command-bus.js';
import { CommandProcessor } from './command-processor.js';
import { OutboxRelay } from './outbox-relay.js';
import { InstancesService } from './instances.service.js';

const SWEEP_EVERY_MS = Number(process.env.BATON_SWEEP_MS || 2000);
// Longer than a normal queue wait, so a busy queue is not doubled by re-sends.
const STALE_COMMAND_MS = 10_000;

interface WebhookJob {
  instanceId: string;
  nodeId: string;
  activationId: string;
  request: WebhookRequest;
}

@Injectable()
export class RuntimeWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private sweeper?: NodeJS.Timeout;

  constructor(
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    private readonly dataSource: DataSource,
    private readonly processor: CommandProcessor,
    private readonly bus: CommandBus,
    private readonly relay: OutboxRelay,
    private readonly webhooks: WebhookService,
    private readonly instances: InstancesService,
  ) {}

  async onApplicationBootstrap() {
    if (!this.role.worker) return;
    const concurrency = Number(process.env.BATON_WORKER_CONCURRENCY || 8);
    await this.queue.work<{ commandId: string }>(
      QUEUES.commands,
      (job) =>
        this.processor.apply(job.data.commandId).catch((err: Error) => {
          this.logger.warn(
            `command ${job.data.commandId} (run ${job.attemptsMade + 1}): ${err.message}`,
          );
          throw err;
        }),
      { concurrency },
    );
    await this.queue.work<{ instanceId: string; timerId: string }>(
      QUEUES.timers,
      async (job) => {
        const [timer] = await this.dataSource.query(`SELECT status FROM timers WHERE id = $1`, [
          job.data.timerId,
        ]);
        if (timer?.status !== 'scheduled') return; // cancelled or already fired
        await this.bus.submit(job.data.instanceId, null, {
          type: 'timerFired',
          timerId: job.data.timerId,
        });
      },
      { concurrency: 4 },
    );
    await this.queue.work<WebhookJob>(
      QUEUES.webhooks,
      (job) => this.deliverWebhook(job.data, job.id),
      { concurrency: 4 },
    );
    this.queue.onFailed<WebhookJob>(QUEUES.webhooks, (job, error) => {
      // The last attempt failed: the engine opens an incident an admin can retry.
      void this.bus
        .submit(job.data.instanceId, null, {
          type: 'automationResult',
          activationId: job.data.activationId,
          ok: false,
          error: error.message,
        })
        .catch((e) =>
          this.logger.error(`could not report webhook failure: ${(e as Error).message}`),
        );
    });
    await this.queue.work<{
      instanceId: string;
      activationId: string;
      key: string;
      data: Record<string, unknown>;
    }>(
      QUEUES.outbox,
      async (job) => {
        const child = await this.instances.startChild(
          job.data.instanceId,
          job.data.key,
          job.data.data,
        );
        await this.bus.submit(job.data.instanceId, null, {
          type: 'automationResult',
          activationId: job.data.activationId,
          ok: child.ok,
          ...(child.ok ? {} : { error: child.error }),
        });
      },
      { concurrency: 2 },
    );
    await this.relay
      .resendScheduledTimers()
      .catch((e) => this.logger.warn(`timer resend: ${(e as Error).message}`));
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown() {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private async deliverWebhook(job: WebhookJob, jobId: string) {
    try {
      const response = await this.webhooks.deliver(job.request, job.activationId);
      const body = response.body;
      const data =
        body && typeof body === 'object' && !Array.isArray(body)
          ? (body as Record<string, unknown>)
          : undefined;
      await this.bus.submit(job.instanceId, null, {
        type: 'automationResult',
        activationId: job.activationId,
        ok: true,
        ...(data ? { data } : {}),
      });
    } catch (err) {
      this.logger.warn(`webhook ${jobId} for ${job.nodeId}: ${(err as Error).message}`);
      throw WebhookService.toJobError(err);
    }
  }

  async sweep(): Promise<void> {
    try {
      await this.relay.kick();
      for (const id of await this.bus.stale(STALE_COMMAND_MS)) await this.bus.redispatch(id);
    } catch (err) {
      this.logger.warn(`sweep failed: ${(err as Error).message}`);
    }
  }
}
