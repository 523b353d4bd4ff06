// Baton in processes of its own, for the bench's HTTP phases: what they use
// (resident memory for `rss_mb`, CPU per command) is then Baton's alone, not
// the load generator's. Embedded mode: `apps/api/dist/embedded.js`, the
// all-in-one process (PGlite + in-process queue, DATABASE_URL/REDIS_URL unset)
// on a fresh data dir. Server mode: `main.js` (API) and `worker.js` (queue
// workers) as two processes on a fresh database, as server mode is deployed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createDatabase, freePort, root } from './common.mjs';

const MB = 1048576;
const SAMPLE_MS = 200;
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
} catch {
  // not Linux: CPU is then not read (see cpuMs)
}
const hasProc = fs.existsSync(`/proc/${process.pid}/status`);

/** Resident set of `pid` in bytes (/proc, or `ps` elsewhere); undefined once it is gone. */
async function rssOf(pid) {
  if (hasProc) {
    try {
      const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }
  return new Promise((resolve) =>
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], (err, out) =>
      resolve(err || !out.trim() ? undefined : Number(out.trim()) * 1024),
    ),
  );
}

/** Child processes of `pid` (the embedded app's short-lived initdb helper); Linux only. */
function childrenOf(pid) {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** User + system CPU time of `pid` so far, in ms (all its threads); NaN where /proc is absent. */
function cpuMsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) / clockTicks) * 1000;
  } catch {
    return NaN;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts Baton (see above) at once and returns its handle synchronously, so
 * the caller can always `stop()` it, even while it is still starting:
 * `ready` (resolves when it answers /api/health, and in server mode the
 * worker has said it is ready), `base` (its URL), `dbUrl` (server mode: its
 * database, for commit counts; undefined in embedded mode, whose PGlite port
 * stays inside the process), `cpuMs()`, `memory()`, `stop()`.
 * `env`: what the processes get besides the mode's own variables.
 */
export function launchBaton({ embedded, env, log }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-app-'));
  const logFile = path.join(dataDir, 'baton.log');
  const out = fs.openSync(logFile, 'a');
  /** role -> { proc, pid, exited, peak, helperPeak } */
  const procs = new Map();
  let stopping = false;
  let database;
  let failed;
  const failure = new Promise((_, reject) => (failed = reject));
  failure.catch(() => {});

  const spawnRole = (role, script, extraEnv) => {
    const proc = spawn(process.execPath, [path.join(root, 'apps/api/dist', script)], {
      cwd: root,
      env: { ...extraEnv },
      stdio: ['ignore', out, out],
    });
    const p = { role, proc, pid: proc.pid, exited: false, peak: 0, helperPeak: 0 };
    procs.set(role, p);
    proc.on('exit', (code, signal) => {
      p.exited = true;
      if (!stopping)
        failed(
          new Error(
            `Baton ${role} process exited (${signal ?? code}); its log:\n` +
              fs.readFileSync(logFile, 'utf8').slice(-4000),
          ),
        );
    });
    return p;
  };

  // Peak resident set of each process (and of any child it has, apart).
  const sample = async () => {
    for (const p of procs.values()) {
      if (p.exited) continue;
      const rss = await rssOf(p.pid);
      if (rss !== undefined) p.peak = Math.max(p.peak, rss);
      for (const c of childrenOf(p.pid))
        p.helperPeak = Math.max(p.helperPeak, (await rssOf(c)) ?? 0);
    }
  };
  const sampler = setInterval(() => void sample(), SAMPLE_MS);

  const port = freePort();
  const base = port.then((p) => `http://127.0.0.1:${p}`);
  // The bench's own environment, less what would configure Baton differently.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|REDIS_URL|PORT|HOST|BATON_.*)$/.test(k),
    ),
  );
  const common = {
    ...inherited,
    HOST: '127.0.0.1',
    BATON_DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    ...env,
  };

  const healthy = async (url, until) => {
    for (;;) {
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error(`Baton did not answer ${url}/api/health in time`);
      await sleep(100);
    }
  };
  const logSays = async (re, until) => {
    while (!re.test(fs.readFileSync(logFile, 'utf8'))) {
      if (Date.now() > until) throw new Error(`Baton did not log ${re} in time`);
      await sleep(100);
    }
  };

  const start = async () => {
    const until = Date.now() + READY_TIMEOUT_MS;
    const url = await base;
    const PORT = String(await port);
    if (embedded) {
      // DATABASE_URL and REDIS_URL unset: PGlite and the in-process queue.
      spawnRole('all', 'embedded.js', { ...common, PORT });
      await healthy(url, until);
      return;
    }
    database = await createDatabase('baton_bench_app');
    if (stopping) return;
    const serverEnv = {
      ...common,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL,
      BATON_QUEUE_PREFIX: `benchapp${randomBytes(3).toString('hex')}`,
    };
    // The API first (it migrates and seeds), then the worker.
    spawnRole('api', 'main.js', { ...serverEnv, PORT });
    await healthy(url, until);
    if (stopping) return;
    const { BATON_DEMO: _, ...workerEnv } = serverEnv;
    spawnRole('worker', 'worker.js', workerEnv);
    await logSays(/Baton worker \S+ ready/, until);
  };
  const atReady = {};
  const ready = Promise.race([start(), failure]).then(async () => {
    await sample();
    const at = atReady;
    for (const p of procs.values()) at[p.role] = Math.round(((await rssOf(p.pid)) ?? 0) / MB);
    log?.(
      `Baton in its own process${procs.size > 1 ? 'es' : ''} at ${await base}: ` +
        [...procs.values()].map((p) => `${p.role} pid ${p.pid} RSS ${at[p.role]} MB`).join(', '),
    );
    return at;
  });
  ready.catch(() => {});

  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      clearInterval(sampler);
      await Promise.all(
        [...procs.values()].map(async (p) => {
          if (p.exited) return;
          const gone = new Promise((r) => p.proc.once('exit', r));
          p.proc.kill('SIGTERM');
          const t = setTimeout(() => p.proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await gone;
          clearTimeout(t);
        }),
      );
      fs.closeSync(out);
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database?.drop().catch(() => {});
    })());

  /** Last resort, from a process 'exit' handler: no waiting possible. */
  const killNow = () => {
    stopping = true;
    clearInterval(sampler);
    for (const p of procs.values()) if (!p.exited) p.proc.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  return {
    ready,
    base,
    get dbUrl() {
      return database?.url;
    },
    roles: () => [...procs.keys()],
    /** CPU time of all its processes so far (ms). */
    cpuMs: () => [...procs.values()].reduce((s, p) => s + cpuMsOf(p.pid), 0),
    /** Peak resident set of each process (MB), its RSS once ready, and any helper child's peak. */
    memory: () => ({
      atReadyMb: { ...atReady },
      peakMb: Object.fromEntries([...procs.values()].map((p) => [p.role, Math.round(p.peak / MB)])),
      helperPeakMb: Math.round(Math.max(0, ...[...procs.values()].map((p) => p.helperPeak)) / MB),
      sampleMs: SAMPLE_MS,
    }),
    sample,
    stop,
    killNow,
  };
}
