import { DynamicModule, Module } from '@nestjs/common';
import type { BatonConfig } from './platform/config/config.js';
import { ConfigModule } from './platform/config/config.module.js';
import { DatabaseModule } from './platform/database/database.module.js';
import { QueueModule } from './platform/queue/queue.module.js';
import { AuthModule } from './platform/auth/auth.module.js';
import { PROCESS_ROLE, type ProcessRole } from './platform/process/process-role.js';
import { IdentityModule } from './modules/identity/identity.module.js';
import { SystemModule } from './modules/system/system.module.js';
import { ProcessesModule } from './modules/processes/processes.module.js';
import { RuntimeModule } from './modules/runtime/runtime.module.js';
import { TemplatesModule } from './modules/templates/templates.module.js';
import { FilesModule } from './modules/files/files.module.js';

export interface AppOptions {
  config: BatonConfig;
  role: ProcessRole;
  /** The database to use: DATABASE_URL, or the embedded server's URL. */
  databaseUrl: string;
  embedded: boolean;
}

@Module({})
export class AppModule {
  static forRoot(opts: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(opts.config),
        ProcessRoleModule.forRoot(opts.role),
        DatabaseModule.forRoot(opts.databaseUrl, opts.embedded),
        QueueModule.forRoot({ redisUrl: opts.config.redisUrl, prefix: opts.config.queuePrefix }),
        AuthModule,
        IdentityModule,
        SystemModule,
        ProcessesModule,
        RuntimeModule,
        TemplatesModule,
        FilesModule,
      ],
    };
  }
}

@Module({})
class ProcessRoleModule {
  static forRoot(role: ProcessRole): DynamicModule {
    return {
      module: ProcessRoleModule,
      global: true,
      providers: [{ provide: PROCESS_ROLE, useValue: role }],
      exports: [PROCESS_ROLE],
    };
  }
}
