// Shared jest setup: ESM TypeScript through @swc/jest (STACK-NOTES.md).
// Run jest with NODE_OPTIONS=--experimental-vm-modules (the package scripts do).
export function jestConfig({ rootDir, testMatch, coverage, tsx = false, ...rest }) {
  return {
    rootDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: tsx ? ['.ts', '.tsx'] : ['.ts'],
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true, tsx },
            transform: {
              legacyDecorator: true,
              decoratorMetadata: true,
              react: { runtime: 'automatic' },
            },
            target: 'es2022',
            keepClassNames: true,
          },
          module: { type: 'es6' },
          sourceMaps: 'inline',
        },
      ],
    },
    testMatch: testMatch ?? ['<rootDir>/src/**/*.test.ts'],
    collectCoverageFrom: coverage ?? ['src/**/*.ts', '!src/**/*.test.ts'],
    coverageProvider: 'v8',
    // Property tests run thousands of cases; on a busy 2-core CI machine the
    // 5 s default fails them for time, not for a wrong answer.
    testTimeout: 60000,
    ...rest,
  };
}
