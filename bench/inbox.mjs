// `pnpm bench:inbox` (docs/PERFORMANCE.md target 3): the inbox at scale.
// Against PostgreSQL + Redis from scripts/bench.sh (the same loopback servers
// as the tests), it starts the built API in server mode (apps/api/dist/main.js,
// which creates the schema through its migrations), seeds 10k users and then
// grows the tasks table 10k -> 100k -> 1M with generate_series, and at each
// size measures GET /api/tasks over HTTP as many different users: the to-do
// tab, the done tab, a text search and a process filter. It ends with
//   bench-inbox: tasks=10k p50_ms=.. p99_ms=.. | tasks=100k ... | tasks=1M ...
// and writes bench/results/inbox-<time>.json (latencies, seed times, table
// sizes and the EXPLAIN (ANALYZE, BUFFERS) of the listing queries).
//   node bench/inbox.mjs [--sizes 10k,100k,1M] [--users 10000] [--requests 400]
//                        [--concurrency 1] [--explain] [--keep]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { jsonClient } from './http.mjs';
import {
  bulkLoad,
  cli,
  createDatabase,
  freePort,
  logger,
  parseSize,
  pg,
  requireApi,
  root,
  sizeLabel as label,
  summary,
} from './common.mjs';

const bcrypt = requireApi('bcryptjs');
const { TEMPLATES } = await import(path.join(root, 'packages/templates/dist/index.js'));

const { flag, opt } = cli();
const sizes = opt('--sizes', '10k,100k,1M').split(',').map(parseSize);
const userCount = parseSize(opt('--users', '10000'));
const requests = Number(opt('--requests', 400));
const concurrency = Number(opt('--concurrency', 1));
const printPlans = flag('--explain');
const keep = flag('--keep');
const PASSWORD = 'bench-inbox-pass';

const t0 = Date.now();
const log = logger('bench-inbox', t0);

if (!process.env.DATABASE_URL || !process.env.REDIS_URL)
  throw new Error('needs DATABASE_URL and REDIS_URL (run through `pnpm bench:inbox`)');

// ---- a database of its own in the given cluster ----
const database = await createDatabase('baton_inbox');
const { name: dbName, url: dbUrl } = database;
const db = new pg.Client({ connectionString: dbUrl });
await db.connect();

// ---- the API: built dist, server mode, its own process ----
const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-inbox-'));
const apiLog = path.join(dataDir, 'api.log');
const apiOut = fs.openSync(apiLog, 'a');
const apiProc = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    BATON_DATA_DIR: dataDir,
    BATON_ADMIN_PASSWORD: PASSWORD,
    BATON_QUEUE_PREFIX: `inbox${randomBytes(3).toString('hex')}`,
    BATON_LOGIN_MAX_ATTEMPTS: '100000',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', apiOut, apiOut],
});
let apiExited = false;
let stopping = false;
apiProc.on('exit', (code) => {
  apiExited = true;
  if (!stopping) {
    console.error(
      `the API exited (${code}); its log:\n${fs.readFileSync(apiLog, 'utf8').slice(-4000)}`,
    );
    process.exit(1);
  }
});
async function cleanup() {
  stopping = true;
  if (!apiExited) {
    apiProc.kill('SIGTERM');
    await new Promise((r) => (apiExited ? r() : apiProc.once('exit', r)));
  }
  await db.end().catch(() => {});
  if (!keep) {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  } else log(`kept database ${dbUrl}`);
}

const base = `http://127.0.0.1:${port}`;

const http = jsonClient(base);
const b64url = (v) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
/** An HS256 access token as TokenService.sign makes it. */
function signToken(secret, user) {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: user.id, username: user.username, roles: user.roles, iat: now, exp: now + 12 * 3600 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
const login = async (username) =>
  (await http('POST', '/api/auth/login', undefined, { username, password: PASSWORD })).accessToken;

// Work nodes (approval and task) of each process: where seeded tasks sit.
// Weights: refunds and ad spend are daily traffic, livestreams rare.
const WEIGHTS = {
  refund: 35,
  'new-product-listing': 20,
  'ad-spend': 15,
  leave: 15,
  'design-work-order': 10,
  's-level-livestream': 5,
};
const procs = TEMPLATES.map((t, i) => ({
  idx: i,
  key: t.definition.key,
  name: t.definition.name,
  weight: WEIGHTS[t.definition.key] ?? 5,
  nodes: t.definition.graph.nodes.filter((n) => n.type === 'approval' || n.type === 'task'),
}));

// ---- users: 10k, in departments, with roles; classes by how much work lands on them ----
// top: a few central approvers (finance, GM, the ops director) - 5% of all tasks on 5 users;
// hot: approvers of every team - 20% on 95; lead: team leads and specialists - 40% on 900;
// staff: everyone else - 35% on the rest. At 1M tasks a lead has ~40 open and ~400 done.
const CLASSES = [
  { name: 'top', count: 5, share: 0.05 },
  { name: 'hot', count: 95, share: 0.2 },
  { name: 'lead', count: 900, share: 0.4 },
  { name: 'staff', count: userCount - 1000, share: 0.35 },
];
{
  let start = 1;
  let acc = 0;
  for (const c of CLASSES) {
    c.start = start;
    start += c.count;
    acc += c.share;
    c.cum = acc;
  }
  if (userCount < 1100) throw new Error('--users must be at least 1100');
}
const FUNCTIONS = [
  ['ops', '运营部 Operations', ['operations_specialist'], ['operations_director']],
  ['product', '产品部 Product', ['product_manager'], ['product_manager']],
  [
    'design',
    '设计部 Design',
    ['graphic_designer', 'designer'],
    ['design_lead', 'graphic_designer'],
  ],
  ['warehouse', '仓储部 Warehouse', ['warehouse'], ['warehouse']],
  ['cs', '客服部 Customer service', ['customer_service'], ['cs_lead']],
  ['finance', '财务部 Finance', ['finance'], ['finance']],
  ['hr', '人事部 HR', ['hr'], ['hr']],
  ['live', '直播部 Livestream', ['live_host'], ['live_host']],
];
const TEAMS = 6; // per function: 8 x 6 = 48 teams under 8 departments under head office

async function seedUsers() {
  const t = performance.now();
  const hash = bcrypt.hashSync(PASSWORD, 10);
  const fn = JSON.stringify(
    FUNCTIONS.map(([key, name, staff, lead], i) => ({ i, key, name, staff, lead })),
  );
  await db.query('BEGIN');
  await db.query(
    `CREATE TABLE bench_functions AS
    SELECT (f->>'i')::int AS i, f->>'key' AS key, f->>'name' AS name,
           ARRAY(SELECT jsonb_array_elements_text(f->'staff')) AS staff_roles,
           ARRAY(SELECT jsonb_array_elements_text(f->'lead')) AS lead_roles
    FROM jsonb_array_elements($1::jsonb) f`,
    [fn],
  );
  await db.query(
    `INSERT INTO departments (id, name) VALUES (md5('dept-hq')::uuid, '总部 Head office (bench)')`,
  );
  await db.query(`INSERT INTO departments (id, name, parent_id)
    SELECT md5('dept-' || i)::uuid, name, md5('dept-hq')::uuid FROM bench_functions`);
  await db.query(`INSERT INTO departments (id, name, parent_id)
    SELECT md5('team-' || f.i || '-' || t)::uuid, f.name || ' · ' || t || '组', md5('dept-' || f.i)::uuid
    FROM bench_functions f, generate_series(1, ${TEAMS}) t`);
  // User n: id md5('u'||n), username u00001.., function n % 8, team (n / 8) % TEAMS.
  await db.query(
    `INSERT INTO users (id, username, password_hash, display_name, roles, department_id)
     SELECT md5('u' || n)::uuid, 'u' || lpad(n::text, 5, '0'), $1,
            '用户' || n || ' (' || f.key || ')',
            CASE WHEN n = 1 THEN ARRAY['general_manager'] || f.lead_roles
                 WHEN n <= $2 THEN f.lead_roles ELSE f.staff_roles END,
            md5('team-' || f.i || '-' || ((n / 8) % ${TEAMS} + 1))::uuid
     FROM generate_series(1, $3) n JOIN bench_functions f ON f.i = n % 8`,
    [hash, CLASSES[2].start + CLASSES[2].count - 1, userCount],
  );
  // Heads: the lowest-numbered user of each team and department.
  await db.query(`UPDATE departments d SET head_id = h.id FROM (
      SELECT DISTINCT ON (department_id) department_id, id FROM users WHERE username LIKE 'u%'
      ORDER BY department_id, username) h WHERE d.id = h.department_id`);
  await db.query(`UPDATE departments d SET head_id = md5('u' || (8 + f.i))::uuid FROM bench_functions f
    WHERE d.id = md5('dept-' || f.i)::uuid`);
  await db.query(
    `UPDATE departments SET head_id = md5('u1')::uuid WHERE id = md5('dept-hq')::uuid`,
  );
  await db.query('DROP TABLE bench_functions');
  await db.query('COMMIT');
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM users`)).rows;
  log(
    `seeded ${n} users in ${8 * TEAMS + 9} departments in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

// The process catalogue as tables the seeding SQL joins (dropped at the end).
async function seedCatalogue() {
  let acc = 0;
  const total = procs.reduce((s, p) => s + p.weight, 0);
  const rows = procs.map((p) => {
    const lo = acc / total;
    acc += p.weight;
    return { idx: p.idx, key: p.key, name: p.name, lo, hi: acc / total, nnodes: p.nodes.length };
  });
  rows[rows.length - 1].hi = 1.0000001;
  await db.query(
    `CREATE TABLE bench_procs AS SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS p(idx int, key text, name text, lo float8, hi float8, nnodes int)`,
    [JSON.stringify(rows)],
  );
  const nodes = procs.flatMap((p) =>
    p.nodes.map((n, pos) => ({ key: p.key, pos, node_id: n.id, node_name: n.name, kind: n.type })),
  );
  await db.query(
    `CREATE TABLE bench_nodes AS SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS n(key text, pos int, node_id text, node_name text, kind text)`,
    [JSON.stringify(nodes)],
  );
  await db.query(`CREATE UNIQUE INDEX ON bench_nodes (key, pos)`);
}

// A user of the class a uniform r in [0,1) falls in, uniformly within it.
const assigneeSql = (r) => {
  const parts = CLASSES.map((c, i) => {
    const lo = i ? CLASSES[i - 1].cum : 0;
    return `WHEN ${r} < ${i === CLASSES.length - 1 ? 2 : c.cum} THEN ${c.start} + floor((${r} - ${lo}) / ${c.share} * ${c.count})::int`;
  });
  return `md5('u' || LEAST(${userCount}, CASE ${parts.join(' ')} END))::uuid`;
};

const TASKS_PER_INSTANCE = 5;
/**
 * Grows instances and tasks to `target` tasks: instances of the weighted
 * processes, 30% still running (their last one or two tasks open), the rest
 * finished; each instance's 5 tasks walk its work nodes, each on a user drawn
 * from the classes above, created over the past year (running ones in the
 * last two weeks), done ones completed within two days.
 */
async function growTo(from, target) {
  const i0 = from / TASKS_PER_INSTANCE;
  const i1 = target / TASKS_PER_INSTANCE;
  const times = await bulkLoad(
    db,
    { tables: ['instances', 'tasks'], rebuild: target - from >= from },
    () => insertInstances(i0, i1),
  );
  log(
    `grew to ${label(target)} tasks (${(i1 - i0).toLocaleString('en')} new instances) in ${times.seedSeconds.toFixed(1)} s, VACUUM ANALYZE ${times.vacuumSeconds.toFixed(1)} s`,
  );
  return times;
}

async function insertInstances(i0, i1) {
  await db.query(`CREATE TEMP TABLE new_inst ON COMMIT DROP AS
    SELECT g.n, md5('i' || g.n)::uuid AS id, p.key, p.name, p.nnodes AS nodes,
           md5('u' || ini)::uuid AS initiator, 'u' || lpad(ini::text, 5, '0') AS initiator_name,
           running,
           CASE WHEN running THEN now() - interval '1 day' - random() * interval '13 days'
                ELSE now() - interval '14 days' - random() * interval '351 days' END AS started_at,
           CASE WHEN running THEN 'running' WHEN random() < 0.1 THEN 'rejected' ELSE 'completed' END AS status
    FROM (SELECT n, random() AS r, random() < 0.3 AS running,
                 ${CLASSES[2].start} + floor(random() * ${userCount - CLASSES[2].start + 1})::int AS ini
          FROM generate_series(${i0 + 1}, ${i1}) n) g
    JOIN bench_procs p ON g.r >= p.lo AND g.r < p.hi`);
  await db.query(`INSERT INTO instances (id, process_key, version, title, status, initiator_id, state, event_seq, started_at, ended_at, updated_at)
    SELECT id, key, 1, name || ' · ' || initiator_name, status, initiator,
           jsonb_build_object(
             'schemaVersion', 1, 'status', status, 'initiatorId', initiator,
             'data', jsonb_build_object('title', '压测单据 ' || n, 'amount', n % 9973, 'reason', '批量数据'),
             'startedAt', started_at, 'endedAt', CASE WHEN running THEN NULL ELSE started_at + interval '3 days' END,
             'endedBy', CASE WHEN running THEN NULL ELSE jsonb_build_object('reason', 'end') END,
             'activations', '[]'::jsonb, 'tasks', '[]'::jsonb, 'timers', '[]'::jsonb, 'incidents', '[]'::jsonb,
             'rounds', '{}'::jsonb, 'history', '[]'::jsonb, 'approvedBy', '[]'::jsonb,
             'counters', jsonb_build_object('actions', 5, 'transitions', 8)),
           12, started_at, CASE WHEN running THEN NULL ELSE started_at + interval '3 days' END,
           started_at + interval '3 days'
    FROM new_inst`);
  await db.query(`INSERT INTO tasks (id, instance_id, process_key, node_id, node_name, kind, title, assignee_id, status, action, created_at, due_at, warn_at, completed_at)
    SELECT 'task_' || md5('t' || (i.n * ${TASKS_PER_INSTANCE} + k))::uuid, i.id, i.key, nd.node_id, nd.node_name, nd.kind,
           i.name || ' · ' || i.initiator_name, ${assigneeSql('x.r')}, x.status,
           CASE WHEN x.status <> 'done' THEN NULL WHEN nd.kind = 'task' THEN 'submit'
                WHEN x.r2 < 0.05 THEN 'reject' ELSE 'approve' END,
           x.created_at,
           CASE WHEN x.r2 < 0.8 THEN x.created_at + interval '1 day' END,
           CASE WHEN x.r2 < 0.8 THEN x.created_at + interval '20 hours' END,
           CASE WHEN x.status = 'open' THEN NULL ELSE x.created_at + x.r2 * interval '2 days' END
    FROM new_inst i
    CROSS JOIN generate_series(0, ${TASKS_PER_INSTANCE - 1}) k
    CROSS JOIN LATERAL (SELECT random() AS r, random() AS r2,
        CASE WHEN i.running AND (k = ${TASKS_PER_INSTANCE - 1} OR (k = ${TASKS_PER_INSTANCE - 2} AND random() < 0.5)) THEN 'open'
             WHEN random() < 0.02 THEN 'cancelled' ELSE 'done' END AS status,
        i.started_at + k * interval '5 hours' + random() * interval '4 hours' AS created_at) x
    JOIN bench_nodes nd ON nd.key = i.key AND nd.pos = k % i.nodes`);
}

// ---- measuring ----
// Sample users across the classes; the same ones at every size.
const SAMPLE = { top: 5, hot: 25, lead: 40, staff: 50 };
const sampleUsers = CLASSES.flatMap((c) => {
  const k = Math.min(SAMPLE[c.name], c.count);
  return Array.from({ length: k }, (_, j) => ({
    cls: c.name,
    n: c.start + Math.floor((j * c.count) / k),
  })).map((u) => ({ ...u, username: `u${String(u.n).padStart(5, '0')}` }));
});

const searchTerm = (u) => `u0${(u.n % 9) + 1}0`;
const SCENARIOS = [
  {
    name: 'todo',
    path: () => '/api/tasks?status=open&pageSize=20',
    query: (u) => inboxQueries(u.id, 'open'),
  },
  {
    name: 'done',
    path: () => '/api/tasks?status=done&pageSize=20',
    query: (u) => inboxQueries(u.id, 'done'),
  },
  // A search from the inbox's search box: few hits, so every task of the tab is looked at.
  {
    name: 'search',
    path: (u) => `/api/tasks?status=done&pageSize=20&q=${searchTerm(u)}`,
    query: (u) => inboxQueries(u.id, 'done', { q: searchTerm(u) }),
  },
  {
    name: 'filter',
    path: () => '/api/tasks?status=open&pageSize=20&processKey=refund',
    query: (u) => inboxQueries(u.id, 'open', { processKey: 'refund' }),
  },
];

async function timed(list, fn) {
  let next = 0;
  const times = new Array(list.length);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < list.length) {
        const i = next++;
        const t = performance.now();
        await fn(list[i]);
        times[i] = performance.now() - t;
      }
    }),
  );
  return times;
}

/**
 * The answers are right, not only fast: for some users, tabs, filters and
 * pages (a short one and one past the end), GET /api/tasks gives the total
 * and the ids a plain count and ORDER BY give.
 */
async function verify() {
  const users = sampleUsers.filter((_, i) => i % 12 === 0);
  let checked = 0;
  for (const u of users) {
    for (const [status, extra] of [
      ['open', {}],
      ['done', {}],
      ['done', { q: searchTerm(u) }],
      ['open', { processKey: 'refund' }],
    ]) {
      const params = [u.id, status];
      let where = `assignee_id = $1 AND status = $2`;
      if (extra.processKey) where += ` AND process_key = $${params.push(extra.processKey)}`;
      if (extra.q)
        where += ` AND (title ILIKE $${params.push(`%${extra.q}%`)} OR node_name ILIKE $${params.length})`;
      const order = status === 'open' ? 'created_at DESC, id' : 'completed_at DESC NULLS LAST, id';
      const all = (
        await db.query(`SELECT id FROM tasks WHERE ${where} ORDER BY ${order}`, params)
      ).rows.map((r) => r.id);
      const last = Math.max(1, Math.ceil(all.length / 20));
      for (const page of new Set([1, 2, last, last + 1])) {
        const qs = new URLSearchParams({ status, pageSize: '20', page: String(page), ...extra });
        const r = await http('GET', `/api/tasks?${qs}`, u.token);
        const want = all.slice((page - 1) * 20, page * 20);
        const got = r.items.map((t) => t.id);
        if (r.total !== all.length || JSON.stringify(got) !== JSON.stringify(want))
          throw new Error(
            `wrong inbox for ${u.username} ${qs}: total ${r.total} (want ${all.length}), ids ${got.length} (want ${want.length}) ${JSON.stringify(got) === JSON.stringify(want) ? 'same' : 'differ'}`,
          );
        checked++;
      }
    }
  }
  log(`  verified ${checked} pages against plain SQL (totals and order)`);
}

async function measure() {
  const out = { scenarios: {}, byClass: {} };
  // The floor: /api/health (SELECT 1 and a Redis ping) through the same stack.
  const health = Array.from({ length: 200 }, () => null);
  await timed(health.slice(0, 50), () => http('GET', '/api/health'));
  out.health = summary(await timed(health, () => http('GET', '/api/health')));
  const all = [];
  for (const sc of SCENARIOS) {
    // Warm-up: every sample user once (connections, plan caches, pages).
    await timed(sampleUsers, (u) => http('GET', sc.path(u), u.token));
    const reqs = Array.from({ length: requests }, (_, i) => sampleUsers[i % sampleUsers.length]);
    const totals = [];
    const times = await timed(reqs, async (u) => {
      const r = await http('GET', sc.path(u), u.token);
      totals.push(r.total);
    });
    all.push(...times);
    const byClass = {};
    reqs.forEach((u, i) => (byClass[u.cls] ??= []).push(times[i]));
    out.scenarios[sc.name] = {
      ...summary(times),
      byClass: Object.fromEntries(Object.entries(byClass).map(([k, v]) => [k, summary(v).p99])),
      maxTotal: Math.max(...totals),
    };
    const s = out.scenarios[sc.name];
    log(
      `  ${sc.name.padEnd(6)} p50 ${s.p50} ms p99 ${s.p99} ms max ${s.max} ms (p99 by class ${Object.entries(
        s.byClass,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; largest total ${s.maxTotal})`,
    );
  }
  Object.assign(out, summary(all));
  // The same queries straight through `pg` (no HTTP, no Nest): the database's share.
  out.sql = {};
  const sqlAll = [];
  for (const sc of SCENARIOS) {
    const reqs = Array.from({ length: requests }, (_, i) => sampleUsers[i % sampleUsers.length]);
    await timed(sampleUsers, (u) => runInbox(sc.query(u)));
    const times = await timed(reqs, (u) => runInbox(sc.query(u)));
    sqlAll.push(...times);
    out.sql[sc.name] = summary(times);
  }
  out.sql.all = summary(sqlAll);
  log(
    `  sql    ${SCENARIOS.map((sc) => `${sc.name} p50 ${out.sql[sc.name].p50} p99 ${out.sql[sc.name].p99}`).join(' | ')} (ms, count + page through pg)`,
  );
  return out;
}

async function runInbox([list, count]) {
  const { rows } = await db.query(list[0], list[1]);
  if (rows.length === 20) await db.query(count[0], count[1]);
}

// The listing queries as TasksService.inbox runs them (keep in step with it),
// for EXPLAIN and for timing the database's share: page first, then the
// count unless the page was short.
function inboxQueries(userId, status, extra = {}) {
  const params = [userId];
  let where = `assignee_id = $1 AND status = '${status}'`;
  if (extra.processKey) {
    params.push(extra.processKey);
    where += ` AND process_key = $${params.length}`;
  }
  if (extra.q) {
    params.push(`%${extra.q}%`);
    where += ` AND (title ILIKE $${params.length} OR node_name ILIKE $${params.length})`;
  }
  const order = status === 'open' ? 'created_at DESC, id' : 'completed_at DESC NULLS LAST, id';
  const limit = 'LIMIT 20 OFFSET 0';
  return [
    [
      extra.q || extra.processKey
        ? `SELECT t.* FROM tasks t JOIN (SELECT id FROM tasks WHERE ${where} ORDER BY ${order} ${limit}) p USING (id) ORDER BY ${order}`
        : `SELECT * FROM tasks WHERE ${where} ORDER BY ${order} ${limit}`,
      params,
    ],
    [`SELECT count(*)::int AS total FROM tasks WHERE ${where}`, params],
  ];
}

async function explainAll() {
  const top = sampleUsers.find((u) => u.cls === 'top');
  const lead = sampleUsers.find((u) => u.cls === 'lead');
  const cases = [
    ['todo', top, 'open', {}],
    ['done', top, 'done', {}],
    ['search', top, 'done', { q: searchTerm(top) }],
    ['filter', top, 'open', { processKey: 'refund' }],
    ['done-lead', lead, 'done', {}],
  ];
  const plans = {};
  for (const [name, u, status, extra] of cases) {
    const [list, count] = inboxQueries(u.id, status, extra);
    for (const [part, [sql, params]] of [
      ['list', list],
      ['count', count],
    ]) {
      const rows = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map(
        (r) => r['QUERY PLAN'],
      );
      const time = rows
        .find((l) => l.startsWith('Execution Time'))
        ?.replace('Execution Time: ', '');
      // Pages touched (the first Buffers line is the whole plan's): steadier than time on a busy machine.
      const buf = /hit=(\d+)(?: read=(\d+))?/.exec(
        rows.find((l) => l.trim().startsWith('Buffers:')) ?? '',
      );
      const pages = buf ? Number(buf[1]) + Number(buf[2] ?? 0) : 0;
      const scans = rows
        .filter((l) => /Scan|Sort /.test(l) && !/Sort (Key|Method)/.test(l))
        .map((l) =>
          l
            .trim()
            .replace(/^->\s*/, '')
            .replace(/\s+\(cost.*$/, ''),
        );
      log(
        `  explain ${`${name}/${part}`.padEnd(16)} ${time.padStart(9)} ${String(pages).padStart(5)} pages — ${scans.join(' / ')}`,
      );
      plans[`${name}/${part}`] = { ms: parseFloat(time), pages, plan: rows };
      if (printPlans) console.log(rows.map((l) => `      ${l}`).join('\n'));
    }
  }
  return plans;
}

async function tableSizes() {
  const { rows } = await db.query(`SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes
    FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
    WHERE ns.nspname = 'public' AND (c.relname = 'tasks' OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'tasks'::regclass))
    ORDER BY c.relname`);
  return Object.fromEntries(rows.map((r) => [r.name, Math.round(Number(r.bytes) / 1048576)]));
}

// ---- run ----
const result = {
  kind: 'inbox',
  at: new Date().toISOString(),
  machine: {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadavg: os.loadavg(),
  },
  options: { sizes, users: userCount, requests, concurrency, pageSize: 20 },
  indexes: [],
  sizes: [],
};
try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (i > 600) throw new Error(`the API did not start; see ${apiLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`API (dist/main.js, server mode) on ${base}, database ${dbName}`);
  result.machine.postgres = (await db.query('SHOW server_version')).rows[0].server_version;
  result.machine.shared_buffers = (await db.query('SHOW shared_buffers')).rows[0].shared_buffers;
  result.machine.redis = (() => {
    try {
      return execFileSync(process.env.BATON_REDIS_SERVER || 'redis-server', ['--version'])
        .toString()
        .trim();
    } catch {
      return undefined;
    }
  })();
  result.indexes = (
    await db.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'tasks' ORDER BY indexname`)
  ).rows.map((r) => r.indexdef);
  log(`tasks indexes:\n${result.indexes.map((d) => `    ${d}`).join('\n')}`);
  await seedUsers();
  // Every built-in template, published over HTTP (publishing checks that its roles exist).
  const adminToken = await login('admin');
  for (const t of TEMPLATES) {
    await http('POST', '/api/processes', adminToken, t.definition);
    await http('POST', `/api/processes/${t.definition.key}/publish`, adminToken);
  }
  log(
    `published ${TEMPLATES.length} processes: ${TEMPLATES.map((t) => t.definition.key).join(', ')}`,
  );
  await seedCatalogue();
  // Tokens for the sample users: a few signed in over HTTP (bcrypt makes each
  // sign-in cost ~100-200 ms here), the rest signed like TokenService does
  // with the installation's secret, and checked with GET /api/me.
  const ids = (
    await db.query(`SELECT id, username, roles FROM users WHERE username = ANY($1)`, [
      sampleUsers.map((u) => u.username),
    ])
  ).rows;
  const [{ value: secret }] = (
    await db.query(`SELECT value FROM system_settings WHERE key = 'jwt_secret'`)
  ).rows;
  for (const [i, u] of sampleUsers.entries()) {
    const row = ids.find((r) => r.username === u.username);
    u.id = row.id;
    u.token = i % 20 === 0 ? await login(u.username) : signToken(secret, row);
    const me = await http('GET', '/api/me', u.token);
    if (me.id !== u.id) throw new Error(`token of ${u.username} is not accepted`);
  }
  log(
    `signed in ${sampleUsers.length} sample users (${Object.entries(SAMPLE)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')})`,
  );

  let have = 0;
  for (const size of sizes) {
    const target = Math.ceil(size / TASKS_PER_INSTANCE) * TASKS_PER_INSTANCE;
    const grown = await growTo(have, target);
    have = target;
    const counts = (
      await db.query(`SELECT status, count(*)::int AS n FROM tasks GROUP BY status ORDER BY status`)
    ).rows;
    const perUser = (
      await db.query(`SELECT
        percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FILTER (WHERE status = 'open') AS open_median,
        max(n) FILTER (WHERE status = 'open') AS open_max,
        percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FILTER (WHERE status = 'done') AS done_median,
        max(n) FILTER (WHERE status = 'done') AS done_max
      FROM (SELECT assignee_id, status, count(*) AS n FROM tasks GROUP BY 1, 2) s`)
    ).rows[0];
    log(
      `tasks=${label(target)}: ${counts.map((c) => `${c.n} ${c.status}`).join(', ')}; per user with any: open median ${perUser.open_median} max ${perUser.open_max}, done median ${perUser.done_median} max ${perUser.done_max}`,
    );
    log(
      `measuring GET /api/tasks: ${SCENARIOS.length} scenarios x ${requests} requests over ${sampleUsers.length} users, concurrency ${concurrency}`,
    );
    await verify();
    const m = await measure();
    log(
      `tasks=${label(target)}: HTTP all scenarios p50 ${m.p50} ms p99 ${m.p99} ms (floor /api/health p50 ${m.health.p50} p99 ${m.health.p99}); sql p50 ${m.sql.all.p50} p99 ${m.sql.all.p99}; load ${os.loadavg()[0].toFixed(1)}`,
    );
    const plans = await explainAll();
    result.sizes.push({
      tasks: target,
      label: label(target),
      counts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
      perUser,
      ...grown,
      relationMiB: await tableSizes(),
      ...m,
      plans,
    });
  }
  await db.query('DROP TABLE bench_procs, bench_nodes');
} finally {
  await cleanup();
}

result.seconds = (Date.now() - t0) / 1000;
const dir = path.join(root, 'bench/results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `inbox-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify(result, null, 2));
log(`wrote ${path.relative(root, file)}`);
console.log(
  `bench-inbox: ${result.sizes.map((s) => `tasks=${s.label} p50_ms=${s.p50} p99_ms=${s.p99} sql_p99_ms=${s.sql.all.p99}`).join(' | ')}`,
);
process.exit(0);
