// The one queue contract Baton codes against. Two drivers implement it:
// BullMQ over Redis (server mode, many processes) and an in-memory driver
// (embedded mode, one process). Both run the same shared test suite, so code
// above this line cannot tell them apart except through `kind`.
import type { QueueName } from './queue.constants.js';

export interface JobOptions {
  /**
   * Dedupe key. Adding a job whose id is still known to the queue is a
   * silent no-op: pending (waiting, delayed, active) jobs, failed jobs (the
   * last KEPT_FINISHED_JOBS per queue are kept for inspection) and completed
   * jobs added with `removeOnComplete: false`. Must not be a plain integer
   * and must not contain ':' (BullMQ rules, enforced by both drivers).
   */
  jobId?: string;
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  /** Total runs allowed, the first included (default 1 = no retry). */
  attempts?: number;
  /** Exponential backoff base: retry n waits backoffMs * 2^(n-1). 0 = retry at once. */
  backoffMs?: number;
  /** Forget the job once it succeeds (default true). */
  removeOnComplete?: boolean;
}

export interface Job<T = unknown> {
  id: string;
  name: string;
  /** A JSON copy of what was added: jobs carry ids, not objects. */
  data: T;
  /** Runs that already failed before this one (0 on the first run). */
  attemptsMade: number;
  /** Runs allowed in all (JobOptions.attempts): this run is the last when attemptsMade + 1 reaches it. */
  attempts: number;
}

export type JobHandler<T = unknown> = (job: Job<T>) => Promise<void>;

/** Told once per job, after its last attempt failed; `job.attemptsMade` counts all runs. */
export type FailedListener<T = unknown> = (job: Job<T>, error: Error) => void;

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface QueueDriver {
  readonly kind: 'bullmq' | 'in-process';
  /** Enqueue a job. Same jobId twice while it is known = one job (see JobOptions.jobId). */
  add<T>(queue: QueueName, name: string, data: T, opts?: JobOptions): Promise<void>;
  /** Start consuming `queue` in this process; once per queue per driver. */
  work<T>(queue: QueueName, handler: JobHandler<T>, opts?: { concurrency?: number }): Promise<void>;
  /**
   * Listen for jobs that failed for good. Only jobs run by this driver's
   * workers are reported (with BullMQ, each process hears about its own).
   */
  onFailed<T = unknown>(queue: QueueName, listener: FailedListener<T>): void;
  /** For /api/health: true when the queue backend answers; never throws. */
  ping(): Promise<boolean>;
  counts(queue: QueueName): Promise<JobCounts>;
  /**
   * Graceful stop: take no new jobs, wait (bounded) for running ones, close
   * connections. Idempotent. add/work fail afterwards.
   */
  close(): Promise<void>;
}

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');

/**
 * Throw this from a handler when retrying cannot help (e.g. the row the job
 * points at is gone): the job fails at once, whatever `attempts` says. The
 * name is the one BullMQ recognises for its own UnrecoverableError.
 */
export class PermanentJobError extends Error {
  override readonly name = 'UnrecoverableError';
}

/** How many failed (and kept completed) jobs each queue remembers. */
export const KEPT_FINISHED_JOBS = 1000;

/** Default bound on how long close() waits for running handlers. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** BullMQ's rules for custom ids, applied by both drivers so embedded mode fails the same way. */
export function assertValidJobId(jobId: string): void {
  if (`${parseInt(jobId, 10)}` === jobId)
    throw new Error(`job id "${jobId}" must not be a plain integer`);
  if (jobId.includes(':')) throw new Error(`job id "${jobId}" must not contain ':'`);
}

export function retryDelayMs(backoffMs: number | undefined, failedRuns: number): number {
  return backoffMs ? Math.round(backoffMs * 2 ** (failedRuns - 1)) : 0;
}

/** Minimal logger shape; Nest's Logger fits. */
export interface QueueLogger {
  warn(message: string): void;
  error(message: string, trace?: string): void;
}

export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
