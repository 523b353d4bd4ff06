import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityModule } from '../identity/identity.module.js';
import { ProcessesModule } from '../processes/processes.module.js';
import { FileStoreModule } from '../files/file-store.module.js';
import {
  WEBHOOK_OPTIONS,
  WebhookService,
  type WebhookOptions,
} from '../automation/webhook.service.js';
import { BATON_CONFIG, type BatonConfig } from '../../platform/config/config.js';
import { CommandBus } from './command-bus.js';
import { CommandProcessor } from './command-processor.js';
import { OutboxRelay } from './outbox-relay.js';
import { RuntimeCaches } from './runtime.caches.js';
import { InstancesService } from './instances.service.js';
import { TasksService } from './tasks.service.js';
import { NotificationsService } from './notifications.service.js';
import { RuntimeWorkers } from './runtime.workers.js';
import {
  InstancesController,
  NotificationsController,
  TasksController,
} from './runtime.controller.js';

/** The installation's webhook secret lives in the database, like the JWT secret. */
async function webhookOptions(
  dataSource: DataSource,
  config: BatonConfig,
): Promise<WebhookOptions> {
  await dataSource.query(
    `INSERT INTO system_settings (key, value) VALUES ('webhook_secret', $1) ON CONFLICT (key) DO NOTHING`,
    [randomBytes(32).toString('base64url')],
  );
  const [row] = await dataSource.query(
    `SELECT value FROM system_settings WHERE key = 'webhook_secret'`,
  );
  return {
    secret: row.value,
    allow: config.webhooks.allow, // WebhookService checks the entries at boot
    timeoutMs: config.webhooks.timeoutMs,
  };
}

@Module({
  imports: [IdentityModule, ProcessesModule, FileStoreModule],
  controllers: [InstancesController, TasksController, NotificationsController],
  providers: [
    { provide: WEBHOOK_OPTIONS, inject: [DataSource, BATON_CONFIG], useFactory: webhookOptions },
    WebhookService,
    CommandBus,
    CommandProcessor,
    OutboxRelay,
    RuntimeCaches,
    InstancesService,
    TasksService,
    NotificationsService,
    RuntimeWorkers,
  ],
  exports: [InstancesService, TasksService],
})
export class RuntimeModule {}
