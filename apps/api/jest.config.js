import { jestConfig } from '../../config/jest.base.js';
export default jestConfig({
  rootDir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@baton/(flow|forms|templates|contracts)$': '<rootDir>/../../packages/$1/src/index.ts',
  },
  testTimeout: 60000,
});
