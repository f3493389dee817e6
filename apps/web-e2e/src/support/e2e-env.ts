import { join } from 'node:path';

export const E2E_ENV = { baseUrl: 'TOUCHPOINT_E2E_URL' } as const;

export const workspaceRoot = join(__dirname, '../../../..');
/** Screenshots land here (CI keeps them as artifacts). */
export const artifactsDir = join(workspaceRoot, 'e2e-artifacts');

export function baseUrl(): string {
  const url = process.env[E2E_ENV.baseUrl];
  if (!url) throw new Error('Run the browser tests with `npm run e2e`');
  return url;
}
