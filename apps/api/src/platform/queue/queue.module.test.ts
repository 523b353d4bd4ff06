import { describe, expect, it } from '@jest/globals';
import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { QUEUES } from './queue.constants.js';
import { QUEUE_DRIVER, type QueueDriver } from './queue.driver.js';
import { waitFor } from './queue.driver-suite.js';
import { QueueModule } from './queue.module.js';

// Stands in for TypeORM, which closes its pool in onApplicationShutdown.
@Injectable()
class FakeDatabase implements OnApplicationShutdown {
  open = true;
  onApplicationShutdown(): void {
    this.open = false;
  }
}

@Injectable()
class SlowJobService {
  started = false;
  dbOpenWhenJobEnded?: boolean;
  constructor(
    @Inject(QUEUE_DRIVER) readonly queue: QueueDriver,
    private readonly db: FakeDatabase,
  ) {}
  async start(): Promise<void> {
    await this.queue.work(QUEUES.system, async () => {
      this.started = true;
      await new Promise((resolve) => setTimeout(resolve, 200));
      this.dbOpenWhenJobEnded = this.db.open;
    });
    await this.queue.add(QUEUES.system, 'slow', {});
  }
}

@Module({ providers: [FakeDatabase, SlowJobService] })
class FeatureModule {}

describe('QueueModule', () => {
  it('provides the in-process driver without a Redis URL, globally', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [QueueModule.forRoot({}), FeatureModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    // Injected into a module that does not import QueueModule: it is global.
    const service = app.get(SlowJobService);
    expect(service.queue.kind).toBe('in-process');
    expect(app.get<QueueDriver>(QUEUE_DRIVER)).toBe(service.queue);
    await app.close();
  });

  it('lets a running job finish before the database closes on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [QueueModule.forRoot({}), FeatureModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const service = app.get(SlowJobService);
    await service.start();
    await waitFor(() => service.started);
    await app.close();
    expect(service.dbOpenWhenJobEnded).toBe(true);
    expect(await service.queue.ping()).toBe(false);
  });

  const withRedis = process.env.REDIS_URL ? it : it.skip;
  withRedis('provides the BullMQ driver when a Redis URL is set (needs REDIS_URL)', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        QueueModule.forRoot({ redisUrl: process.env.REDIS_URL, prefix: 'baton-test-module' }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const driver = app.get<QueueDriver>(QUEUE_DRIVER);
    expect(driver.kind).toBe('bullmq');
    expect(await driver.ping()).toBe(true);
    await app.close();
    expect(await driver.ping()).toBe(false);
  });
});
