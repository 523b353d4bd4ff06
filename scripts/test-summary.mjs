// Adds up the jest and Playwright result files of one test run and prints the
// closing line CI reads: "tests: N passed, N failed". Exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';

const [dir, ...failedSuites] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const file of fs.readdirSync(dir).sort()) {
  const full = path.join(dir, file);
  if (file.endsWith('.jest.json')) {
    const r = JSON.parse(fs.readFileSync(full, 'utf8'));
    // A suite that fails to load counts as a failure even with no test in it.
    const broken = r.numRuntimeErrorTestSuites ?? 0;
    passed += r.numPassedTests;
    failed += r.numFailedTests + broken;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    rows.push(
      `${file.replace('.jest.json', '').padEnd(14)} ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed, ${r.numPendingTests} skipped`,
    );
  } else if (file.endsWith('.pw.json')) {
    const s = JSON.parse(fs.readFileSync(full, 'utf8')).stats;
    passed += s.expected + (s.flaky ?? 0);
    failed += s.unexpected;
    skipped += s.skipped;
    rows.push(
      `${'e2e'.padEnd(14)} ${s.expected} passed, ${s.unexpected} failed, ${s.skipped} skipped` +
        (s.flaky ? `, ${s.flaky} FLAKY (failed once, passed on the retry: see the log above)` : ''),
    );
  }
}
console.log('\n=== summary');
for (const r of rows) console.log(r);
if (failedSuites.length) console.log(`failing steps: ${failedSuites.join(', ')}`);
const extra = failedSuites.length && failed === 0 ? 1 : 0;
console.log(
  `tests: ${passed} passed, ${failed + extra} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed + failedSuites.length > 0 ? 1 : 0);
