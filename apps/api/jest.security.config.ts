import type { Config } from 'jest';
import base from './jest.config';

/** The security suite (`npm run test:security`): attacks that must keep failing, against the real services. */
const config: Config = {
  ...base,
  displayName: 'api-security',
  testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'],
  testTimeout: 60000,
};

export default config;
