import { waitFor } from '@testing-library/react';
import {
  createSessionStore,
  SESSION_STORAGE_KEY,
  type SessionStore,
} from '../modules/auth/states/session.store';
import {
  apiError,
  installFetch,
  jsonResponse,
  networkFailure,
  type RecordedRequest,
} from '../../test/fetch-mock';
import { tokensDto } from '../../test/fixtures';
import { ApiError, createHttpClient, parseRetryAfter, type HttpClient } from './http';

const OLD = {
  accessToken: 'access-old',
  refreshToken: 'refresh-old-0123456789',
  expiresAt: Date.now() + 1000,
};
const NEW_TOKENS = tokensDto({ accessToken: 'access-new', refreshToken: 'refresh-new-0123456789' });

function bearer(request: RecordedRequest): string | undefined {
  return request.headers['authorization'];
}

describe('http client', () => {
  let store: SessionStore;
  let client: HttpClient;

  beforeEach(() => {
    store = createSessionStore(window.localStorage);
    store.set(OLD);
    client = createHttpClient({ sessionStore: store, locks: null });
  });

  it('sends the access token and returns the parsed body', async () => {
    const network = installFetch(() => jsonResponse(200, { ok: true }));

    await expect(client.get('/api/things', { query: { limit: 5, q: undefined } })).resolves.toEqual(
      { ok: true },
    );

    expect(network.requests[0]).toMatchObject({ method: 'GET', url: '/api/things?limit=5' });
    expect(bearer(network.requests[0] as RecordedRequest)).toBe('Bearer access-old');
  });

  it('refreshes once for concurrent 401s, retries each call with the new token and stores the new pair', async () => {
    let releaseRefresh: () => void = () => undefined;
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const network = installFetch(async (request) => {
      if (request.url === '/api/auth/refresh') {
        await refreshGate;
        return jsonResponse(200, NEW_TOKENS);
      }
      if (bearer(request) === 'Bearer access-new') return jsonResponse(200, { path: request.url });
      return apiError(401, 'auth.token_expired', 'Token expired');
    });

    const calls = Promise.all([
      client.get('/api/a'),
      client.get('/api/b'),
      client.post('/api/c', { x: 1 }),
    ]);
    await waitFor(() =>
      expect(network.requests.filter((r) => r.url !== '/api/auth/refresh')).toHaveLength(3),
    );
    releaseRefresh();

    await expect(calls).resolves.toEqual([
      { path: '/api/a' },
      { path: '/api/b' },
      { path: '/api/c' },
    ]);
    const refreshes = network.to('/api/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.body).toEqual({ refreshToken: 'refresh-old-0123456789' });
    expect(refreshes[0]?.headers['authorization']).toBeUndefined();
    expect(network.to('/api/c').map(bearer)).toEqual(['Bearer access-old', 'Bearer access-new']);
    expect(network.to('/api/c')[1]?.body).toEqual({ x: 1 });
    expect(store.get()).toMatchObject({
      accessToken: 'access-new',
      refreshToken: 'refresh-new-0123456789',
    });
    expect(JSON.parse(window.localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toMatchObject({
      refreshToken: 'refresh-new-0123456789',
    });
  });

  it('does not refresh again for a 401 that arrives after the token was already renewed', async () => {
    const network = installFetch((request) => {
      if (request.url === '/api/auth/refresh') return jsonResponse(200, NEW_TOKENS);
      if (bearer(request) === 'Bearer access-new') return jsonResponse(200, {});
      return apiError(401, 'auth.token_expired', 'Token expired');
    });

    await client.get('/api/first');
    const staleAnswer = await client.refreshSession('access-old');

    expect(staleAnswer?.accessToken).toBe('access-new');
    expect(network.to('/api/auth/refresh')).toHaveLength(1);
  });

  it('clears the session and rejects every waiting call when the refresh is refused', async () => {
    const network = installFetch((request) =>
      request.url === '/api/auth/refresh'
        ? apiError(401, 'auth.refresh_invalid', 'Refresh token is invalid')
        : apiError(401, 'auth.token_expired', 'Token expired'),
    );
    const changes = jest.fn();
    store.subscribe(changes);

    const results = await Promise.allSettled([client.get('/api/a'), client.get('/api/b')]);

    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = result.status === 'rejected' ? (result.reason as unknown) : undefined;
      expect(reason).toBeInstanceOf(ApiError);
      expect(reason).toMatchObject({ status: 401, code: 'auth.token_expired' });
    }
    expect(network.to('/api/auth/refresh')).toHaveLength(1);
    expect(network.requests).toHaveLength(3); // no retries without a new token
    expect(store.get()).toBeNull();
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(changes).toHaveBeenCalled();
  });

  it('keeps the session when the refresh fails for lack of a network', async () => {
    installFetch((request) =>
      request.url === '/api/auth/refresh'
        ? networkFailure()
        : apiError(401, 'auth.token_expired', 'Token expired'),
    );

    await expect(client.get('/api/a')).rejects.toMatchObject({ status: 0, isUnreachable: true });
    expect(store.get()?.refreshToken).toBe('refresh-old-0123456789');
  });

  it('uses tokens another tab already renewed instead of spending the old refresh token', async () => {
    const network = installFetch((request) =>
      bearer(request) === 'Bearer access-other-tab'
        ? jsonResponse(200, { ok: true })
        : apiError(401, 'x', 'Expired'),
    );
    const call = client.get('/api/a');
    // The other tab rotates the pair while our request is on its way.
    window.localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({
        accessToken: 'access-other-tab',
        refreshToken: 'refresh-other-tab-0123',
        expiresAt: 1,
      }),
    );

    await expect(call).resolves.toEqual({ ok: true });
    expect(network.to('/api/auth/refresh')).toHaveLength(0);
  });

  it('throws a typed ApiError with status, code, message, details and Retry-After', async () => {
    installFetch((request) =>
      request.url === '/api/limited'
        ? apiError(429, 'auth.too_many_attempts', 'Too many attempts', {
            headers: { 'Retry-After': '17' },
          })
        : apiError(400, 'validation_failed', 'Validation failed', {
            details: [{ path: 'email', message: 'must be an email address' }],
          }),
    );

    await expect(client.post('/api/limited', {}, { auth: false })).rejects.toMatchObject({
      name: 'ApiError',
      status: 429,
      code: 'auth.too_many_attempts',
      message: 'Too many attempts',
      retryAfterSeconds: 17,
    });
    await expect(client.post('/api/invalid', {})).rejects.toMatchObject({
      status: 400,
      details: [{ path: 'email', message: 'must be an email address' }],
    });
  });

  it('never refreshes for calls made without authentication', async () => {
    const network = installFetch(() =>
      apiError(401, 'auth.invalid_credentials', 'Invalid email or password'),
    );

    await expect(
      client.post('/api/auth/login', { email: 'a@b.de', password: 'x' }, { auth: false }),
    ).rejects.toMatchObject({
      status: 401,
      code: 'auth.invalid_credentials',
    });
    expect(network.requests).toHaveLength(1);
    expect(store.get()).not.toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-05-01T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Thu, 01 May 2025 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
