import { E2E_ENV } from './e2e-env';
import { startE2eServer, type E2eServer } from './e2e-server';

declare global {
  var __touchpointE2e: E2eServer | undefined;
}

/** The server every browser test uses: built, fresh database, demo workspace, no AI configured. */
export default async function globalSetup(): Promise<void> {
  const server = await startE2eServer();
  globalThis.__touchpointE2e = server;
  process.env[E2E_ENV.baseUrl] = server.url;
  process.env[E2E_ENV.smtpPort] = String(server.smtpPort);
}
