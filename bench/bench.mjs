// `pnpm bench` (docs/PERFORMANCE.md): the new-product-listing SOP run
// end to end by simulated users, once through the service layer and once over
// HTTP, beside the raw transition transaction through `pg` against the same
// database at the same concurrency. The service path runs twice: closed loop
// at concurrency C (the peak: commands/s), then open loop at half that rate
// (target 2's latency). Server mode by default (PostgreSQL + Redis from
// scripts/bench.sh), `--embedded` for PGlite + the in-process queue. The
// service path runs in this process; the HTTP phases (http path, inbox) go to
// Baton in its own process(es) (bench/baton-process.mjs: the all-in-one
// process, or an API and a worker process), whose peak resident set is
// `rss_mb` (target 6), apart from the load generator's.
// `--history N` then adds N finished instances (bench/history.mjs) and
// measures the service path again (target 5).
//   node bench/bench.mjs [--embedded] [--quick] [--instances N] [--concurrency C]
//                        [--half-samples N] [--history N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { jsonClient } from './http.mjs';
import { launchBaton } from './baton-process.mjs';
import {
  cli,
  createDatabase,
  logger,
  parseSize,
  pg,
  root,
  sizeLabel,
  summary as stats,
} from './common.mjs';
import { openLoop } from './open-loop.mjs';
import { seedHistory } from './history.mjs';

const api = (p) => import(path.join(root, 'apps/api/dist', p));
const { flag, opt } = cli();
const embedded = flag('--embedded');
const quick = flag('--quick');
const instances = Number(opt('--instances', quick ? 150 : 2000));
const concurrency = Number(opt('--concurrency', 8));
// How many actions the half-peak phase measures (its steady part).
const halfSamples = Number(opt('--half-samples', quick ? 400 : 3000));
const history = opt('--history') ? parseSize(opt('--history')) : 0;
const mode = embedded ? 'embedded' : 'server';
const t0 = Date.now();
const log = logger('bench', t0);
if (history && embedded) {
  console.error(
    "bench: --history needs server mode. In embedded mode every connection shares PGlite's one " +
      'session, so a bulk load beside the running app would run inside its transactions, and ' +
      'the history (GBs at 1M instances) would sit in the one process that target 6 holds to 400 MB.',
  );
  process.exit(2);
}

const { loadConfig } = await api('platform/config/config.js');
const { processRole } = await api('platform/process/process-role.js');
const { createHttpApp } = await api('bootstrap.js');
const { startEmbeddedPostgres } = await api('platform/database/embedded-postgres.js');
const { InstancesService } = await api('modules/runtime/instances.service.js');
const { TasksService } = await api('modules/runtime/tasks.service.js');
const { newProductListing } = await import(path.join(root, 'packages/templates/dist/index.js'));

// This process's own peak RSS (load generator, in-process service-path app
// and, in embedded mode, its PGlite): reported as benchProcessRssMb.
let rssMax = 0;
const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 200);

const ADMIN_PASSWORD = 'bench-admin-pass';
const DEMO_PASSWORD = 'bench-demo-pass';
// Baton for the HTTP phases, in its own process(es) on a fresh data dir (and
// database in server mode). Started now, so its start-up overlaps this
// process's; it idles (under 1% of a core) until the HTTP phases.
const baton = launchBaton({
  embedded,
  log,
  env: {
    BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BATON_DEMO: '1',
    BATON_DEMO_PASSWORD: DEMO_PASSWORD,
    BATON_LOGIN_MAX_ATTEMPTS: '1000',
  },
});

// ---- database ----
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-'));
let dbUrl;
let embeddedPg;
let dropDb = async () => {};
let app;
let cleaning;
/** Everything the run started, stopped and removed (once). */
const cleanup = () =>
  (cleaning ??= (async () => {
    clearInterval(rssTimer);
    await baton.stop();
    await app?.close();
    await embeddedPg?.stop();
    await dropDb().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  })());
// On Ctrl-C or a kill: the same, bounded; a second signal, or any exit that
// skipped it (an error before the phases), kills Baton's processes outright.
process.once('exit', () => {
  baton.killNow();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    if (cleaning) process.exit(130);
    log(`${signal}: stopping Baton and removing its data`);
    // What is still running fails as its connections close: expected now.
    process.on('uncaughtException', () => {});
    process.on('unhandledRejection', () => {});
    Promise.race([cleanup(), new Promise((r) => setTimeout(r, 20_000))])
      .catch(() => {})
      .finally(() => process.exit(130));
  });
if (embedded) {
  embeddedPg = await startEmbeddedPostgres({ dataDir, port: 0 });
  dbUrl = embeddedPg.url;
} else {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL)
    throw new Error('server mode needs DATABASE_URL and REDIS_URL (run through scripts/bench.sh)');
  ({ url: dbUrl, drop: dropDb } = await createDatabase('baton_bench'));
}

const config = loadConfig({
  ...process.env,
  DATABASE_URL: dbUrl,
  REDIS_URL: embedded ? '' : process.env.REDIS_URL,
  BATON_DATA_DIR: dataDir,
  BATON_ADMIN_PASSWORD: ADMIN_PASSWORD,
  BATON_DEMO: '1',
  BATON_DEMO_PASSWORD: DEMO_PASSWORD,
  BATON_QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
  BATON_LOGIN_MAX_ATTEMPTS: '1000',
  LOG_LEVEL: 'error',
});
app = await createHttpApp({
  config,
  role: processRole(true, true),
  databaseUrl: dbUrl,
  embedded,
});
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
log(
  `mode=${mode} instances=${instances} concurrency=${concurrency}; service path in this process (HTTP at ${base})`,
);

/** A Baton at `base` made ready for the SOP: the template published, the users' ids and tokens. */
async function prepare(url) {
  const http = jsonClient(url);
  const login = async (u, pw = DEMO_PASSWORD) =>
    (await http('POST', '/api/auth/login', undefined, { username: u, password: pw })).accessToken;
  const adminToken = await login('admin', ADMIN_PASSWORD);
  await http('POST', '/api/processes', adminToken, newProductListing.definition);
  await http('POST', '/api/processes/new-product-listing/publish', adminToken);
  const users = Object.fromEntries(
    (await http('GET', '/api/users', adminToken)).map((u) => [u.username, u]),
  );
  const tokens = Object.fromEntries(
    await Promise.all(
      ['pm', 'opsdir', 'design', 'warehouse', 'opsspec'].map(async (u) => [u, await login(u)]),
    ),
  );
  return { http, users, tokens };
}
const local = await prepare(base);
const { users } = local;
const who = (u) => ({ id: users[u].id, username: u, roles: users[u].roles });
// The HTTP phases' Baton must be up before anything is measured.
await baton.ready;
const remote = await prepare(await baton.base);

const form = {
  productName: '压测商品',
  sku: 'B-1',
  category: '测试',
  price: 99,
  cost: 10,
  platforms: ['淘宝'],
  launchDate: '2026-12-01',
};
const steps = [
  ['opsdir', 'director', { action: 'approve' }],
  ['design', 'design', { action: 'submit', data: { mainImages: ['f1'], detailPage: ['f2'] } }],
  ['warehouse', 'warehouse', { action: 'submit', data: { quantity: 10, binLocation: 'A-1' } }],
  ['opsspec', 'listing', { action: 'submit', data: { listingUrl: 'https://example.com/p/1' } }],
];

const COMMANDS_PER_INSTANCE = 1 + steps.length;

/**
 * One step of the SOP on the instance as `view` shows it: the step's person
 * acts on their open task; `act` returns after the transition is applied,
 * with the instance as it now is (one read after the commit), where the next
 * person's task is: what the latencies below measure, from the action to
 * that answer. The inbox read is measured on its own, below.
 */
async function act(driver, view, [user, nodeId, body]) {
  const task = view.tasks.find((t) => t.nodeId === nodeId && t.status === 'open');
  if (!task) throw new Error(`no open task at ${nodeId}: ${JSON.stringify(view.activeNodes)}`);
  const res = await driver.act(user, task.id, body);
  if (res.status !== 200) throw new Error(`act ${nodeId}: ${res.status}`);
  return res.body.instance;
}

/** One instance through the SOP, each action's latency into `latencies`. */
async function runInstance(driver, latencies) {
  let view = await driver.start();
  for (const step of steps) {
    const t = performance.now();
    view = await act(driver, view, step);
    latencies.push(performance.now() - t);
  }
}

const instancesSvc = app.get(InstancesService);
const tasksSvc = app.get(TasksService);
const serviceDriver = {
  start: async () =>
    (await instancesSvc.start('new-product-listing', { data: form }, who('pm'))).body,
  act: (user, taskId, body) => tasksSvc.act(taskId, body, who(user)),
};
// Over HTTP to Baton in its own process(es).
const httpDriver = {
  start: () =>
    remote.http('POST', '/api/processes/new-product-listing/instances', remote.tokens.pm, {
      data: form,
    }),
  act: async (user, taskId, body) => ({
    status: 200,
    body: await remote.http('POST', `/api/tasks/${taskId}/actions`, remote.tokens[user], body),
  }),
};

async function pool(n, c, fn) {
  let next = 0;
  let done = 0;
  const report = setInterval(() => log(`  ${done}/${n}`), 5000);
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < n) {
        next++;
        await fn();
        done++;
      }
    }),
  );
  clearInterval(report);
}

/**
 * Committed transactions in database `url` so far (each autocommit statement
 * is one); NaN without one (the embedded Baton process keeps its PGlite's
 * port to itself).
 */
async function commits(url) {
  if (!url) return NaN;
  try {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`SELECT pg_stat_force_next_flush()`).catch(() => {});
    const { rows } = await c.query(
      `SELECT xact_commit::int AS n FROM pg_stat_database WHERE datname = current_database()`,
    );
    await c.end();
    return rows[0]?.n ?? NaN;
  } catch {
    return NaN;
  }
}

/**
 * Where a phase's Baton runs: its CPU time so far (ms), its database, and
 * what to call it. The service path: this process (the simulated users'
 * share is small: they call the services directly). The HTTP phases: Baton's
 * own process(es), without the load generator.
 */
const inProcess = {
  name: 'Baton process',
  cpuMs: () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  },
  dbUrl: () => dbUrl,
};
const ownProcess = {
  name: embedded ? 'Baton process' : 'Baton API + worker processes',
  cpuMs: () => baton.cpuMs(),
  dbUrl: () => baton.dbUrl,
};

/** What `fn()` gives, with `where`'s CPU time and its database's commits per command. */
async function costed(fn, commands = (out) => out.commands, where = inProcess) {
  const commits0 = await commits(where.dbUrl());
  const cpu0 = where.cpuMs();
  const out = await fn();
  const cpu = where.cpuMs() - cpu0;
  const n = commands(out);
  return {
    ...out,
    cpuOf: where.name,
    cpuMsPerCommand: cpu / n,
    commitsPerCommand: ((await commits(where.dbUrl())) - commits0) / n,
  };
}
const costLine = (r) =>
  `${r.cpuOf} CPU ${r.cpuMsPerCommand.toFixed(2)} ms and ` +
  `${Number.isNaN(r.commitsPerCommand) ? 'n/a' : r.commitsPerCommand.toFixed(1)} database commits per command`;

/** The peak: `n` instances by `concurrency` simulated users, each acting as soon as it can (closed loop). */
async function measure(label, driver, n, where = inProcess) {
  const latencies = [];
  const commands = n * COMMANDS_PER_INSTANCE;
  const r = await costed(
    async () => {
      const t = performance.now();
      await pool(n, concurrency, () => runInstance(driver, latencies));
      return { label, instances: n, commands, seconds: (performance.now() - t) / 1000 };
    },
    undefined,
    where,
  );
  r.commandsPerSec = commands / r.seconds;
  Object.assign(r, stats(latencies));
  log(
    `${label}: ${r.commandsPerSec.toFixed(0)} commands/s, action p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms; ${costLine(r)}`,
  );
  return r;
}

/**
 * Target 2 (docs/PERFORMANCE.md), "at half of peak load": the same workload
 * through the service path, open loop at `rate` commands/s (bench/open-loop.mjs):
 * instances start on a fixed schedule and each person acts THINK_MS after the
 * previous step, whether or not other commands are still in flight. An
 * action's latency runs from its slot (or from the answer of the step before,
 * if that came later) to the answer that shows the next task, as in the
 * peak phase; counting from the slot, not from when the busy event loop got
 * round to sending it, keeps the wait a real request would have had. Only
 * actions in the steady part (all steps in play) count.
 */
const THINK_MS = 400;
async function halfPeak(label, rate) {
  const views = [];
  let done = 0;
  const report = setInterval(() => log(`  ${done} commands`), 5000);
  const r = await costed(
    () =>
      openLoop({
        rate,
        steadyInstances: Math.ceil(halfSamples / steps.length),
        steps: COMMANDS_PER_INSTANCE,
        thinkMs: THINK_MS,
        run: async (i, k) => {
          views[i] = k
            ? await act(serviceDriver, views[i], steps[k - 1])
            : await serviceDriver.start();
          done++;
        },
      }),
    (out) => out.records.length,
  ).finally(() => clearInterval(report));
  const actions = r.records.filter((x) => x.k > 0 && x.steady);
  const start = Math.min(...r.records.map((x) => x.due));
  const out = {
    label,
    instances: r.instances,
    offeredPerSec: rate,
    seconds: r.seconds,
    thinkMs: r.thinkMs,
    samples: actions.length,
    ...stats(actions.map((x) => x.done - x.from)),
    late: actions.filter((x) => x.from > x.due).length,
    driverLagP99: stats(actions.map((x) => x.started - x.from)).p99,
    maxInFlight: r.maxInFlight,
    // The slowest actions and when (s into the phase): one stall or many?
    worst: actions
      .map((x) => ({
        atS: Number(((x.from - start) / 1000).toFixed(2)),
        ms: Math.round(x.done - x.from),
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10),
    cpuOf: r.cpuOf,
    cpuMsPerCommand: r.cpuMsPerCommand,
    commitsPerCommand: r.commitsPerCommand,
  };
  log(
    `${label}: open loop at ${rate.toFixed(0)} commands/s for ${out.seconds.toFixed(1)} s, ` +
      `action p50 ${out.p50.toFixed(1)} ms p99 ${out.p99.toFixed(1)} ms over ${out.samples} actions ` +
      `(${out.late} late, driver lag p99 ${out.driverLagP99.toFixed(1)} ms, at most ${out.maxInFlight} in flight); ${costLine(out)}`,
  );
  return out;
}

/** Latency of each raw baseline run, in order (JSON: results.rawLatency). */
const rawLatency = [];

/** The raw transition transaction (BEGIN; 2 UPDATE; 3 INSERT; COMMIT) through pg at the same concurrency. */
async function rawBaseline(n) {
  const p = new pg.Pool({ connectionString: dbUrl, max: embedded ? 4 : concurrency });
  // Fresh tables each time: a second run (--history) must not start with the
  // first one's dead row versions.
  await p.query(`DROP TABLE IF EXISTS bench_state, bench_rows`);
  await p.query(`CREATE TABLE bench_state (id int PRIMARY KEY, state jsonb, n int)`);
  await p.query(`CREATE TABLE bench_rows (id bigserial PRIMARY KEY, k int, payload jsonb)`);
  await p.query(`INSERT INTO bench_state SELECT g, '{}'::jsonb, 0 FROM generate_series(1, $1) g`, [
    concurrency * 4,
  ]);
  const payload = JSON.stringify({ state: 'x'.repeat(800) });
  const t = performance.now();
  let i = 0;
  const times = [];
  await pool(n, concurrency, async () => {
    const k = (i++ % (concurrency * 4)) + 1;
    const started = performance.now();
    const c = await p.connect();
    try {
      await c.query('BEGIN');
      await c.query('UPDATE bench_state SET state = $2, n = n + 1 WHERE id = $1', [k, payload]);
      await c.query('UPDATE bench_state SET n = n + 1 WHERE id = $1', [k]);
      await c.query('INSERT INTO bench_rows (k, payload) VALUES ($1, $2)', [k, payload]);
      await c.query('INSERT INTO bench_rows (k, payload) VALUES ($1, $2)', [k, '{}']);
      await c.query('INSERT INTO bench_rows (k, payload) VALUES ($1, $2)', [k, '{}']);
      await c.query('COMMIT');
      times.push(performance.now() - started);
    } finally {
      c.release();
    }
  });
  const rate = n / ((performance.now() - t) / 1000);
  await p.end();
  // The database's own tail in this run: the same commit stalls (WAL flush on
  // this machine's disk) hold Baton's commands, so its p99 is read against it.
  const latency = stats(times);
  rawLatency.push({ p50: latency.p50, p99: latency.p99, max: latency.max });
  log(
    `raw transition tx: ${rate.toFixed(0)} tx/s, p50 ${latency.p50.toFixed(1)} ms p99 ${latency.p99.toFixed(1)} ms max ${latency.max.toFixed(0)} ms`,
  );
  return rate;
}

/** The approver's done tab on `side` (remote: Baton's own process; local: this one's app). */
async function inboxP99({ http, tokens }) {
  const times = [];
  for (let i = 0; i < (quick ? 100 : 300); i++) {
    const t = performance.now();
    await http('GET', '/api/tasks?status=done&pageSize=20', tokens.opsdir);
    times.push(performance.now() - t);
  }
  return stats(times).p99;
}

/** The service path measured: warm-up (not measured), the peak, then half of `peakRate` (default: this peak). */
async function servicePhases(tag, peakRate) {
  await pool(quick ? 20 : 100, concurrency, () => runInstance(serviceDriver, []));
  const service = await measure(`service path${tag}`, serviceDriver, instances);
  const rate = (peakRate ?? service.commandsPerSec) / 2;
  const half = await halfPeak(`service path at half of peak${tag}`, rate);
  return { service, halfPeak: half };
}

const results = {};
try {
  results.raw = await rawBaseline(quick ? 2000 : 10000);
  Object.assign(results, await servicePhases(''));
  // The HTTP phases, against Baton in its own process(es): a warm-up (its
  // code has not run yet), the http path, the inbox.
  await pool(quick ? 20 : 100, concurrency, () => runInstance(httpDriver, []));
  results.http = await measure(
    'http path',
    httpDriver,
    Math.max(20, Math.round(instances / 2)),
    ownProcess,
  );
  results.inboxP99 = await inboxP99(remote);
  await baton.sample();
  await baton.stop();
  results.memory = { ...baton.memory(), benchProcessPeakMb: Math.round(rssMax / 1048576) };
  if (history) {
    // The same measurement beside `history` finished instances, at the same
    // half-peak rate as the empty run, and the raw baseline again (whether
    // the machine itself changed meanwhile). The inbox is compared on this
    // process's app, before and after.
    const inboxBefore = await inboxP99(local);
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    const seed = await seedHistory(db, history, log).finally(() => db.end());
    const tag = ` with ${sizeLabel(history)} finished instances`;
    results.history = {
      seed,
      ...(await servicePhases(tag, results.service.commandsPerSec)),
      inboxP99Before: inboxBefore,
      inboxP99: await inboxP99(local),
      raw: await rawBaseline(quick ? 2000 : 10000),
    };
  }
} finally {
  await cleanup();
}

const ms = (x) => Number(x.toFixed(1));
const ratio = results.service.commandsPerSec / results.raw;
const summary = {
  mode,
  instances,
  concurrency,
  commandsPerSec: Math.round(results.service.commandsPerSec),
  httpCommandsPerSec: Math.round(results.http.commandsPerSec),
  rawTxPerSec: Math.round(results.raw),
  ratio: Number(ratio.toFixed(3)),
  // p50Ms/p99Ms: target 2's latency, at half of the peak rate; the peak's beside it.
  p50Ms: ms(results.halfPeak.p50),
  p99Ms: ms(results.halfPeak.p99),
  halfPeakCommandsPerSec: Math.round(results.halfPeak.offeredPerSec),
  halfPeakSamples: results.halfPeak.samples,
  peakP50Ms: ms(results.service.p50),
  peakP99Ms: ms(results.service.p99),
  httpP99Ms: ms(results.http.p99),
  inboxP99Ms: ms(results.inboxP99),
  // Target 6: the largest peak resident set of Baton's own process(es) during
  // the run (the all-in-one process; or the larger of API and worker).
  rssMb: Math.max(...Object.values(results.memory.peakMb)),
  rssMbByProcess: results.memory.peakMb,
  // The embedded process's initdb helper (first start only, a few seconds).
  helperRssMb: results.memory.helperPeakMb,
  // This process: load generator, the service path's app (and its PGlite).
  benchProcessRssMb: Math.round(rssMax / 1048576),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 1073741824)} GiB, node ${process.version}`,
  loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  at: new Date().toISOString(),
};
let historyLine;
if (results.history) {
  const h = results.history;
  const delta = (before, after) => Number((((after - before) / before) * 100).toFixed(1));
  const sign = (d) => (d > 0 ? `+${d}` : String(d));
  summary.history = {
    instances: history,
    seedSeconds: Math.round(h.seed.seconds),
    commandsPerSec: Math.round(h.service.commandsPerSec),
    commandsPerSecDeltaPct: delta(results.service.commandsPerSec, h.service.commandsPerSec),
    p99Ms: ms(h.halfPeak.p99),
    p99DeltaPct: delta(results.halfPeak.p99, h.halfPeak.p99),
    peakP99Ms: ms(h.service.p99),
    peakP99DeltaPct: delta(results.service.p99, h.service.p99),
    inboxP99BeforeMs: ms(h.inboxP99Before),
    inboxP99Ms: ms(h.inboxP99),
    rawTxPerSec: Math.round(h.raw),
    rawDeltaPct: delta(results.raw, h.raw),
  };
  const s = summary.history;
  // Target 5: throughput and latency within 10% of the empty database's.
  s.within10Pct = s.commandsPerSecDeltaPct >= -10 && s.p99DeltaPct <= 10;
  historyLine =
    `bench-history: history=${history} commands/s=${summary.commandsPerSec}->${s.commandsPerSec}(${sign(s.commandsPerSecDeltaPct)}%)` +
    ` p99_ms=${summary.p99Ms}->${s.p99Ms}(${sign(s.p99DeltaPct)}%) peak_p99_ms=${summary.peakP99Ms}->${s.peakP99Ms}(${sign(s.peakP99DeltaPct)}%)` +
    ` inbox_p99_ms=${s.inboxP99BeforeMs}->${s.inboxP99Ms} raw_tx/s=${summary.rawTxPerSec}->${s.rawTxPerSec}(${sign(s.rawDeltaPct)}%)` +
    ` within_10pct=${s.within10Pct ? 'yes' : 'no'} seed_s=${s.seedSeconds}`;
}
results.rawLatency = rawLatency;
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results', `${summary.at.replace(/[:.]/g, '-')}-${mode}.json`),
  JSON.stringify({ summary, results }, null, 2),
);
const m = results.memory;
log(
  `memory: Baton ${Object.entries(m.peakMb)
    .map(([role, mb]) => `${role === 'all' ? 'all-in-one' : role} process peak RSS ${mb} MB`)
    .join(', ')}` +
    (m.helperPeakMb ? ` (its initdb helper process ${m.helperPeakMb} MB, at first start)` : '') +
    `; bench process (load generator + service-path app) ${summary.benchProcessRssMb} MB`,
);
if (historyLine) console.log(historyLine);
console.log(
  `bench: mode=${mode} instances=${instances} commands/s=${summary.commandsPerSec} raw_tx/s=${summary.rawTxPerSec} ratio=${summary.ratio} p50_ms=${summary.p50Ms} p99_ms=${summary.p99Ms} inbox_p99_ms=${summary.inboxP99Ms} rss_mb=${summary.rssMb}`,
);
process.exit(0);
