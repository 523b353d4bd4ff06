import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const here = dirname(fileURLToPath(import.meta.url));
let root: string;
let template: string;

// initdb is the slow part (seconds); run it once and give each test a copy.
async function freshDataDir(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(template, dir, { recursive: true });
  return dir;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'baton-embedded-pg-'));
  template = join(root, 'template');
  const started = Date.now();
  const pgServer = await startEmbeddedPostgres({ dataDir: template, port: 0 });
  const firstStartMs = Date.now() - started;
  await pgServer.stop();
  // Visible in the test output so a slow machine is noticed.
  console.info(`embedded Postgres first start (initdb) took ${firstStartMs} ms`);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('serves a loopback URL on a free port and keeps committed rows across a restart', async () => {
    const dataDir = await freshDataDir('restart');
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect(first.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(first.port).toBeGreaterThan(0);
    await query(first.url, 'CREATE TABLE kept (id int PRIMARY KEY, label text)');
    await query(first.url, 'INSERT INTO kept VALUES (1, $1)', ['survives']);
    await first.stop();
    await first.stop(); // idempotent

    const started = Date.now();
    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    console.info(
      `embedded Postgres restart on an existing data dir took ${Date.now() - started} ms`,
    );
    try {
      expect(await query(second.url, 'SELECT id, label FROM kept')).toEqual([
        { id: 1, label: 'survives' },
      ]);
    } finally {
      await second.stop();
    }
  });

  it('stops promptly while a client holds an open transaction, and rolls it back', async () => {
    const dataDir = await freshDataDir('stop-mid-transaction');
    const server = await startEmbeddedPostgres({ dataDir });
    await query(server.url, 'CREATE TABLE pending (id int)');
    const client = new pg.Client({ connectionString: server.url });
    client.on('error', () => undefined); // the server hangs up on it
    await client.connect();
    await client.query('BEGIN');
    await client.query('INSERT INTO pending VALUES (1)');
    const before = Date.now();
    await server.stop();
    expect(Date.now() - before).toBeLessThan(5000);
    await client.end().catch(() => undefined);

    const again = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await query(again.url, 'SELECT id FROM pending')).toEqual([]);
    } finally {
      await again.stop();
    }
  });

  it('refuses a second start on a data dir that is already running', async () => {
    const dataDir = await freshDataDir('double-start');
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/already running/);
    } finally {
      await running.stop();
    }
  });

  it('counts every one of 50 concurrent FOR UPDATE increments made through a pool of 5', async () => {
    const dataDir = await freshDataDir('concurrency');
    const server = await startEmbeddedPostgres({ dataDir });
    const pool = new pg.Pool({ connectionString: server.url, max: 5 });
    try {
      await pool.query('CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL)');
      await pool.query('INSERT INTO counter VALUES (1, 0)');
      const increment = async (): Promise<void> => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ n: number }>(
            'SELECT n FROM counter WHERE id = 1 FOR UPDATE',
          );
          await client.query('UPDATE counter SET n = $1 WHERE id = 1', [rows[0].n + 1]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: 50 }, increment));
      console.info(`50 locked increments through a pool of 5 took ${Date.now() - started} ms`);
      expect((await pool.query<{ n: number }>('SELECT n FROM counter')).rows[0].n).toBe(50);

      // Room for TypeORM's default pool of 10 next to this one.
      const wide = new pg.Pool({ connectionString: server.url, max: 12 });
      try {
        const clients = await Promise.all(Array.from({ length: 12 }, () => wide.connect()));
        const answers = await Promise.all(
          clients.map((c) => c.query<{ one: number }>('SELECT 1 AS one')),
        );
        clients.forEach((c) => c.release());
        expect(answers.map((a) => a.rows[0].one)).toEqual(Array(12).fill(1));
      } finally {
        await wide.end();
      }
    } finally {
      await pool.end();
      await server.stop();
    }
  });

  it('keeps committed rows and drops uncommitted ones after the process is killed with SIGKILL', async () => {
    const dataDir = await freshDataDir('sigkill');
    const child = spawn(
      process.execPath,
      [join(here, '__fixtures__', 'pglite-crash-writer.mjs'), dataDir, '25'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ok')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
    });

    // While the writer lives, its lock keeps us off the data dir.
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by process/);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await readFile(join(dataDir, 'pg.lock'), 'utf8')).toBe(String(child.pid));

    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const rows = await query<{ committed: string; uncommitted: string }>(
        server.url,
        `SELECT count(*) FILTER (WHERE note = 'committed') AS committed,
                count(*) FILTER (WHERE note = 'uncommitted') AS uncommitted FROM crash_rows`,
      );
      expect(rows).toEqual([{ committed: '25', uncommitted: '0' }]);
    } finally {
      await server.stop();
    }
  });

  it('takes over a stale lock left by a process that no longer exists', async () => {
    const dataDir = await freshDataDir('stale-lock');
    await writeFile(join(dataDir, 'pg.lock'), '2147483646');
    const server = await startEmbeddedPostgres({ dataDir });
    await server.stop();
  });

  it('lets TypeORM (postgres driver) connect with pgcrypto uuids and no extension install', async () => {
    const dataDir = await freshDataDir('typeorm');
    const server = await startEmbeddedPostgres({ dataDir });
    const dataSource = new DataSource({
      type: 'postgres',
      url: server.url,
      uuidExtension: 'pgcrypto',
      installExtensions: false,
      extra: { max: 4 },
    });
    try {
      await dataSource.initialize();
      const rows: Array<{ id: string; version: string }> = await dataSource.query(
        'SELECT gen_random_uuid()::text AS id, version() AS version',
      );
      expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
      expect(rows[0].version).toMatch(/PostgreSQL/);
      await dataSource.transaction(async (manager) => {
        await manager.query(
          'CREATE TABLE typeorm_probe (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text)',
        );
        await manager.query('INSERT INTO typeorm_probe (name) VALUES ($1)', ['probe']);
      });
      expect(await dataSource.query('SELECT name FROM typeorm_probe')).toEqual([{ name: 'probe' }]);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await server.stop();
    }
  });
});
