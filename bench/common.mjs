// What the benchmarks share: the repo's paths and the API's `pg`, command-line
// options, a free port, sizes like 100k and 1M, percentiles, a throwaway
// database in the given cluster, and loading a large batch of rows fast.
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The benchmarks run from the repo root; they borrow the API's own packages.
export const requireApi = createRequire(path.join(root, 'apps/api/package.json'));
export const pg = requireApi('pg');

/** `flag('--x')`: whether it was given; `opt('--n', def)`: the word after it, or `def`. */
export function cli(args = process.argv.slice(2)) {
  return {
    flag: (name) => args.includes(name),
    opt: (name, def) => {
      const i = args.indexOf(name);
      return i >= 0 ? args[i + 1] : def;
    },
  };
}

/** A loopback port free right now (the OS picks it). */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** `1000`, `10k`, `1.5M` -> a number. */
export function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(String(s).trim());
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]]);
}

/** 1000000 -> `1M`, 10000 -> `10k`. */
export const sizeLabel = (n) =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);

/** `[prefix ...s]` progress lines, timed from `t0`. */
export function logger(prefix, t0 = Date.now()) {
  return (...a) => console.log(`[${prefix} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
}

/** The p-th percentile of ascending `sorted`. */
export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** n, p50, p90, p99 and max of `times` (ms, two decimals). */
export function summary(times) {
  const s = [...times].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p90: r(percentile(s, 90)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1]),
  };
}

/**
 * A new database `<prefix>_<random>` in the cluster of DATABASE_URL: its
 * url, and drop() (forced: the benchmark may leave connections behind).
 */
export async function createDatabase(prefix) {
  const adminUrl = process.env.DATABASE_URL;
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Runs `fill()` (INSERT ... SELECT statements on `db`, a pg.Client) in one
 * transaction made for a large load, then VACUUM (ANALYZE)s the tables, as
 * autovacuum would. With `rebuild`, the tables' indexes are dropped first
 * and built again at the end (a sort instead of millions of random B-tree
 * inserts), primary keys and unique ones too (checked when rebuilt), except
 * those a foreign key needs. When we may (superuser), the per-row
 * foreign-key triggers are off: the rows are consistent by construction.
 * Other sessions' reads of these tables wait until the commit (the drops
 * lock them).
 */
export async function bulkLoad(db, { tables, rebuild }, fill) {
  const t = performance.now();
  const [{ rolsuper }] = (
    await db.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)
  ).rows;
  await db.query('BEGIN');
  try {
    await db.query('SET LOCAL synchronous_commit = off');
    await db.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    if (rolsuper) await db.query(`SET LOCAL session_replication_role = replica`);
    // An index behind a constraint goes and comes back with the constraint.
    const indexes = rebuild
      ? (
          await db.query(
            `SELECT i.indexrelid::regclass AS name, i.indrelid::regclass AS tbl, con.conname,
                    pg_get_indexdef(i.indexrelid) AS def, pg_get_constraintdef(con.oid) AS condef
             FROM pg_index i
             LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype <> 'f'
             WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (
               SELECT 1 FROM pg_constraint fk WHERE fk.contype = 'f' AND fk.conindid = i.indexrelid)`,
            [tables],
          )
        ).rows
      : [];
    for (const ix of indexes)
      await db.query(
        ix.conname
          ? `ALTER TABLE ${ix.tbl} DROP CONSTRAINT ${ix.conname}`
          : `DROP INDEX ${ix.name}`,
      );
    await fill();
    for (const ix of indexes)
      await db.query(
        ix.conname ? `ALTER TABLE ${ix.tbl} ADD CONSTRAINT ${ix.conname} ${ix.condef}` : ix.def,
      );
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  }
  const seedSeconds = (performance.now() - t) / 1000;
  const tv = performance.now();
  for (const table of tables) await db.query(`VACUUM (ANALYZE) ${table}`);
  return { seedSeconds, vacuumSeconds: (performance.now() - tv) / 1000 };
}
