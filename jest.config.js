/** Unit tests sit beside the code (*.spec.ts); end-to-end tests in test/ (*.e2e-spec.ts) boot the
 * API exactly as production does, against real PostgreSQL and Redis (see test/support). */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
// Every library is @crm/<folder> (tsconfig.json's paths), and @crm/<folder>/<file> inside it.
const moduleNameMapper = {
  '^@crm/([a-z0-9-]+)$': '<rootDir>/libs/$1/src',
  '^@crm/([a-z0-9-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = {
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // The global setup is TypeScript too.
  transform,
  moduleNameMapper,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Two cores: the e2e suites share one database server and start their own apps.
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
