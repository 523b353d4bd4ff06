// Server mode, HTTP: `pnpm start:api` (DATABASE_URL and REDIS_URL required).
import { loadConfig } from './platform/config/config.js';
import { processRole } from './platform/process/process-role.js';
import { createHttpApp, exitOnSignals } from './bootstrap.js';

const config = loadConfig();
if (!config.databaseUrl) {
  console.error(
    'DATABASE_URL is not set. For a one-process install with no services, run `pnpm start`.',
  );
  process.exit(1);
}
const app = await createHttpApp({
  config,
  role: processRole(true, false),
  databaseUrl: config.databaseUrl,
  embedded: false,
});
exitOnSignals(() => app.close());
await app.listen(config.port, config.host);
console.log(`Baton API listening on http://localhost:${config.port} (docs: /api/docs)`);
