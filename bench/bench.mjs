// `pnpm bench` (docs/PERFORMANCE.md): the new-product-listing SOP run
// end to end by simulated users, once through the service layer and once over
// HTTP, beside the raw transition transaction through `pg` against the same
// database at the same concurrency. Server mode by default (PostgreSQL +
// Redis from scripts/bench.sh), `--embedded` for PGlite + the in-process queue.
//   node bench/bench.mjs [--embedded] [--quick] [--instances N] [--concurrency C]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { jsonClient } from './http.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const api = (p) => import(path.join(root, 'apps/api/dist', p));
// The bench runs from the repo root; it borrows the API's own `pg`.
const pg = createRequire(path.join(root, 'apps/api/package.json'))('pg');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const embedded = flag('--embedded');
const quick = flag('--quick');
const instances = opt('--instances', quick ? 150 : 2000);
const concurrency = opt('--concurrency', 8);
const mode = embedded ? 'embedded' : 'server';
const log = (...a) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const t0 = Date.now();

const { loadConfig } = await api('platform/config/config.js');
const { processRole } = await api('platform/process/process-role.js');
const { createHttpApp } = await api('bootstrap.js');
const { startEmbeddedPostgres } = await api('platform/database/embedded-postgres.js');
const { InstancesService } = await api('modules/runtime/instances.service.js');
const { TasksService } = await api('modules/runtime/tasks.service.js');
const { newProductListing } = await import(path.join(root, 'packages/templates/dist/index.js'));

let rssMax = 0;
const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage().rss)), 200);

// ---- database ----
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-'));
let dbUrl;
let embeddedPg;
let dropDb = async () => {};
if (embedded) {
  embeddedPg = await startEmbeddedPostgres({ dataDir, port: 0 });
  dbUrl = embeddedPg.url;
} else {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL)
    throw new Error('server mode needs DATABASE_URL and REDIS_URL (run through scripts/bench.sh)');
  const name = `baton_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(process.env.DATABASE_URL);
  u.pathname = `/${name}`;
  dbUrl = u.toString();
  dropDb = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}

const config = loadConfig({
  ...process.env,
  DATABASE_URL: dbUrl,
  REDIS_URL: embedded ? '' : process.env.REDIS_URL,
  BATON_DATA_DIR: dataDir,
  BATON_ADMIN_PASSWORD: 'bench-admin-pass',
  BATON_DEMO: '1',
  BATON_DEMO_PASSWORD: 'bench-demo-pass',
  BATON_QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
  BATON_LOGIN_MAX_ATTEMPTS: '1000',
  LOG_LEVEL: 'error',
});
const app = await createHttpApp({
  config,
  role: processRole(true, true),
  databaseUrl: dbUrl,
  embedded,
});
await app.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.getHttpServer().address().port}`;
log(`mode=${mode} instances=${instances} concurrency=${concurrency} at ${base}`);

const http = jsonClient(base);
const login = async (u, pw = 'bench-demo-pass') =>
  (await http('POST', '/api/auth/login', undefined, { username: u, password: pw })).accessToken;
const adminToken = await login('admin', 'bench-admin-pass');
await http('POST', '/api/processes', adminToken, newProductListing.definition);
await http('POST', '/api/processes/new-product-listing/publish', adminToken);
const users = Object.fromEntries(
  (await http('GET', '/api/users', adminToken)).map((u) => [u.username, u]),
);
const who = (u) => ({ id: users[u].id, username: u, roles: users[u].roles });
const tokens = Object.fromEntries(
  await Promise.all(
    ['pm', 'opsdir', 'design', 'warehouse', 'opsspec'].map(async (u) => [u, await login(u)]),
  ),
);

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

/** One instance through the SOP; `act` returns after the transition is applied. */
async function runInstance(driver, latencies) {
  // Each answer carries the instance as it now is: the next person's task
  // id comes from it (the inbox read is measured on its own, below).
  let view = await driver.start();
  for (const [user, nodeId, body] of steps) {
    const task = view.tasks.find((t) => t.nodeId === nodeId && t.status === 'open');
    if (!task) throw new Error(`no open task at ${nodeId}: ${JSON.stringify(view.activeNodes)}`);
    const t = performance.now();
    const res = await driver.act(user, task.id, body);
    latencies.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`act ${nodeId}: ${res.status}`);
    view = res.body.instance;
  }
}

const instancesSvc = app.get(InstancesService);
const tasksSvc = app.get(TasksService);
const serviceDriver = {
  start: async () =>
    (await instancesSvc.start('new-product-listing', { data: form }, who('pm'))).body,
  act: (user, taskId, body) => tasksSvc.act(taskId, body, who(user)),
};
const httpDriver = {
  start: () =>
    http('POST', '/api/processes/new-product-listing/instances', tokens.pm, { data: form }),
  act: async (user, taskId, body) => ({
    status: 200,
    body: await http('POST', `/api/tasks/${taskId}/actions`, tokens[user], body),
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

/** Committed transactions in the bench database so far (each autocommit statement is one). */
async function commits() {
  try {
    const c = new pg.Client({ connectionString: dbUrl });
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

async function measure(label, driver, n) {
  const latencies = [];
  const commits0 = await commits();
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  await pool(n, concurrency, () => runInstance(driver, latencies));
  const secs = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const commands = n * (1 + steps.length);
  const commitsPerCommand = ((await commits()) - commits0) / commands;
  const cpuMsPerCommand = (cpu.user + cpu.system) / 1000 / commands;
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const r = {
    label,
    instances: n,
    commands,
    seconds: secs,
    commandsPerSec: commands / secs,
    p50: pct(50),
    p99: pct(99),
    cpuMsPerCommand,
    commitsPerCommand,
  };
  log(
    `${label}: ${r.commandsPerSec.toFixed(0)} commands/s, action p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms; ` +
      `Baton process CPU ${cpuMsPerCommand.toFixed(2)} ms and ${commitsPerCommand.toFixed(1)} database commits per command`,
  );
  return r;
}

/** The raw transition transaction (BEGIN; 2 UPDATE; 3 INSERT; COMMIT) through pg at the same concurrency. */
async function rawBaseline(n) {
  const p = new pg.Pool({ connectionString: dbUrl, max: embedded ? 4 : concurrency });
  await p.query(`CREATE TABLE IF NOT EXISTS bench_state (id int PRIMARY KEY, state jsonb, n int)`);
  await p.query(
    `CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, k int, payload jsonb)`,
  );
  await p.query(
    `INSERT INTO bench_state SELECT g, '{}'::jsonb, 0 FROM generate_series(1, $1) g ON CONFLICT DO NOTHING`,
    [concurrency * 4],
  );
  const payload = JSON.stringify({ state: 'x'.repeat(800) });
  const t = performance.now();
  let i = 0;
  await pool(n, concurrency, async () => {
    const k = (i++ % (concurrency * 4)) + 1;
    const c = await p.connect();
    try {
      await c.query('BEGIN');
      await c.query('UPDATE bench_state SET state = $2, n = n + 1 WHERE id = $1', [k, payload]);
      await c.query('UPDATE bench_state SET n = n + 1 WHERE id = $1', [k]);
      await c.query('INSERT INTO bench_rows (k, payload) VALUES ($1, $2)', [k, payload]);
      await c.query('INSERT INTO bench_rows (k, payload) VALUES ($1, $2)', [k, '{}']);
      await c.query('INSERT INTO bench_rows (k, payload) VALUES ($1, $2)', [k, '{}']);
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  });
  const rate = n / ((performance.now() - t) / 1000);
  await p.end();
  log(`raw transition tx: ${rate.toFixed(0)} tx/s`);
  return rate;
}

async function inboxP99() {
  const times = [];
  for (let i = 0; i < (quick ? 100 : 300); i++) {
    const t = performance.now();
    await http('GET', '/api/tasks?status=done&pageSize=20', tokens.opsdir);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.99)];
}

const results = {};
try {
  results.raw = await rawBaseline(quick ? 2000 : 10000);
  results.service = await measure('service path', serviceDriver, instances);
  results.http = await measure('http path', httpDriver, Math.max(20, Math.round(instances / 2)));
  results.inboxP99 = await inboxP99();
} finally {
  clearInterval(rssTimer);
  await app.close();
  await embeddedPg?.stop();
  await dropDb().catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const ratio = results.service.commandsPerSec / results.raw;
const summary = {
  mode,
  instances,
  concurrency,
  commandsPerSec: Math.round(results.service.commandsPerSec),
  httpCommandsPerSec: Math.round(results.http.commandsPerSec),
  rawTxPerSec: Math.round(results.raw),
  ratio: Number(ratio.toFixed(3)),
  p50Ms: Number(results.service.p50.toFixed(1)),
  p99Ms: Number(results.service.p99.toFixed(1)),
  httpP99Ms: Number(results.http.p99.toFixed(1)),
  inboxP99Ms: Number(results.inboxP99.toFixed(1)),
  rssMb: Math.round(rssMax / 1048576),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 1073741824)} GiB, node ${process.version}`,
  at: new Date().toISOString(),
};
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench/results', `${summary.at.replace(/[:.]/g, '-')}-${mode}.json`),
  JSON.stringify({ summary, results }, null, 2),
);
console.log(
  `bench: mode=${mode} instances=${instances} commands/s=${summary.commandsPerSec} raw_tx/s=${summary.rawTxPerSec} ratio=${summary.ratio} p50_ms=${summary.p50Ms} p99_ms=${summary.p99Ms} inbox_p99_ms=${summary.inboxP99Ms} rss_mb=${summary.rssMb}`,
);
process.exit(0);
