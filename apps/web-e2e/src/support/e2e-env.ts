import { join } from 'node:path';

export const E2E_ENV = {
  baseUrl: 'TOUCHPOINT_E2E_URL',
  smtpPort: 'TOUCHPOINT_E2E_SMTP_PORT',
} as const;

export const workspaceRoot = join(__dirname, '../../../..');
/** Screenshots land here (CI keeps them as artifacts). */
export const artifactsDir = join(workspaceRoot, 'e2e-artifacts');

export function baseUrl(): string {
  const url = process.env[E2E_ENV.baseUrl];
  if (!url) throw new Error('Run the browser tests with `npm run e2e`');
  return url;
}

/** The port of the server's SMTP intake (customers' mail arrives there). */
export function smtpPort(): number {
  const port = Number(process.env[E2E_ENV.smtpPort]);
  if (!port) throw new Error('Run the browser tests with `npm run e2e`');
  return port;
}
