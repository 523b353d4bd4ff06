// Child process for the SIGKILL test in embedded-postgres.test.ts.
// Node 20 cannot load the TypeScript module directly, so this mirrors what
// startEmbeddedPostgres does (PGlite on <dataDir>/pg behind the socket server,
// lock file with our pid) and writes through `pg`, the production path.
// Usage: node pglite-crash-writer.mjs <dataDir> <rows>
// Prints "ok" once <rows> committed rows are written and one more row sits in
// an open, uncommitted transaction; then waits to be killed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';

const [dataDir, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg);
mkdirSync(join(dataDir, 'pg'), { recursive: true });
writeFileSync(join(dataDir, 'pg.lock'), String(process.pid));

const db = await PGlite.create(join(dataDir, 'pg'));
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
await server.start();
const port = Number(server.getServerConn().split(':').pop());

const client = new pg.Client({
  connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
});
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS crash_rows (n int PRIMARY KEY, note text)');
for (let n = 1; n <= rows; n++) {
  await client.query('BEGIN');
  await client.query('INSERT INTO crash_rows (n, note) VALUES ($1, $2)', [n, 'committed']);
  await client.query('COMMIT');
}
await client.query('BEGIN');
await client.query('INSERT INTO crash_rows (n, note) VALUES ($1, $2)', [rows + 1, 'uncommitted']);
process.stdout.write('ok\n');
setInterval(() => undefined, 60_000);
