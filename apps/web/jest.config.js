import { jestConfig } from '../../config/jest.base.js';

export default jestConfig({
  rootDir: import.meta.dirname,
  tsx: true,
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  // The workspace packages are tested from their TypeScript sources; the `.js`
  // mapper of the base config is repeated because this option replaces it.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@baton/(flow|forms|contracts)$': '<rootDir>/../../packages/$1/src/index.ts',
  },
});
