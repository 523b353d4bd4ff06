// Private PostgreSQL and Redis servers for fault-injection tests: a test that
// kills or stops a server must own it, never the shared ones every other test
// file uses. The binaries come from scripts/services.sh (BATON_PG_BINDIR,
// BATON_REDIS_SERVER) or Debian's usual places; when they are missing the
// caller skips (privateServersMissing() says why).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes.js';

const exec = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function newestPgBindir(): string | undefined {
  const env = process.env.BATON_PG_BINDIR;
  if (env && fs.existsSync(path.join(env, 'pg_ctl'))) return env;
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function redisServerBinary(): string | undefined {
  const env = process.env.BATON_REDIS_SERVER;
  if (env && fs.existsSync(env)) return env;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'redis-server');
    if (dir && fs.existsSync(p)) return p;
  }
  return undefined;
}

export const pgBindir = newestPgBindir();
export const redisServer = redisServerBinary();

/** Why private servers cannot be started here, or '' when they can. */
export function privateServersMissing(need: { pg?: boolean; redis?: boolean }): string {
  const missing: string[] = [];
  if (need.pg && !pgBindir)
    missing.push('PostgreSQL binaries (set BATON_PG_BINDIR or install Debian postgresql)');
  if (need.redis && !redisServer)
    missing.push('redis-server (set BATON_REDIS_SERVER or install Debian redis-server)');
  return missing.join('; ');
}

async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
  const net = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not listen on ${port} in ${timeoutMs} ms`);
    await sleep(50);
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** The running server process, if any. */
  child(): ChildProcess | undefined;
  /** Starts the server (again) on the same port, empty: nothing is persisted. */
  start(): Promise<void>;
  /** Kills the server (SIGKILL: no goodbye; SIGTERM: Redis's own shutdown) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it for good and removes its directory. */
  destroy(): Promise<void>;
}

/** A redis-server of the test's own on a free loopback port, with no persistence. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  if (!redisServer) throw new Error(privateServersMissing({ redis: true }));
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-redis-'));
  let proc: ChildProcess | undefined;
  let log = '';
  const r: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    child: () => proc,
    async start() {
      if (proc && proc.exitCode === null && proc.signalCode === null)
        throw new Error('private Redis is already running');
      log = '';
      proc = spawn(
        redisServer!,
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      proc.stdout!.on('data', (d) => (log += d));
      proc.stderr!.on('data', (d) => (log += d));
      try {
        await waitForPort(port, 10000, 'private Redis');
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${log}`);
      }
    },
    async kill(signal = 'SIGKILL') {
      const p = proc;
      if (!p || p.exitCode !== null || p.signalCode !== null) return;
      const exited = new Promise((resolve) => p.once('exit', resolve));
      p.kill(signal);
      await exited;
    },
    async destroy() {
      await r.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}

export interface PrivatePostgres {
  /** The `postgres` database as the superuser `baton` (create your own database in it). */
  adminUrl: string;
  port: number;
  /** A database URL on this server. */
  urlFor(database: string): string;
  /** pg_ctl start -w (on the same port). */
  start(): Promise<void>;
  /** pg_ctl stop -w -m <mode>: 'fast' ends sessions and shuts down cleanly; 'immediate' is a crash. */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  running(): Promise<boolean>;
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL cluster of the test's own (initdb in a temp dir, a free
 * loopback port), run as the postgres user when we are root, as
 * scripts/services.sh does.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!pgBindir) throw new Error(privateServersMissing({ pg: true }));
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await exec('id', ['postgres']).catch(() => exec('useradd', ['-r', '-M', 'postgres']));
    await exec('chown', ['postgres', dir]);
  }
  const pgRun = (bin: string, args: string[]) =>
    asRoot
      ? exec('runuser', ['-u', 'postgres', '--', path.join(pgBindir!, bin), ...args])
      : exec(path.join(pgBindir!, bin), args);
  await pgRun('initdb', [
    '-D',
    data,
    '-U',
    'baton',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=100 -c fsync=on`;
  const logFile = path.join(dir, 'server.log');
  const p: PrivatePostgres = {
    adminUrl: `postgres://baton@127.0.0.1:${port}/postgres`,
    port,
    urlFor: (database) => `postgres://baton@127.0.0.1:${port}/${database}`,
    async start() {
      try {
        await pgRun('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', opts, 'start']);
      } catch (err) {
        const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
        throw new Error(`private PostgreSQL did not start: ${(err as Error).message}\n${log}`);
      }
    },
    async stop(mode = 'fast') {
      await pgRun('pg_ctl', ['-D', data, '-w', '-t', '60', '-m', mode, 'stop']);
    },
    async running() {
      return pgRun('pg_ctl', ['-D', data, 'status']).then(
        () => true,
        () => false,
      );
    },
    async destroy() {
      if (await p.running()) await p.stop('immediate').catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await p.start();
  return p;
}
