import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

// Any fixed number: it names the lock that serialises migrations between
// API and worker processes starting at the same time.
const MIGRATION_LOCK = 7_202_611;

/**
 * Opens the data source and brings the schema up to date before any other
 * provider can see it, so nothing ever queries a half-migrated database.
 */
async function openAndMigrate(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length)
      new Logger('Migrations').log(`applied ${applied.map((m) => m.name).join(', ')}`);
  } catch (err) {
    await runner.release().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
  await runner.release();
  return dataSource;
}

@Module({})
export class DatabaseModule {
  /** `url` is the server's DATABASE_URL or the embedded server's loopback URL. */
  static forRoot(url: string, embedded: boolean): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(url, { embedded }), autoLoadEntities: true }),
          dataSourceFactory: async (options) => openAndMigrate(options!),
        }),
      ],
    };
  }
}
