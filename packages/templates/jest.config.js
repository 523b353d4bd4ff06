import { jestConfig } from '../../config/jest.base.js';

// Tests run the workspace packages from source, like the packages' own tests do.
const base = jestConfig({ rootDir: import.meta.dirname });
export default {
  ...base,
  moduleNameMapper: {
    '^@baton/(flow|forms)$': '<rootDir>/../$1/src/index.ts',
    ...base.moduleNameMapper,
  },
};
