import { jestConfig } from '../../config/jest.base.js';
export default jestConfig({
  rootDir: import.meta.dirname,
  // The engine must stay thoroughly tested (issue: line coverage >= 90%).
  coverageThreshold: { global: { lines: 90 } },
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/**/*.test.ts',
    '!src/**/*.test-helper.ts',
    '!src/bench.ts',
  ],
});
