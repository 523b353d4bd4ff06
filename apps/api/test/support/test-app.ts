// Each integration test file gets its own Baton app on its own clean
// database: a fresh database on the real PostgreSQL server (server mode), or a
// fresh PGlite data dir (embedded mode). Never a mock of the database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHttpApp } from '../../src/bootstrap.js';
import { loadConfig, type BatonConfig } from '../../src/platform/config/config.js';
import { processRole } from '../../src/platform/process/process-role.js';
import {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../src/platform/database/embedded-postgres.js';

export type TestMode = 'server' | 'embedded';
export const ADMIN_PASSWORD = 'admin-pass-123';
export const DEMO_PASSWORD = 'demo-pass-123';

export function testMode(): TestMode {
  const m = process.env.BATON_TEST_MODE;
  if (m === 'server' || m === 'embedded') return m;
  return process.env.DATABASE_URL ? 'server' : 'embedded';
}

export interface TestDatabase {
  url: string;
  embedded: boolean;
  drop(): Promise<void>;
}

/** A new, empty database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testMode() === 'server') {
    const adminUrl = process.env.DATABASE_URL;
    if (!adminUrl)
      throw new Error('BATON_TEST_MODE=server needs DATABASE_URL (scripts/test.sh starts one).');
    const name = `baton_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      embedded: false,
      async drop() {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-it-'));
  const server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
  return {
    url: server.url,
    embedded: true,
    async drop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  app: NestExpressApplication;
  config: BatonConfig;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Signs in and returns a bearer token. */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  opts: { worker?: boolean; env?: Record<string, string>; db?: TestDatabase } = {},
): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-data-'));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: testMode() === 'server' ? process.env.REDIS_URL : '',
    BATON_DATA_DIR: dataDir,
    BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BATON_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    // Test files share one Redis: each app gets queues of its own.
    BATON_QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    ...opts.env,
  });
  const app = await createHttpApp({
    config,
    role: processRole(true, opts.worker ?? true),
    databaseUrl: db.url,
    embedded: db.embedded,
  });
  try {
    await app.init();
  } catch (err) {
    await app.close().catch(() => undefined);
    if (!opts.db) await db.drop().catch(() => undefined);
    throw err;
  }
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    db,
    http,
    async login(username, password) {
      const res = await http().post('/api/auth/login').send({ username, password });
      if (res.status !== 200)
        throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      if (!opts.db) await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
