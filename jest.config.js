// Unit tests sit beside the code (src, *.spec.ts); HTTP-level tests live in test/e2e; the web app's
// catalogue and API-type checks in web/test (its browser tests run under Playwright: npm run test:web).
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/web/test/**/*.spec.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  // Packages that ship only ES modules, which Jest's CommonJS runtime cannot require.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|@formatjs)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
