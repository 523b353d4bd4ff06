// Queue driver for server mode: BullMQ over Redis, shared by any number of
// API and worker processes. BullMQ gives each job to exactly one worker
// (Redis-side locks) and re-runs jobs whose worker died (stalled check), so
// scaling out is starting more processes.
import { once } from 'node:events';
import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueName } from './queue.constants.js';
import {
  assertValidJobId,
  DEFAULT_CLOSE_TIMEOUT_MS,
  KEPT_FINISHED_JOBS,
  toError,
  type FailedListener,
  type Job,
  type JobCounts,
  type JobHandler,
  type JobOptions,
  type QueueDriver,
  type QueueLogger,
} from './queue.driver.js';

export interface BullMqDriverOptions {
  redisUrl: string;
  /** Redis key prefix; separate prefixes never see each other's jobs (tests use one per run). */
  prefix?: string;
  /** Bound on how long close() waits for running handlers. */
  closeTimeoutMs?: number;
  /** How long ping() waits for PONG. */
  pingTimeoutMs?: number;
  /**
   * How long add() may wait for Redis. BullMQ waits for a connection
   * forever; callers (the outbox relay) need a failure they can retry.
   */
  addTimeoutMs?: number;
  logger?: QueueLogger;
}

/** How long a job stays locked by a worker that stops renewing it (env BATON_QUEUE_LOCK_MS). */
const LOCK_DURATION_MS = Number(process.env.BATON_QUEUE_LOCK_MS || 10_000);

export class BullMqQueueDriver implements QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly redisUrl: string;
  private readonly prefix: string;
  private readonly closeTimeoutMs: number;
  private readonly pingTimeoutMs: number;
  private readonly addTimeoutMs: number;
  private readonly logger: QueueLogger;
  /**
   * Producer side (add, counts, ping). No offline queue: while Redis is down
   * add() fails fast instead of piling up in memory, and the caller's outbox
   * row stays unsent for the sweeper to retry.
   */
  private readonly client: Redis;
  /**
   * Worker side. BullMQ requires maxRetriesPerRequest: null here so blocking
   * commands survive reconnects; each Worker duplicates it for its blocking
   * connection. Created on the first work() call: API-only processes never
   * open it.
   */
  private workerClient?: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers = new Map<QueueName, Worker>();
  private readonly failedListeners = new Map<QueueName, FailedListener<unknown>[]>();
  private closing?: Promise<void>;
  private lastRedisError?: string;

  constructor(options: BullMqDriverOptions) {
    this.prefix = options.prefix ?? 'baton';
    this.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 1000;
    this.addTimeoutMs = options.addTimeoutMs ?? 5000;
    this.logger = options.logger ?? new Logger('BullMqQueue');
    this.redisUrl = options.redisUrl;
    this.client = this.connect(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
  }

  async add<T>(queue: QueueName, name: string, data: T, opts: JobOptions = {}): Promise<void> {
    this.assertOpen();
    if (opts.jobId !== undefined) assertValidJobId(opts.jobId);
    // An existing jobId makes BullMQ return the existing job: that is the dedupe.
    const adding = this.queue(queue).add(name, data, {
      jobId: opts.jobId,
      delay: opts.delayMs && opts.delayMs > 0 ? opts.delayMs : undefined,
      attempts: Math.max(1, opts.attempts ?? 1),
      backoff: opts.backoffMs ? { type: 'exponential', delay: opts.backoffMs } : undefined,
      removeOnComplete: opts.removeOnComplete === false ? { count: KEPT_FINISHED_JOBS } : true,
      removeOnFail: { count: KEPT_FINISHED_JOBS },
    });
    // If it lands after the timeout anyway, a retry with the same jobId is a no-op.
    adding.catch(() => undefined);
    if ((await within(adding, this.addTimeoutMs)) === TIMEOUT) {
      throw new Error(
        `queue ${queue}: Redis did not accept the job within ${this.addTimeoutMs} ms`,
      );
    }
  }

  async work<T>(
    queue: QueueName,
    handler: JobHandler<T>,
    opts: { concurrency?: number } = {},
  ): Promise<void> {
    this.assertOpen();
    if (this.workers.has(queue))
      throw new Error(`queue ${queue} already has a worker in this process`);
    this.workerClient ??= this.connect(this.redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker(queue, async (job: BullJob) => handler(view(job) as Job<T>), {
      connection: this.workerClient,
      prefix: this.prefix,
      concurrency: Math.max(1, opts.concurrency ?? 1),
      // A crashed worker's jobs are picked up again once its lock expires:
      // BullMQ's 30 s default made a worker crash stall its commands for a
      // minute. Locks are renewed every lockDuration/2 while a job runs.
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: LOCK_DURATION_MS,
    });
    this.workers.set(queue, worker);
    // Without a listener an 'error' event would crash the process.
    worker.on('error', (err) => this.reportError(`worker ${queue}`, err));
    worker.on('failed', (job, err) => {
      // 'failed' fires for every failed run; finishedOn is set only when
      // BullMQ gave up (no attempts left, or an unrecoverable error).
      if (!job?.finishedOn) return;
      for (const listener of this.failedListeners.get(queue) ?? []) {
        try {
          listener(view(job), err);
        } catch (thrown) {
          this.logger.error(
            `onFailed listener threw: ${toError(thrown).message}`,
            toError(thrown).stack,
          );
        }
      }
    });
    await worker.waitUntilReady();
  }

  onFailed<T = unknown>(queue: QueueName, listener: FailedListener<T>): void {
    const listeners = this.failedListeners.get(queue) ?? [];
    listeners.push(listener as FailedListener<unknown>);
    this.failedListeners.set(queue, listeners);
  }

  async ping(): Promise<boolean> {
    if (this.closing) return false;
    try {
      // Without an offline queue, a PING sent while (re)connecting fails at
      // once; wait for 'ready' within the same bound so a health check during
      // boot does not report a false outage. An 'error' event ends the wait.
      if (this.client.status !== 'ready') {
        await once(this.client, 'ready', { signal: AbortSignal.timeout(this.pingTimeoutMs) });
      }
      return (await within(this.client.ping(), this.pingTimeoutMs)) === 'PONG';
    } catch {
      return false;
    }
  }

  async counts(queue: QueueName): Promise<JobCounts> {
    const c = await this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'failed');
    return {
      waiting: c.waiting ?? 0,
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
    };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const workers = [...this.workers.values()];
    // Worker.close() stops fetching and waits for running jobs.
    const graceful = Promise.allSettled(workers.map((w) => w.close()));
    if ((await within(graceful, this.closeTimeoutMs)) === TIMEOUT) {
      // A second close(true) would only return the pending close; abort the
      // jobs' signals and drop the connections instead. Their Redis locks
      // expire and another worker's stalled check re-runs them.
      for (const w of workers) w.cancelAllJobs('queue driver closing');
      this.logger.warn(
        `closed with jobs still running after ${this.closeTimeoutMs} ms; they will be retried`,
      );
      this.workerClient?.disconnect();
    }
    // Queue.close() waits for a connection that may never come when Redis is
    // down; bound it and then drop the sockets regardless.
    const queues = Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    await within(queues, this.pingTimeoutMs);
    await Promise.allSettled([quit(this.workerClient), quit(this.client)]);
  }

  // Redis errors repeat on every reconnect attempt, from the client and from
  // each queue and worker: log each distinct message once until recovery.
  private reportError(source: string, err: Error): void {
    if (err.message === this.lastRedisError) return;
    this.lastRedisError = err.message;
    this.logger.warn(`${source}: ${err.message}`);
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('queue driver is closed');
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.client, prefix: this.prefix });
      queue.on('error', (err) => this.reportError(`queue ${name}`, err));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private connect(
    url: string,
    options: { enableOfflineQueue?: boolean; maxRetriesPerRequest: number | null },
  ): Redis {
    const client = new Redis(url, options);
    // ioredis reconnects by itself; an unhandled 'error' would crash us.
    client.on('error', (err: Error) => this.reportError('redis', err));
    client.on('ready', () => (this.lastRedisError = undefined));
    return client;
  }
}

function view(job: BullJob): Job<unknown> {
  return {
    id: String(job.id),
    name: job.name,
    data: job.data as unknown,
    attemptsMade: job.attemptsMade,
    attempts: Math.max(1, job.opts.attempts ?? 1),
  };
}

const TIMEOUT = Symbol('timeout');

/** Resolves with the promise's value, or TIMEOUT after `ms` (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function quit(client: Redis | undefined): Promise<void> {
  if (!client || client.status === 'end') return;
  // QUIT would wait for a reconnect that may never come.
  if (client.status !== 'ready') return client.disconnect();
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
