// `pnpm bench --history N` (docs/PERFORMANCE.md target 5: cost does not grow
// with history): N finished instances seeded straight in SQL, so the same
// workload can be measured again beside them.
//
// A history instance is a copy of one the run itself has just finished (the
// new-product-listing workload, cycled), with every row it left behind:
// the instance, its tasks, commands, audit events, notifications, timers,
// incidents and outbox rows. Copies get ids of their own, are dated back
// over the past year, and belong to other people: each user id becomes one
// of PEOPLE stand-ins per user (ids with no users row, so no role resolves
// to them and the engine never assigns the workload's new tasks to them; the
// bench users' own inboxes stay as they were: the inbox at scale is
// bench/inbox.mjs). The state JSON of a copy is its template's verbatim:
// nothing reads a finished instance's state on the measured paths.
// Columns are read from the catalogue, so a column a later migration adds
// is copied as it is.
import { bulkLoad, sizeLabel } from './common.mjs';

const PEOPLE = 1000;
const BATCH = 50_000;
/** The tables with an instance's rows, and how a template's rows are found. */
const TABLES = {
  instances: `x.id = t.id`,
  tasks: `x.instance_id = t.id`,
  commands: `x.instance_id = t.id`,
  events: `x.instance_id = t.id`,
  notifications: `x.instance_id = t.id`,
  timers: `x.instance_id = t.id`,
  incidents: `x.instance_id = t.id`,
  outbox: `x.payload->>'instanceId' = t.id::text`,
};
const PERSON_COLUMNS = new Set(['initiator_id', 'assignee_id', 'actor_id', 'user_id']);

// SQL for a copy's value, from the template row `x` and the copy `m` (h, id,
// person, ago). A copied id is the template's with its last 12 hex digits
// replaced by the copy's number (cheaper than hashing 30 values an instance):
// `task_<uuid>` stays `task_<uuid>`, copies of one row differ, and so do
// copies of different rows (their ids' leading digits do).
const renumber = (v, n) => `left(${v}, -12) || lpad(to_hex(${n}), 12, '0')`;
const copyId = (v, type, n = 'm.h') =>
  type === 'uuid' ? `(${renumber(`${v}::text`, n)})::uuid` : renumber(v, n);

function copyOf(table, { column_name: c, data_type: type }) {
  const x = `x.${c}`;
  if (c === 'instance_id' || (table === 'instances' && c === 'id')) return 'm.id';
  if (c === 'id' || c === 'task_id') return copyId(x, type);
  // A person's stand-in: the id renumbered with the copy's person number.
  if (PERSON_COLUMNS.has(c))
    return type === 'uuid'
      ? copyId(x, type, 'm.person')
      : `CASE WHEN ${x} = 'system' THEN ${x} ELSE ${copyId(x, type, 'm.person')} END`;
  if (table === 'commands' && c === 'request_key') return `${x} || ':' || m.h`;
  if (table === 'outbox' && c === 'payload')
    return `${x} || jsonb_build_object('instanceId', m.id) || CASE WHEN ${x} ? 'timerId' THEN jsonb_build_object('timerId', ${copyId(`(${x}->>'timerId')`, 'text')}) ELSE '{}' END`;
  // A finished instance's outbox rows were all handed to the queue.
  if (table === 'outbox' && c === 'dispatched_at') return `coalesce(${x}, x.created_at) - m.ago`;
  if (type === 'timestamp with time zone') return `${x} - m.ago`;
  return x;
}

/**
 * Adds `n` finished instances (copies of the completed instances in the
 * database) in batches of BATCH, in one bulk load (bench/common.mjs); then a
 * CHECKPOINT, so the load's dirty pages are not written during the
 * measurement. What it did: seconds, rows and MiB per table.
 */
export async function seedHistory(db, n, log) {
  const t = performance.now();
  await db.query(`CREATE TEMP TABLE hist_tpl AS
    SELECT (row_number() OVER (ORDER BY started_at, id) - 1)::int AS k, id
    FROM instances WHERE status = 'completed'`);
  const [{ count: templates }] = (await db.query(`SELECT count(*)::int FROM hist_tpl`)).rows;
  if (!templates) throw new Error('--history: no completed instance to copy');
  const inserts = [];
  for (const [table, match] of Object.entries(TABLES)) {
    const columns = (
      await db.query(
        `SELECT column_name, data_type FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows.filter((col) => !(table === 'outbox' && col.column_name === 'id')); // bigserial
    await db.query(
      `CREATE TEMP TABLE hist_${table} AS SELECT x.*, t.k AS hist_k FROM ${table} x JOIN hist_tpl t ON ${match}`,
    );
    inserts.push(`INSERT INTO ${table} (${columns.map((col) => col.column_name).join(', ')})
      SELECT ${columns.map((col) => copyOf(table, col)).join(', ')}
      FROM hist_map m JOIN hist_${table} x ON x.hist_k = m.k`);
  }
  const [{ count: existing }] = (await db.query(`SELECT count(*)::int FROM instances`)).rows;
  log(
    `history: copying ${templates} finished instances to ${sizeLabel(n)} (${Object.keys(TABLES).join(', ')})`,
  );
  const times = await bulkLoad(
    db,
    { tables: Object.keys(TABLES), rebuild: n >= existing },
    async () => {
      for (let h0 = 0; h0 < n; h0 += BATCH) {
        const h1 = Math.min(n, h0 + BATCH);
        await db.query(`CREATE TEMP TABLE hist_map AS
          SELECT h, h % ${templates} AS k, md5('history:' || h)::uuid AS id, h % ${PEOPLE} AS person,
                 interval '1 day' + (${n} - h) * (interval '365 days' / ${n}) AS ago
          FROM generate_series(${h0}, ${h1 - 1}) h`);
        for (const sql of inserts) await db.query(sql);
        await db.query(`DROP TABLE hist_map`);
        log(
          `history: ${sizeLabel(h1)}/${sizeLabel(n)} instances (${((performance.now() - t) / 1000).toFixed(1)} s)`,
        );
      }
    },
  );
  await db.query(
    `DROP TABLE hist_tpl, ${Object.keys(TABLES)
      .map((x) => `hist_${x}`)
      .join(', ')}`,
  );
  await db.query('CHECKPOINT').catch(() => {});
  const tables = Object.fromEntries(
    (
      await db.query(
        `SELECT relname AS name, reltuples::bigint AS rows, pg_total_relation_size(oid) AS bytes
         FROM pg_class WHERE relname = ANY($1) AND relkind = 'r' ORDER BY relname`,
        [Object.keys(TABLES)],
      )
    ).rows.map((r) => [
      r.name,
      { rows: Number(r.rows), mib: Math.round(Number(r.bytes) / 2 ** 20) },
    ]),
  );
  const seconds = (performance.now() - t) / 1000;
  log(
    `history: ${sizeLabel(n)} finished instances in ${seconds.toFixed(1)} s (load ${times.seedSeconds.toFixed(1)} s, VACUUM ANALYZE ${times.vacuumSeconds.toFixed(1)} s): ` +
      Object.entries(tables)
        .map(([k, v]) => `${k} ${v.rows.toLocaleString('en')} rows ${v.mib} MiB`)
        .join(', '),
  );
  return { instances: n, templates, seconds, ...times, tables };
}
