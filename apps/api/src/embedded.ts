// Embedded mode, everything in one process: PGlite (when DATABASE_URL is
// unset), the in-process queue (when REDIS_URL is unset), API, workers and the
// built web app. This is what `pnpm start` runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './platform/config/config.js';
import { processRole } from './platform/process/process-role.js';
import { startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { createHttpApp, exitOnSignals } from './bootstrap.js';

const config = loadConfig();
config.webDist ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
fs.mkdirSync(config.dataDir, { recursive: true });

const pg = config.databaseUrl
  ? undefined
  : await startEmbeddedPostgres({ dataDir: config.dataDir, port: 0, host: '127.0.0.1' });
const databaseUrl = config.databaseUrl ?? pg!.url;
const app = await createHttpApp({
  config,
  role: processRole(true, true),
  databaseUrl,
  embedded: !config.databaseUrl,
});
// On a signal the app closes first (workers finish, pools drain), the embedded database last.
exitOnSignals(
  () => app.close(),
  async () => pg?.stop(),
);
await app.listen(config.port, config.host);
const url = `http://localhost:${config.port}`;
console.log(
  [
    '',
    `  Baton is running at ${url}`,
    `  API docs: ${url}/api/docs   health: ${url}/api/health`,
    `  Mode: ${pg ? `embedded database in ${config.dataDir}` : 'DATABASE_URL'}, ${config.redisUrl ? 'Redis queue' : 'in-process queue'}`,
    `  Sign in as admin (password: BATON_ADMIN_PASSWORD, or the one printed at first start).`,
    '',
  ].join('\n'),
);
