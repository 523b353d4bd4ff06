// `pnpm dev`: the API recompiled on change and restarted (embedded mode unless
// DATABASE_URL / REDIS_URL are set, port 3000) beside the Vite dev server
// (port 5173, proxying /api to 3000). Ctrl-C stops all of them.
import { spawn, execSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execSync(
  'pnpm --filter @baton/forms --filter @baton/flow --filter @baton/templates --filter @baton/api build',
  { cwd: root, stdio: 'inherit' },
);
const procs = [
  spawn(
    'pnpm',
    [
      '--filter',
      '@baton/api',
      'exec',
      'tsc',
      '-w',
      '--preserveWatchOutput',
      '-p',
      'tsconfig.build.json',
    ],
    { cwd: root, stdio: 'inherit' },
  ),
  spawn(process.execPath, ['--watch', 'apps/api/dist/embedded.js'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BATON_WEB_DIST: '' },
  }),
  spawn('pnpm', ['--filter', '@baton/web', 'dev'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => {
  for (const p of procs) p.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
