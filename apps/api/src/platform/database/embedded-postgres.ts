// Embedded Postgres for zero-setup mode: PGlite (Postgres compiled to wasm)
// with a file data dir, served on a loopback port by pglite-socket so that
// `pg` and TypeORM connect exactly as they would to a real server.
//
// Known limits of this engine (docs/STACK-NOTES.md "Embedded Postgres"):
// every connection shares ONE backend session and queries run one at a time.
// So: never hold a transaction open on one connection while awaiting another
// (it deadlocks until the first commits), `SET` leaks across connections,
// NOTIFY does not cross connections, named prepared statements collide.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** Baton's data folder; the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  /** 0 (default) lets the OS pick a free port. */
  port?: number;
  /** Loopback only: the server has no authentication. */
  host?: '127.0.0.1';
  /**
   * Socket connections accepted at once. The default leaves room for a pool
   * of 10 (TypeORM's default) plus a few short-lived clients (migrations,
   * health checks, scripts).
   */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** Closes client sockets, then shuts the engine down cleanly. Idempotent. */
  stop(): Promise<void>;
}

export const EMBEDDED_PG_DEFAULT_MAX_CONNECTIONS = 20;

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const host = options.host ?? '127.0.0.1';
  const pgDir = join(options.dataDir, 'pg');
  await mkdir(pgDir, { recursive: true });
  // PGlite has no postmaster.pid of its own; two processes writing one data
  // dir would corrupt it, so we keep our own lock next to it.
  const lockFile = join(options.dataDir, 'pg.lock');
  await acquireLock(lockFile);

  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(pgDir);
    server = new PGLiteSocketServer({
      db,
      host,
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? EMBEDDED_PG_DEFAULT_MAX_CONNECTIONS,
    });
    await server.start();
  } catch (err) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await releaseLock(lockFile);
    throw err;
  }

  // With port 0 the real port is only known after listen; the server exposes
  // it through getServerConn() ("host:port").
  const port = Number(server.getServerConn().split(':').pop());
  const url = `postgres://postgres:postgres@${host}:${port}/postgres`;

  const liveServer = server;
  const liveDb = db;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await liveServer.stop();
      // stop() detaches handlers without awaiting them; a detach may still
      // ROLLBACK an abandoned transaction. Let those start before close(),
      // which then waits for them through PGlite's own mutex.
      await new Promise((resolve) => setImmediate(resolve));
      // close() ends the backend (checkpoint) and closes the file system, so
      // everything committed is on disk when it resolves.
      await liveDb.close();
      await releaseLock(lockFile);
    })();
    return stopping;
  };

  return { url, port, stop };
}

// Data dirs this process has open; the pid in the lock file cannot tell a
// second start in the same process from a stale lock left by an earlier
// process that had the same pid (common in containers).
const heldLocks = new Set<string>();

async function acquireLock(lockFile: string): Promise<void> {
  if (heldLocks.has(lockFile)) {
    throw new Error(
      `embedded Postgres is already running on this data dir in this process (${lockFile})`,
    );
  }
  heldLocks.add(lockFile);
  try {
    await takeLockFile(lockFile);
  } catch (err) {
    heldLocks.delete(lockFile);
    throw err;
  }
}

async function releaseLock(lockFile: string): Promise<void> {
  await rm(lockFile, { force: true });
  heldLocks.delete(lockFile);
}

async function takeLockFile(lockFile: string): Promise<void> {
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `embedded Postgres data dir is in use by process ${holder} (${lockFile}); ` +
        'stop that process or set DATABASE_URL to share a real PostgreSQL',
    );
  }
  // Stale lock from a process that died (e.g. SIGKILL): take it over.
  await writeFile(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
