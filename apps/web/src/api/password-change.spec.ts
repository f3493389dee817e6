import { waitFor } from '@testing-library/react';
import type { SessionEndReason } from '@touchpoint/shared';
import { createSessionStore, type SessionStore } from '../modules/auth/states/session.store';
import { deferred } from '../../test/fake-api';
import { FakeSocket } from '../../test/fake-socket';
import { apiError, installFetch, jsonResponse, type FetchMock } from '../../test/fetch-mock';
import { tokensDto } from '../../test/fixtures';
import { createAuthApi, type AuthApi } from './auth.api';
import { createHttpClient, type HttpClient } from './http';
import { RealtimeConnection } from './socket';

const OLD = {
  accessToken: 'access-old',
  refreshToken: 'refresh-old-0123456789',
  expiresAt: Date.now() + 900_000,
};
const CHANGED = tokensDto({
  accessToken: 'access-changed',
  refreshToken: 'refresh-changed-0123456789',
});
const ROTATED = tokensDto({
  accessToken: 'access-rotated',
  refreshToken: 'refresh-rotated-0123456789',
});
const BODY = { currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase' };

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The server as far as tokens go: a refresh token works until the password change commits (which
 * revokes it and ends the user's sockets); the change's answer is released by the test.
 */
function fakeServer() {
  const valid = new Set([OLD.refreshToken]);
  const passwordAnswer = deferred();
  const network: FetchMock = installFetch(async (request) => {
    if (request.url === '/api/auth/refresh') {
      const { refreshToken } = request.body as { refreshToken: string };
      if (!valid.delete(refreshToken)) {
        return apiError(401, 'auth.invalid_refresh_token', 'Your session has ended');
      }
      valid.add(ROTATED.refreshToken);
      return jsonResponse(200, ROTATED);
    }
    if (request.url === '/api/auth/password') return passwordAnswer.promise;
    return apiError(404, 'not_found', 'Not found');
  });
  const commitPasswordChange = () => {
    valid.clear();
    valid.add(CHANGED.refreshToken);
  };
  return { network, passwordAnswer, commitPasswordChange };
}

/** The app's socket wiring: the handshake sends the stored access token, a refusal renews it. */
function connect(store: SessionStore, client: HttpClient) {
  const socket = new FakeSocket();
  const handshakeTokens: (string | undefined)[] = [];
  let sentToken: string | undefined;
  const connectSocket = socket.connect.bind(socket);
  socket.connect = () => {
    sentToken = store.get()?.accessToken;
    handshakeTokens.push(sentToken);
    return connectSocket();
  };
  const endedBecause: SessionEndReason[] = [];
  const connection = new RealtimeConnection({
    socket,
    renewAccessToken: async () => (await client.refreshSession(sentToken)) !== null,
    onSessionOver: (reason) => endedBecause.push(reason),
  });
  connection.open();
  socket.accept();
  return { socket, connection, handshakeTokens, endedBecause };
}

describe('own password change and the socket', () => {
  let store: SessionStore;
  let client: HttpClient;
  let auth: AuthApi;

  beforeEach(() => {
    store = createSessionStore(window.localStorage);
    store.set(OLD);
    client = createHttpClient({ sessionStore: store, locks: null });
    auth = createAuthApi(client);
  });

  it('the socket ended before the answer arrives waits for the new tokens and reconnects with them', async () => {
    const server = fakeServer();
    const { socket, connection, handshakeTokens, endedBecause } = connect(store, client);

    const change = auth.changePassword(BODY);
    await waitFor(() => expect(server.network.to('/api/auth/password')).toHaveLength(1));
    // The change commits: the old refresh token is revoked and the socket closed, answer still on its way.
    server.commitPasswordChange();
    socket.endSession('password_changed');
    await settle();
    expect(connection.getState()).toBe('connecting');
    expect(server.network.to('/api/auth/refresh')).toHaveLength(0);
    expect(socket.connectCalls).toBe(1);

    server.passwordAnswer.resolve(jsonResponse(200, CHANGED));

    await expect(change).resolves.toEqual(CHANGED);
    await waitFor(() => expect(socket.connectCalls).toBe(2));
    expect(handshakeTokens).toEqual(['access-old', 'access-changed']);
    socket.accept();
    expect(connection.getState()).toBe('connected');
    expect(endedBecause).toEqual([]);
    expect(store.get()).toMatchObject({
      accessToken: 'access-changed',
      refreshToken: 'refresh-changed-0123456789',
    });
    expect(server.network.to('/api/auth/refresh')).toHaveLength(0);
    expect(server.network.to('/api/auth/password')[0]?.headers['authorization']).toBe(
      'Bearer access-old',
    );
  });

  it('a change the server refuses leaves the session; a socket that ended meanwhile refreshes after it', async () => {
    const server = fakeServer();
    const { socket, handshakeTokens, endedBecause } = connect(store, client);

    const change = auth.changePassword(BODY);
    await waitFor(() => expect(server.network.to('/api/auth/password')).toHaveLength(1));
    socket.endSession('token_expired');
    await settle();
    expect(server.network.to('/api/auth/refresh')).toHaveLength(0);

    server.passwordAnswer.resolve(
      apiError(400, 'users.wrong_password', 'currentPassword is not your password'),
    );

    await expect(change).rejects.toMatchObject({ status: 400, code: 'users.wrong_password' });
    await waitFor(() => expect(socket.connectCalls).toBe(2));
    expect(server.network.to('/api/auth/refresh')).toHaveLength(1);
    expect(handshakeTokens).toEqual(['access-old', 'access-rotated']);
    expect(endedBecause).toEqual([]);
  });

  it('a change started while a refresh is under way sends the rotated token', async () => {
    const server = fakeServer();
    server.passwordAnswer.resolve(jsonResponse(200, CHANGED));

    const refresh = client.refreshSession('access-old');
    const change = auth.changePassword(BODY);

    await expect(refresh).resolves.toMatchObject({ accessToken: 'access-rotated' });
    await expect(change).resolves.toEqual(CHANGED);
    expect(server.network.to('/api/auth/password')[0]?.headers['authorization']).toBe(
      'Bearer access-rotated',
    );
    expect(store.get()?.accessToken).toBe('access-changed');
  });

  it('an expired access token is refreshed within the change, which is then sent again', async () => {
    const network = installFetch((request) => {
      if (request.url === '/api/auth/refresh') return jsonResponse(200, ROTATED);
      return request.headers['authorization'] === 'Bearer access-rotated'
        ? jsonResponse(200, CHANGED)
        : apiError(401, 'auth.token_expired', 'Your session has expired');
    });

    await expect(auth.changePassword(BODY)).resolves.toEqual(CHANGED);

    expect(network.to('/api/auth/refresh')).toHaveLength(1);
    expect(network.to('/api/auth/password').map((r) => r.headers['authorization'])).toEqual([
      'Bearer access-old',
      'Bearer access-rotated',
    ]);
    expect(store.get()?.accessToken).toBe('access-changed');
  });
});
