import type { Config } from 'jest';
import base from './jest.config';

/**
 * The security suite (`npm run test:security`): attacks that must keep failing, against the real
 * services, and the access matrix (who gets through to a conversation). The reporter prints what was
 * tried and what held; the matrix is one row with its case count.
 */
const config: Config = {
  ...base,
  displayName: 'api-security',
  testMatch: [
    '<rootDir>/test/security/**/*.security-spec.ts',
    '<rootDir>/test/access-matrix.integration-spec.ts',
  ],
  testTimeout: 60000,
  reporters: [
    'default',
    [
      '<rootDir>/../../scripts/lib/security-table-reporter.cjs',
      {
        summarise: [
          {
            file: 'access-matrix.integration-spec.ts',
            area: 'Access matrix',
            tried: 'every role against every conversation endpoint and realtime room',
          },
        ],
      },
    ],
  ],
};

export default config;
