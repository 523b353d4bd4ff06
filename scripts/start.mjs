// `pnpm start` / `./baton start`: build what is missing or out of date, then
// run Baton in one process (API + workers + web app; embedded Postgres and
// in-process queue unless DATABASE_URL / REDIS_URL are set).
//   --demo       also seed the demo organisation (same as BATON_DEMO=1)
//   --no-build   skip the freshness check
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.includes('--demo')) process.env.BATON_DEMO = '1';

/** Newest modification time of any file under `dir` (ignoring node_modules/dist). */
function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return t;
}

const builds = [
  ['packages/forms', 'dist/index.js'],
  ['packages/flow', 'dist/index.js'],
  ['packages/templates', 'dist/index.js'],
  ['apps/api', 'dist/embedded.js'],
  ['apps/web', 'dist/index.html'],
];
const stale = builds.filter(([dir, out]) => {
  const target = path.join(root, dir, out);
  return (
    !fs.existsSync(target) || fs.statSync(target).mtimeMs < newest(path.join(root, dir, 'src'))
  );
});
if (stale.length && !args.includes('--no-build')) {
  console.log(`Building ${stale.map(([d]) => d).join(', ')} ...`);
  execSync('pnpm -r run build', { cwd: root, stdio: 'inherit' });
}
process.chdir(process.env.BATON_CWD ?? root);
await import(path.join(root, 'apps/api/dist/embedded.js'));
