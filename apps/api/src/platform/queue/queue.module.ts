// Provides the one QueueDriver of a process: BullMQ when a Redis URL is
// configured (server mode), the in-process driver otherwise (embedded mode).
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BullMqQueueDriver } from './bullmq.driver.js';
import { InProcessQueueDriver } from './in-process.driver.js';
import { QUEUE_DRIVER, type QueueDriver } from './queue.driver.js';

export interface QueueModuleOptions {
  /** REDIS_URL; unset selects the in-process driver. */
  redisUrl?: string;
  /** Redis key prefix (BullMQ only), default 'baton'. */
  prefix?: string;
  /** Bound on how long shutdown waits for running jobs, default 10 s. */
  closeTimeoutMs?: number;
}

export function createQueueDriver(options: QueueModuleOptions): QueueDriver {
  if (options.redisUrl) {
    return new BullMqQueueDriver({
      redisUrl: options.redisUrl,
      prefix: options.prefix,
      closeTimeoutMs: options.closeTimeoutMs,
      logger: new Logger('Queue'),
    });
  }
  return new InProcessQueueDriver({
    closeTimeoutMs: options.closeTimeoutMs,
    logger: new Logger('Queue'),
  });
}

@Injectable()
export class QueueShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(@Inject(QUEUE_DRIVER) private readonly driver: QueueDriver) {}

  // Close in the *before* phase: TypeORM closes its pool in
  // onApplicationShutdown, and jobs still running must be able to commit.
  async beforeApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }

  // Idempotent; covers an app closed without the before phase having run.
  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}

@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions = {}): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      providers: [
        { provide: QUEUE_DRIVER, useFactory: () => createQueueDriver(options) },
        QueueShutdown,
      ],
      exports: [QUEUE_DRIVER],
    };
  }
}
