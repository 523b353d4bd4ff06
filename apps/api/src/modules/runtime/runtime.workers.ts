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
import {
  PermanentJobError,
  QUEUE_DRIVER,
  type Job,
  type JobHandler,
  type QueueDriver,
} from '../../platform/queue/queue.driver.js';
import { QUEUES, type QueueName } from '../../platform/queue/queue.constants.js';
import { requestKey } from '../../platform/idempotency/request-key.js';
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
    // Jobs never run as part of the request that queued them (the in-process
    // queue would otherwise carry its Idempotency-Key into what they accept).
    const queue: Pick<QueueDriver, 'work'> = {
      work: <T>(name: QueueName, handler: JobHandler<T>, opts?: { concurrency?: number }) =>
        this.queue.work<T>(name, (job) => requestKey.exit(() => handler(job)), opts),
    };
    const concurrency = Number(process.env.BATON_WORKER_CONCURRENCY || 8);
    await queue.work<{ commandId: string }>(
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
    await queue.work<{ instanceId: string; timerId: string }>(
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
    await queue.work<WebhookJob>(QUEUES.webhooks, (job) => this.deliverWebhook(job), {
      concurrency: 4,
    });
    this.queue.onFailed<WebhookJob>(QUEUES.webhooks, (job, error) => {
      // Only when the last run could not report its own failure (the database
      // was away): one more try to open the incident from here.
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
    await queue.work<{
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

  private async deliverWebhook({ data: job, id: jobId, attemptsMade, attempts }: Job<WebhookJob>) {
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
      const jobError = WebhookService.toJobError(err);
      if (jobError instanceof PermanentJobError || attemptsMade + 1 >= attempts) {
        // The last run reports the failure itself, inside the job: the engine
        // opens an incident an admin can retry. If this process dies first,
        // the job is run again; the report is a command row, so once it is
        // written nothing is lost.
        await this.bus.submit(job.instanceId, null, {
          type: 'automationResult',
          activationId: job.activationId,
          ok: false,
          error: jobError.message,
        });
        return;
      }
      throw jobError;
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
