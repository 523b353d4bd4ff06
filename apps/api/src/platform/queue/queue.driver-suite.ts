// One behavioural suite for every QueueDriver: embedded mode and server mode
// must be indistinguishable to the code above them. Each driver's test file
// calls runQueueDriverSuite with a factory.
import { afterEach, describe, expect, it } from '@jest/globals';
import { QUEUES } from './queue.constants.js';
import { PermanentJobError, type Job, type QueueDriver, type QueueLogger } from './queue.driver.js';

export interface DriverTestOptions {
  closeTimeoutMs?: number;
  logger?: QueueLogger;
}
export type QueueDriverFactory = (options: DriverTestOptions) => QueueDriver;

const q = QUEUES.commands;

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

// Timers may fire a hair early relative to Date.now(); allow a few ms.
const SLACK_MS = 5;

export function runQueueDriverSuite(label: string, factory: QueueDriverFactory): void {
  describe(`${label}: QueueDriver contract`, () => {
    const open: QueueDriver[] = [];
    const make = (options: DriverTestOptions = {}): QueueDriver => {
      const driver = factory(options);
      open.push(driver);
      return driver;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((d) => d.close()));
    });

    it('delivers a job once, with a JSON copy of its data', async () => {
      const driver = make();
      const seen: Job<{ instanceId: string; at: unknown }>[] = [];
      await driver.work<{ instanceId: string; at: unknown }>(q, async (job) => {
        seen.push(job);
      });
      await driver.add(q, 'apply-command', {
        instanceId: 'i-1',
        at: new Date('2026-01-02T03:04:05Z'),
      });
      await waitFor(() => seen.length === 1);
      await sleep(150);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        name: 'apply-command',
        data: { instanceId: 'i-1', at: '2026-01-02T03:04:05.000Z' },
        attemptsMade: 0,
        attempts: 1,
      });
      expect(typeof seen[0].id).toBe('string');
    });

    it('keeps one job for one jobId while it is pending, and runs it again once completed', async () => {
      const driver = make();
      await driver.add(q, 'apply-command', { n: 1 }, { jobId: 'cmd-42' });
      await driver.add(q, 'apply-command', { n: 2 }, { jobId: 'cmd-42' });
      await driver.add(q, 'apply-command', { n: 3 }, { jobId: 'cmd-42' });
      expect((await driver.counts(q)).waiting).toBe(1);

      const seen: Job<{ n: number }>[] = [];
      await driver.work<{ n: number }>(q, async (job) => {
        seen.push(job);
      });
      await waitFor(() => seen.length === 1);
      await sleep(150);
      expect(seen.map((j) => [j.id, j.data.n])).toEqual([['cmd-42', 1]]);

      await driver.add(q, 'apply-command', { n: 4 }, { jobId: 'cmd-42' });
      await waitFor(() => seen.length === 2);
      expect(seen[1].data.n).toBe(4);
    });

    it('rejects job ids BullMQ cannot store', async () => {
      const driver = make();
      await expect(driver.add(q, 'x', {}, { jobId: '123' })).rejects.toThrow(/integer/);
      await expect(driver.add(q, 'x', {}, { jobId: 'a:b' })).rejects.toThrow(/':'/);
    });

    it('runs a delayed job no earlier than its delay', async () => {
      const driver = make();
      let ranAt = 0;
      await driver.work(q, async () => {
        ranAt = Date.now();
      });
      const addedAt = Date.now();
      await driver.add(q, 'timer-fired', { timerId: 't-1' }, { delayMs: 200 });
      expect((await driver.counts(q)).delayed).toBe(1);
      await waitFor(() => ranAt > 0, 3000, 'delayed job');
      expect(ranAt - addedAt).toBeGreaterThanOrEqual(200 - SLACK_MS);
    });

    it('never runs more jobs at once than the concurrency allows', async () => {
      const driver = make();
      let running = 0;
      let peak = 0;
      let done = 0;
      await driver.work(
        q,
        async () => {
          running++;
          peak = Math.max(peak, running);
          await sleep(40);
          running--;
          done++;
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 12; i++) await driver.add(q, 'job', { i });
      await waitFor(() => done === 12, 10_000, '12 jobs');
      expect(peak).toBe(3);
    });

    it('retries a failing job with exponential backoff until it succeeds', async () => {
      const driver = make();
      const runs: Array<{ at: number; attemptsMade: number; attempts: number }> = [];
      let succeeded = false;
      const failed: Job[] = [];
      driver.onFailed(q, (job) => failed.push(job));
      await driver.work(q, async (job) => {
        runs.push({ at: Date.now(), attemptsMade: job.attemptsMade, attempts: job.attempts });
        if (runs.length < 3) throw new Error(`flaky ${runs.length}`);
        succeeded = true;
      });
      await driver.add(q, 'webhook', { id: 'w-1' }, { attempts: 3, backoffMs: 100 });
      await waitFor(() => succeeded, 5000, 'third run');
      expect(runs.map((r) => r.attemptsMade)).toEqual([0, 1, 2]);
      // A handler can tell its last run (attemptsMade + 1 === attempts).
      expect(runs.map((r) => r.attempts)).toEqual([3, 3, 3]);
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(100 - SLACK_MS);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(200 - SLACK_MS);
      expect(failed).toEqual([]);
      // The handler has returned; the queue takes the job out of `active` a moment later.
      await waitFor(async () => (await driver.counts(q)).active === 0, 5000, 'job completed');
      expect(await driver.counts(q)).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    });

    it('marks a job failed and tells onFailed once its attempts are used up', async () => {
      const driver = make();
      let runs = 0;
      const failures: Array<{ job: Job; error: Error }> = [];
      driver.onFailed(q, (job, error) => failures.push({ job, error }));
      await driver.work(q, async () => {
        runs++;
        throw new Error('webhook answered 500');
      });
      await driver.add(q, 'webhook', { id: 'w-2' }, { jobId: 'hook-w-2', attempts: 2 });
      await waitFor(() => failures.length === 1, 5000, 'onFailed');
      await sleep(150);
      expect(runs).toBe(2);
      expect(failures).toHaveLength(1);
      expect(failures[0].job).toMatchObject({
        id: 'hook-w-2',
        name: 'webhook',
        data: { id: 'w-2' },
        attemptsMade: 2,
        attempts: 2,
      });
      expect(failures[0].error.message).toBe('webhook answered 500');
      expect((await driver.counts(q)).failed).toBe(1);

      // A failed job is kept, so its id still dedupes (the sweeper cannot loop on it).
      await driver.add(q, 'webhook', { id: 'w-2' }, { jobId: 'hook-w-2', attempts: 2 });
      await sleep(150);
      expect(runs).toBe(2);
    });

    it('fails at once on PermanentJobError, whatever attempts remain', async () => {
      const driver = make();
      let runs = 0;
      const failures: Job[] = [];
      driver.onFailed(q, (job) => failures.push(job));
      await driver.work(q, async () => {
        runs++;
        throw new PermanentJobError('instance is gone');
      });
      await driver.add(q, 'apply-command', {}, { attempts: 5 });
      await waitFor(() => failures.length === 1);
      expect(runs).toBe(1);
      expect(failures[0].attemptsMade).toBe(1);
    });

    it('waits for the running job when closing, then refuses new work', async () => {
      const driver = make();
      let started = false;
      let finished = false;
      await driver.work(q, async () => {
        started = true;
        await sleep(300);
        finished = true;
      });
      await driver.add(q, 'slow', {});
      await waitFor(() => started);
      await driver.close();
      expect(finished).toBe(true);
      await expect(driver.add(q, 'late', {})).rejects.toThrow(/closed/);
      expect(await driver.ping()).toBe(false);
    });

    it('bounds how long close waits for a stuck job', async () => {
      const warnings: string[] = [];
      const logger: QueueLogger = { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
      const driver = make({ closeTimeoutMs: 200, logger });
      const release = deferred();
      let started = false;
      await driver.work(q, async () => {
        started = true;
        await release.promise;
      });
      await driver.add(q, 'stuck', {});
      await waitFor(() => started);
      const before = Date.now();
      await driver.close();
      expect(Date.now() - before).toBeLessThan(2000);
      expect(warnings).toEqual([expect.stringMatching(/still running after 200 ms/)]);
      release.resolve();
    });

    it('answers ping and counts waiting, active, delayed and failed jobs', async () => {
      const driver = make();
      expect(await driver.ping()).toBe(true);
      await driver.add(q, 'a', {});
      await driver.add(q, 'b', {});
      await driver.add(q, 'later', {}, { delayMs: 60_000 });
      expect(await driver.counts(q)).toEqual({ waiting: 2, active: 0, delayed: 1, failed: 0 });
      expect(await driver.counts(QUEUES.timers)).toEqual({
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
      });

      const release = deferred();
      let started = 0;
      await driver.work(q, async () => {
        started++;
        await release.promise;
      });
      await waitFor(() => started === 1);
      expect(await driver.counts(q)).toEqual({ waiting: 1, active: 1, delayed: 1, failed: 0 });
      release.resolve();
      await waitFor(() => started === 2);
    });
  });
}
