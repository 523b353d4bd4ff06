// Server mode, queue workers: `pnpm start:worker`; run as many as you like.
import { loadConfig } from './platform/config/config.js';
import { processRole } from './platform/process/process-role.js';
import { createWorkerContext, exitOnSignals } from './bootstrap.js';

const config = loadConfig();
if (!config.databaseUrl || !config.redisUrl) {
  console.error(
    'start:worker needs DATABASE_URL and REDIS_URL. For a one-process install, run `pnpm start`.',
  );
  process.exit(1);
}
const role = processRole(false, true);
const ctx = await createWorkerContext({
  config,
  role,
  databaseUrl: config.databaseUrl,
  embedded: false,
});
exitOnSignals(() => ctx.close());
console.log(`Baton worker ${role.id} ready`);
