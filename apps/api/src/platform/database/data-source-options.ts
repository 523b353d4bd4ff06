import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';

/** Settings that work on PostgreSQL 15+ and on PGlite alike (STACK-NOTES.md). */
export function dataSourceOptions(
  url: string,
  opts: { embedded: boolean; entities?: DataSourceOptions['entities'] },
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: opts.entities ?? [],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    // PGlite serves every connection from one backend session: a small pool
    // is all it can use; a real server gets a normal one.
    extra: {
      max: opts.embedded ? 4 : Number(process.env.BATON_DB_POOL) || 20,
      connectionTimeoutMillis: 5000,
    },
  };
}
