import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { AppConfig } from '../../config/app-config';
import { parseAllowHosts } from '../../core/net/outbound-allow-list';
import { OutboundClient } from '../../core/net/outbound.client';
import { AssistProviderClient } from './assist-provider.client';
import { AssistProviderException } from './assist.exception';

function providerAt(baseUrl: string, allowHosts: string): AssistProviderClient {
  const config = AppConfig.load({
    NODE_ENV: 'test',
    JWT_SECRET: 'x'.repeat(32),
    STORAGE_DIR: tmpdir(),
    AI_BASE_URL: baseUrl,
    AI_API_KEY: 'sk-test',
    AI_MODEL: 'test-model',
  });
  return new AssistProviderClient(
    config,
    new OutboundClient({ allowHosts: parseAllowHosts(allowHosts).entries }),
  );
}

async function failureOf(provider: AssistProviderClient): Promise<AssistProviderException> {
  const err = await provider
    .complete([{ role: 'user', content: 'Hi' }], { signal: new AbortController().signal })
    .then(() => undefined)
    .catch((e: unknown) => e);
  if (!(err instanceof AssistProviderException)) throw new Error(`not a provider failure: ${err}`);
  return err;
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the model server client', () => {
  it('is off without all three settings', () => {
    const config = AppConfig.load({
      NODE_ENV: 'test',
      JWT_SECRET: 'x'.repeat(32),
      STORAGE_DIR: tmpdir(),
      AI_BASE_URL: 'https://api.openai.com/v1/',
      AI_MODEL: 'gpt-4o-mini',
    });
    expect(config.ai).toBeNull();
    expect(providerAt('https://api.openai.com/v1/', '').configured).toBe(true);
  });

  it('names OUTBOUND_ALLOW_HOSTS for an internal model server', async () => {
    const err = await failureOf(providerAt('http://127.0.0.1:11434/v1', ''));
    expect(err.status).toBe(503);
    expect(err.outcome).toBe('unreachable');
    expect(err.message).toBe(
      "The AI provider's address is internal: allow 127.0.0.1 with OUTBOUND_ALLOW_HOSTS",
    );
  });

  it('says when the model server cannot be reached', async () => {
    const port = await closedPort();
    const err = await failureOf(providerAt(`http://127.0.0.1:${port}/v1`, '127.0.0.1'));
    expect(err.status).toBe(503);
    expect(err.message).toBe('The AI provider cannot be reached: check AI_BASE_URL');
  });
});
