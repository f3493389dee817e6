import type { Config } from 'jest';

const config: Config = {
  displayName: 'web',
  rootDir: '.',
  testEnvironment: '<rootDir>/test/jest-environment.ts',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-tests.ts'],
  transform: {
    // tsconfig.spec.json sets isolatedModules, so ts-jest only transpiles (typecheck runs separately).
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@touchpoint/shared$': '<rootDir>/../../libs/shared/src/index.ts',
    '\\.css$': 'identity-obj-proxy',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  clearMocks: true,
  restoreMocks: true,
};

export default config;
