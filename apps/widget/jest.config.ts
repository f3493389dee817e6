import type { Config } from 'jest';

const config: Config = {
  displayName: 'widget',
  rootDir: '.',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    // tsconfig sets isolatedModules, so ts-jest only transpiles (typecheck runs separately).
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@touchpoint/shared/realtime/(.*)$': '<rootDir>/../../libs/shared/src/realtime/$1',
  },
  clearMocks: true,
  restoreMocks: true,
};

export default config;
