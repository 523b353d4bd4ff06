// Embedded Postgres for zero-setup mode: PGlite (Postgres compiled to wasm)
// with a file data dir, served on a loopback port by pglite-socket so that
// `pg` and TypeORM connect exactly as they would to a real server.
//
// Known limits of this engine (docs/STACK-NOTES.md "Embedded Postgres"):
// every connection shares ONE backend session and queries run one at a time.
// So: never hold a transaction open on one connection while awaiting another
// (it deadlocks until the first commits), `SET` leaks across connections,
// NOTIFY does not cross connections, named prepared statements collide.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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
    // PGlite's default shared_buffers (128 MB) is wasm memory the all-in-one
    // process holds for good (PERFORMANCE.md target 6: under 400 MB RSS); one
    // session on a small database does not need it. BATON_PG_SHARED_BUFFERS.
    const pgOptions = { postgresqlconf: [`shared_buffers = ${sharedBuffers()}`] };
    // A first start runs initdb, whose wasm memory (~400 MB) a PGlite
    // instance keeps for good: it runs in a short-lived child process, so
    // this one opens an initialised directory like every later restart.
    if (!existsSync(join(pgDir, 'PG_VERSION'))) await initInChild(pgDir, pgOptions);
    db = await PGlite.create(pgDir, pgOptions);
    server = new PGLiteSocketServer({
      db,
      host,
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? EMBEDDED_PG_DEFAULT_MAX_CONNECTIONS,
    });
    keepExtendedQueriesTogether(server);
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

// pglite-socket 0.2.17 queues every wire-protocol MESSAGE on its own and,
// outside a transaction, serves the queue first come first served. `pg` sends
// a parameterized query as Parse/Bind/Describe/Execute/Sync, so two
// connections querying at once interleave those messages in the one shared
// session: a Bind meets the other connection's unnamed statement ("bind
// message supplies 1 parameters, but prepared statement "" requires 2",
// "portal does not exist"), or worse runs the other statement with the wrong
// parameters. Seen with 50 concurrent API calls. The fix: once a connection
// has sent an extended-protocol message, serve only it until its Sync, just
// as the library already does for a connection inside a transaction. Also
// never leave the queue marked busy after a failed message (it would hang
// every connection).
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);
const SIMPLE_QUERY = 'Q'.charCodeAt(0);

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(size: number): void;
  reject(err: Error): void;
  onData(data: Uint8Array): void;
}
interface QueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue?: QueueInternals }).queryQueue;
  if (!q || typeof q.processQueue !== 'function' || !Array.isArray(q.queue)) {
    throw new Error(
      'pglite-socket changed: re-check keepExtendedQueriesTogether (embedded-postgres.ts)',
    );
  }
  let sticky: number | null = null;
  q.processQueue = async function processQueue(this: QueueInternals): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = sticky ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        let item: QueuedMessage | undefined;
        if (owner !== null) {
          const i = this.queue.findIndex((m) => m.handlerId === owner);
          if (i === -1) break; // the owner's next message comes later
          item = this.queue.splice(i, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
        } catch (err) {
          if (sticky === current.handlerId) sticky = null;
          current.reject(err as Error);
          continue;
        }
        const type = current.message[0];
        if (EXTENDED.has(type)) sticky = current.handlerId;
        else if (type === SYNC || type === SIMPLE_QUERY) sticky = null;
        this.lastHandlerId = current.handlerId;
        current.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = q.clearTransactionIfNeeded.bind(q);
  q.clearTransactionIfNeeded = async (handlerId: number) => {
    await clear(handlerId);
    if (sticky === handlerId) {
      sticky = null; // it went away mid-query: serve the others again
      await q.processQueue();
    }
  };
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

/** shared_buffers for PGlite: BATON_PG_SHARED_BUFFERS (e.g. 64MB), 32MB by default. */
function sharedBuffers(): string {
  const v = process.env.BATON_PG_SHARED_BUFFERS || '32MB';
  if (!/^\d+(kB|MB|GB)$/.test(v))
    throw new Error(`BATON_PG_SHARED_BUFFERS must look like 32MB, got "${v}"`);
  return v;
}

/** Runs PGlite's initdb on `pgDir` in a child process that exits afterwards. */
async function initInChild(pgDir: string, options: object): Promise<void> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const script = `require(${JSON.stringify(entry)}).PGlite.create(${JSON.stringify(pgDir)}, ${JSON.stringify(options)})
    .then((db) => db.close()).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { timeout: 120_000 }, (err, _out, stderr) =>
      err ? reject(new Error(`PGlite initdb failed: ${stderr || err.message}`)) : resolve(),
    );
  });
}
