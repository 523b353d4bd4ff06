// In-memory queue for embedded mode (one process, no Redis).
//
// Nothing here survives a crash or restart, and that is acceptable: the
// durable record of work is the Postgres outbox, and the sweeper re-sends
// every committed outbox row that was not handed over, so a lost in-memory
// job is re-added on the next start. Delayed jobs (timers) are re-created the
// same way from their rows.
//
// Semantics mirror the BullMQ driver (the shared suite checks both): FIFO per
// queue, data copied through JSON, jobId dedupe while the job is known,
// exponential retry backoff, failed jobs kept for inspection, bounded close.
import { Logger } from '@nestjs/common';
import type { QueueName } from './queue.constants.js';
import {
  assertValidJobId,
  DEFAULT_CLOSE_TIMEOUT_MS,
  KEPT_FINISHED_JOBS,
  retryDelayMs,
  toError,
  type FailedListener,
  type Job,
  type JobCounts,
  type JobHandler,
  type JobOptions,
  type QueueDriver,
  type QueueLogger,
} from './queue.driver.js';

export interface InProcessDriverOptions {
  /** Bound on how long close() waits for running handlers. */
  closeTimeoutMs?: number;
  logger?: QueueLogger;
}

type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

interface StoredJob {
  id: string;
  name: string;
  json: string;
  attempts: number;
  backoffMs: number;
  removeOnComplete: boolean;
  attemptsMade: number;
  state: JobState;
  timer?: NodeJS.Timeout;
}

interface QueueState {
  nextId: number;
  /** Every job the queue still knows, by id: the dedupe index. */
  jobs: Map<string, StoredJob>;
  waiting: StoredJob[];
  active: number;
  delayed: number;
  /** Ids of finished jobs kept for dedupe/inspection, oldest first. */
  failed: string[];
  completed: string[];
  handler?: JobHandler<unknown>;
  concurrency: number;
  failedListeners: FailedListener<unknown>[];
  pumpScheduled: boolean;
}

export class InProcessQueueDriver implements QueueDriver {
  readonly kind = 'in-process' as const;
  private readonly queues = new Map<QueueName, QueueState>();
  private readonly running = new Set<Promise<void>>();
  private readonly closeTimeoutMs: number;
  private readonly logger: QueueLogger;
  private closing?: Promise<void>;

  constructor(options: InProcessDriverOptions = {}) {
    this.closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    this.logger = options.logger ?? new Logger('InProcessQueue');
  }

  async add<T>(queue: QueueName, name: string, data: T, opts: JobOptions = {}): Promise<void> {
    this.assertOpen();
    if (opts.jobId !== undefined) assertValidJobId(opts.jobId);
    const q = this.state(queue);
    const id = opts.jobId ?? String(++q.nextId);
    if (q.jobs.has(id)) return;
    const job: StoredJob = {
      id,
      name,
      // Stored as JSON so handlers get a copy with BullMQ's JSON semantics
      // (Dates become strings, undefined fields vanish) in both modes.
      json: JSON.stringify(data) ?? 'null',
      attempts: Math.max(1, opts.attempts ?? 1),
      backoffMs: opts.backoffMs ?? 0,
      removeOnComplete: opts.removeOnComplete ?? true,
      attemptsMade: 0,
      state: 'waiting',
    };
    q.jobs.set(id, job);
    if (opts.delayMs && opts.delayMs > 0) this.delay(q, job, opts.delayMs);
    else this.enqueue(q, job);
  }

  async work<T>(
    queue: QueueName,
    handler: JobHandler<T>,
    opts: { concurrency?: number } = {},
  ): Promise<void> {
    this.assertOpen();
    const q = this.state(queue);
    if (q.handler) throw new Error(`queue ${queue} already has a worker in this process`);
    q.handler = handler as JobHandler<unknown>;
    q.concurrency = Math.max(1, opts.concurrency ?? 1);
    this.schedulePump(q);
  }

  onFailed<T = unknown>(queue: QueueName, listener: FailedListener<T>): void {
    this.state(queue).failedListeners.push(listener as FailedListener<unknown>);
  }

  async ping(): Promise<boolean> {
    return !this.closing;
  }

  async counts(queue: QueueName): Promise<JobCounts> {
    const q = this.state(queue);
    return {
      waiting: q.waiting.length,
      active: q.active,
      delayed: q.delayed,
      failed: q.failed.length,
    };
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    // Pending timers would otherwise fire into a closed driver.
    for (const q of this.queues.values()) {
      for (const job of q.jobs.values()) if (job.timer) clearTimeout(job.timer);
    }
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.closeTimeoutMs);
      timer.unref();
    });
    const result = await Promise.race([Promise.allSettled([...this.running]), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.logger.warn(
        `closed with ${this.running.size} job(s) still running after ${this.closeTimeoutMs} ms`,
      );
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('queue driver is closed');
  }

  private state(queue: QueueName): QueueState {
    let q = this.queues.get(queue);
    if (!q) {
      q = {
        nextId: 0,
        jobs: new Map(),
        waiting: [],
        active: 0,
        delayed: 0,
        failed: [],
        completed: [],
        concurrency: 1,
        failedListeners: [],
        pumpScheduled: false,
      };
      this.queues.set(queue, q);
    }
    return q;
  }

  private enqueue(q: QueueState, job: StoredJob): void {
    job.state = 'waiting';
    q.waiting.push(job);
    this.schedulePump(q);
  }

  private delay(q: QueueState, job: StoredJob, ms: number): void {
    job.state = 'delayed';
    q.delayed++;
    // unref: a pending timer must not keep an otherwise finished process alive.
    job.timer = setTimeout(() => {
      job.timer = undefined;
      q.delayed--;
      this.enqueue(q, job);
    }, ms);
    job.timer.unref();
  }

  // Handlers always start on a later turn of the event loop, never inside
  // add()/work(), as with BullMQ.
  private schedulePump(q: QueueState): void {
    if (q.pumpScheduled || !q.handler) return;
    q.pumpScheduled = true;
    setImmediate(() => {
      q.pumpScheduled = false;
      this.pump(q);
    });
  }

  private pump(q: QueueState): void {
    while (!this.closing && q.handler && q.active < q.concurrency && q.waiting.length > 0) {
      const job = q.waiting.shift()!;
      const run = this.run(q, q.handler, job);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    }
  }

  private async run(q: QueueState, handler: JobHandler<unknown>, job: StoredJob): Promise<void> {
    job.state = 'active';
    q.active++;
    try {
      await handler(this.view(job));
      this.finish(q, job, 'completed');
    } catch (thrown) {
      const error = toError(thrown);
      job.attemptsMade++;
      if (job.attemptsMade < job.attempts && error.name !== 'UnrecoverableError') {
        // While closing, a retry is simply dropped: the outbox sweeper
        // re-sends the work after restart (see top of file).
        if (this.closing) return;
        const wait = retryDelayMs(job.backoffMs, job.attemptsMade);
        if (wait > 0) this.delay(q, job, wait);
        else this.enqueue(q, job);
      } else {
        this.finish(q, job, 'failed');
        this.notifyFailed(q, job, error);
      }
    } finally {
      q.active--;
      this.schedulePump(q);
    }
  }

  private finish(q: QueueState, job: StoredJob, state: 'completed' | 'failed'): void {
    job.state = state;
    if (state === 'completed' && job.removeOnComplete) {
      q.jobs.delete(job.id);
      return;
    }
    const kept = state === 'failed' ? q.failed : q.completed;
    kept.push(job.id);
    if (kept.length > KEPT_FINISHED_JOBS) q.jobs.delete(kept.shift()!);
  }

  private notifyFailed(q: QueueState, job: StoredJob, error: Error): void {
    for (const listener of q.failedListeners) {
      try {
        listener(this.view(job), error);
      } catch (err) {
        this.logger.error(`onFailed listener threw: ${toError(err).message}`, toError(err).stack);
      }
    }
  }

  private view(job: StoredJob): Job<unknown> {
    return {
      id: job.id,
      name: job.name,
      data: JSON.parse(job.json) as unknown,
      attemptsMade: job.attemptsMade,
      attempts: job.attempts,
    };
  }
}
