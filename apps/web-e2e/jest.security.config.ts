import type { Config } from 'jest';
import base from './jest.config';

/** The browser part of the security suite (`npm run test:security`): the built app in Debian's chromium. */
const config: Config = {
  ...base,
  displayName: 'web-security',
  testMatch: ['<rootDir>/src/security/**/*.security-spec.ts'],
  testTimeout: 180000,
  reporters: ['default', '<rootDir>/../../scripts/lib/security-table-reporter.cjs'],
};

export default config;
