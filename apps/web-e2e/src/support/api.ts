import { createHmac } from 'node:crypto';
import { baseUrl } from './e2e-env';

/** Calls the running app's REST API; fails with the answer unless it is 2xx. */
export async function api<T>(
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token && { authorization: `Bearer ${init.token}` }),
    },
  });
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  // 204: nothing to read (a DELETE).
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** An access token of the demo workspace's admin. */
export async function adminToken(): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email: 'admin@example.com', password: 'touchpoint' }),
  });
  return accessToken;
}

/** Polls `probe` every 100 ms until it returns a truthy value or `ms` pass; then the last value. */
export async function poll<T>(probe: () => Promise<T>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value || Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A customer's message through an API channel's webhook, signed as its source signs it; the status. */
export async function postApiWebhook(
  channelId: string,
  secret: string,
  message: { id: string; contact: { email: string; name: string }; text: string },
): Promise<number> {
  const body = JSON.stringify(message);
  const res = await fetch(`${baseUrl()}/webhooks/api/${channelId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-touchpoint-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
  return res.status;
}
