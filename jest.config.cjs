// Jest runs the TypeScript sources through SWC (type checking is `tsc --noEmit` in `npm test`).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(uuid|@forge)/)'],
  // Atlaskit ships compiled CSS files beside its modules; tests that render Atlaskit (the local panel host) need no styles.
  moduleNameMapper: { '\\.css$': '<rootDir>/test/support/style-stub.cjs' },
  // Both cores: Jest's default (cores - 1) runs the suite in band on this 2-core machine, twice as long.
  maxWorkers: 2,
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
