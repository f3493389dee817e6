import type { Config } from 'jest';

/** Browser tests: the built app on a fresh database, driven in Debian's chromium by playwright-core. */
const config: Config = {
  displayName: 'web-e2e',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: { '^@touchpoint/shared$': '<rootDir>/../../libs/shared/src/index.ts' },
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 60000,
};

export default config;
