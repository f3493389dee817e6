import { stopE2eServer } from './e2e-server';

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__touchpointE2e;
  if (server) await stopE2eServer(server);
}
