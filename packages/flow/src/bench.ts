// Pure-engine throughput on the new-product-listing definition (SOPS.md §1),
// one core, no I/O in the measured loop. Run: pnpm --filter @baton/flow bench
// (compiles to dist, then runs there: Node 20 has no type stripping).
// The one place in this package that reads clocks and prints. Throughput is
// counted against this process's CPU time, so a busy shared machine does not
// halve the number; wall-clock throughput is printed beside it.
import { measureThroughput } from './engine/throughput.js';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
measureThroughput(1, cpuMs); // warm-up: let the JIT settle first
const wallStart = performance.now();
const r = measureThroughput(seconds, cpuMs);
const wall = Math.round(r.transitions / ((performance.now() - wallStart) / 1000));
console.log(
  `engine: ${r.perSecond.toLocaleString('en-US')} transitions per CPU-second ` +
    `(wall clock: ${wall.toLocaleString('en-US')}/s; ${r.instances} new-product-listing instances, ` +
    `${r.transitions} transitions, one core)`,
);
