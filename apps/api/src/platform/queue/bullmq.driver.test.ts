import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { BullMqQueueDriver } from './bullmq.driver.js';
import { QUEUES } from './queue.constants.js';
import { runQueueDriverSuite, waitFor } from './queue.driver-suite.js';

const redisUrl = process.env.REDIS_URL;
// One prefix per run (and per driver inside it) so parallel runs and
// earlier leftovers never share keys.
const runPrefix = `baton-test-${randomUUID().slice(0, 8)}`;
let driverCount = 0;
const nextPrefix = () => `${runPrefix}-${++driverCount}`;

describe('BullMQ driver without Redis', () => {
  it('answers ping with false instead of throwing when Redis is unreachable', async () => {
    const driver = new BullMqQueueDriver({
      redisUrl: 'redis://127.0.0.1:1',
      pingTimeoutMs: 300,
      addTimeoutMs: 500,
      logger: { warn: () => undefined, error: () => undefined },
    });
    try {
      expect(await driver.ping()).toBe(false);
      await expect(driver.add(QUEUES.commands, 'x', {})).rejects.toThrow();
    } finally {
      await driver.close();
    }
  });
});

if (!redisUrl) {
  describe.skip('BullMQ driver against real Redis (skipped: set REDIS_URL, e.g. redis://127.0.0.1:6379)', () => {
    it('needs REDIS_URL', () => undefined);
  });
} else {
  const url = redisUrl;
  afterAll(async () => {
    // Leave the shared Redis as we found it.
    const redis = new Redis(url);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix}-*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      await redis.quit();
    }
  });

  runQueueDriverSuite(
    'bullmq',
    (options) => new BullMqQueueDriver({ redisUrl: url, prefix: nextPrefix(), ...options }),
  );

  describe('bullmq: several worker processes', () => {
    it('shares 200 jobs between two drivers and runs each exactly once', async () => {
      const prefix = nextPrefix();
      const producer = new BullMqQueueDriver({ redisUrl: url, prefix });
      const workers = [
        new BullMqQueueDriver({ redisUrl: url, prefix }),
        new BullMqQueueDriver({ redisUrl: url, prefix }),
      ];
      const runs = new Map<string, number>();
      const byWorker = [0, 0];
      try {
        await Promise.all(
          workers.map((driver, index) =>
            driver.work<{ n: number }>(
              QUEUES.commands,
              async (job) => {
                runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
                byWorker[index]++;
                await new Promise((resolve) => setTimeout(resolve, 2));
              },
              { concurrency: 4 },
            ),
          ),
        );
        const started = Date.now();
        await Promise.all(
          Array.from({ length: 200 }, (_, n) =>
            producer.add(QUEUES.commands, 'apply-command', { n }, { jobId: `cmd-${n}` }),
          ),
        );
        await waitFor(() => byWorker[0] + byWorker[1] === 200, 20_000, '200 jobs');
        console.info(
          `bullmq: 200 jobs over 2 workers took ${Date.now() - started} ms (split ${byWorker.join('/')})`,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(runs.size).toBe(200);
        expect([...runs.values()].every((count) => count === 1)).toBe(true);
        expect(byWorker[0]).toBeGreaterThan(0);
        expect(byWorker[1]).toBeGreaterThan(0);
      } finally {
        await Promise.all([producer.close(), ...workers.map((w) => w.close())]);
      }
    });
  });
}
