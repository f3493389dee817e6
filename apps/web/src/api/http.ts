import type { ApiErrorBody, AuthTokensDto } from '@touchpoint/shared';
import {
  sessionFromTokens,
  sessionStore,
  type Session,
  type SessionStore,
} from '../modules/auth/states/session.store';

/** Code of the error thrown when the API cannot be reached at all (network down, proxy error). */
export const NETWORK_ERROR_CODE = 'network.unreachable';

type Details = NonNullable<ApiErrorBody['details']>;

/** Every failed API call throws this: the HTTP status, the API's error code, message and details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when no answer came from the API. */
  readonly status: number;
  readonly code: string | undefined;
  readonly details: Details;
  /** Ids the message speaks of (`related.contactId`: the contact an address belongs to). */
  readonly related: Record<string, string>;
  /** Seconds from a `Retry-After` header (429, 503), if any. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    message: string;
    code?: string;
    details?: Details;
    related?: Record<string, string>;
    retryAfterSeconds?: number;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.related = init.related ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** True when the API did not answer (offline, DNS, proxy could not reach it). */
  get isUnreachable(): boolean {
    return this.code === NETWORK_ERROR_CODE;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Send the access token, and refresh it once on 401. Default true. */
  auth?: boolean;
  /**
   * `blob`: the answer's bytes as they are (a download); `stream`: the Response itself, its body
   * unread (server-sent events); errors are still read as JSON.
   */
  responseType?: 'json' | 'blob' | 'stream';
}

export interface HttpClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  post<T>(
    path: string,
    body?: unknown,
    options?: Omit<RequestOptions, 'method' | 'body'>,
  ): Promise<T>;
  /**
   * Exchanges the refresh token for a new pair. Concurrent callers share one request.
   * `rejectedAccessToken` is the token the server refused; if the session already holds a newer
   * one, that one is returned without asking the server. Resolves null (and clears the session)
   * when the server refuses the refresh token.
   */
  refreshSession(rejectedAccessToken?: string): Promise<Session | null>;
  /**
   * POSTs a request whose answer is a new token pair for this session (the own password change)
   * and stores it. It takes the refresh slot: the server ends the user's other sessions and closes
   * the sockets as the request commits, possibly before the answer arrives; the refreshes this
   * sets off wait for these tokens instead of spending the refresh token the server just revoked.
   */
  renewSession(path: string, body: unknown): Promise<AuthTokensDto>;
}

export interface HttpClientOptions {
  sessionStore: SessionStore;
  /** Origin + prefix the paths are relative to; '' means the page's own origin. */
  baseUrl?: string;
  /** Defaults to the global fetch, looked up on every call. */
  fetch?: typeof fetch;
  /** Serialises refreshes across tabs (Web Locks API); defaults to `navigator.locks` if present. */
  locks?: Pick<LockManager, 'request'> | null;
}

const REFRESH_PATH = '/api/auth/refresh';
const REFRESH_LOCK = 'touchpoint.session.refresh';

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ApiErrorBody, unknown>>;
  return typeof candidate.message === 'string' && typeof candidate.statusCode === 'number';
}

function isRelated(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((id) => typeof id === 'string');
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readBody(response).catch(() => undefined);
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  if (isApiErrorBody(body)) {
    return new ApiError({
      status: response.status,
      message: body.message,
      code: body.code,
      details: Array.isArray(body.details) ? body.details : [],
      related: isRelated(body.related) ? body.related : {},
      retryAfterSeconds,
    });
  }
  // Our API always answers errors with JSON. A 5xx without it came from whatever stands in
  // between (the dev proxy, a load balancer) because the API itself did not answer.
  const unreachable = response.status >= 500;
  return new ApiError({
    status: response.status,
    message: unreachable
      ? 'The server cannot be reached'
      : `Request failed with status ${response.status}`,
    code: unreachable ? NETWORK_ERROR_CODE : undefined,
    retryAfterSeconds,
  });
}

function defaultLocks(): Pick<LockManager, 'request'> | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const store = options.sessionStore;
  const baseUrl = options.baseUrl ?? '';
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  const doFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);

  let refreshInFlight: Promise<Session | null> | null = null;
  /** A `renewSession` under way; settles (never rejects) once its tokens are stored or it failed. */
  let renewalInFlight: Promise<void> | null = null;

  function url(path: string, query: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  async function send(
    path: string,
    opts: RequestOptions,
    accessToken: string | undefined,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    if (accessToken) headers['Authorization'] = `Bearer ${accessToken}`;
    try {
      return await doFetch(url(path, opts.query), {
        method: opts.method ?? 'GET',
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
        credentials: 'same-origin',
      });
    } catch (cause) {
      if (opts.signal?.aborted) throw cause; // cancellations stay AbortErrors for TanStack Query
      throw new ApiError({
        status: 0,
        message: 'The server cannot be reached',
        code: NETWORK_ERROR_CODE,
        cause,
      });
    }
  }

  async function parse<T>(response: Response, responseType?: RequestOptions['responseType']) {
    if (!response.ok) throw await toApiError(response);
    if (responseType === 'blob') return (await response.blob()) as T;
    if (responseType === 'stream') return response as T;
    return (await readBody(response)) as T;
  }

  async function exchangeRefreshToken(
    rejectedAccessToken: string | undefined,
  ): Promise<Session | null> {
    // Another tab may have refreshed already: the tokens in storage are then newer than ours.
    const current = store.reload();
    if (!current) return null;
    if (rejectedAccessToken !== undefined && current.accessToken !== rejectedAccessToken)
      return current;

    const response = await send(
      REFRESH_PATH,
      { method: 'POST', body: { refreshToken: current.refreshToken } },
      undefined,
    );
    if (!response.ok) {
      const error = await toApiError(response);
      if (error.status === 400 || error.status === 401 || error.status === 403) {
        // The refresh token is invalid, expired or was reused: the session is over.
        if (store.get()?.refreshToken === current.refreshToken) store.clear();
        return null;
      }
      throw error; // server trouble: keep the session, the next call may succeed
    }
    const tokens = (await readBody(response)) as AuthTokensDto;
    // Signed out meanwhile? Then do not bring the session back.
    if (store.get()?.refreshToken !== current.refreshToken) return store.get();
    const next = sessionFromTokens(tokens);
    store.set(next);
    return next;
  }

  function refreshSession(rejectedAccessToken?: string): Promise<Session | null> {
    const current = store.get();
    if (
      current &&
      rejectedAccessToken !== undefined &&
      current.accessToken !== rejectedAccessToken
    ) {
      return Promise.resolve(current);
    }
    // Asked again once the renewal is over: its new tokens answer it, or (if it failed) a refresh.
    if (renewalInFlight) return renewalInFlight.then(() => refreshSession(rejectedAccessToken));
    if (!refreshInFlight) {
      const run = () => exchangeRefreshToken(rejectedAccessToken ?? current?.accessToken);
      const guarded = async (): Promise<Session | null> =>
        locks ? await locks.request(REFRESH_LOCK, run) : run();
      refreshInFlight = guarded().finally(() => {
        refreshInFlight = null;
      });
    }
    return refreshInFlight;
  }

  async function sendRenewing(path: string, body: unknown): Promise<AuthTokensDto> {
    let session = store.reload();
    if (!session) throw new ApiError({ status: 401, message: 'You are not signed in' });
    let response = await send(path, { method: 'POST', body }, session.accessToken);
    if (response.status === 401) {
      // Holding the slot already: refresh here, not through refreshSession (which would wait for us).
      const renewed = await exchangeRefreshToken(session.accessToken);
      if (!renewed) throw await toApiError(response);
      session = renewed;
      response = await send(path, { method: 'POST', body }, session.accessToken);
    }
    const tokens = await parse<AuthTokensDto>(response);
    // Signed out meanwhile? Then do not bring the session back.
    if (store.get()?.refreshToken === session.refreshToken) store.set(sessionFromTokens(tokens));
    return tokens;
  }

  function renewSession(path: string, body: unknown): Promise<AuthTokensDto> {
    const before = renewalInFlight ?? refreshInFlight;
    const run = () => sendRenewing(path, body);
    const renewal = (async () => {
      await before?.catch(() => undefined); // a refresh under way rotates the tokens first
      return locks ? await locks.request(REFRESH_LOCK, run) : run();
    })();
    const settled: Promise<void> = renewal.then(
      () => undefined,
      () => undefined,
    );
    renewalInFlight = settled;
    void settled.then(() => {
      if (renewalInFlight === settled) renewalInFlight = null;
    });
    return renewal;
  }

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    const useAuth = opts.auth !== false;
    const session = useAuth ? store.get() : null;
    const response = await send(path, opts, session?.accessToken);
    if (response.status !== 401 || !session) return parse<T>(response, opts.responseType);

    const renewed = await refreshSession(session.accessToken);
    if (!renewed) throw await toApiError(response);
    return parse<T>(await send(path, opts, renewed.accessToken), opts.responseType);
  }

  return {
    request,
    get: (path, opts) => request(path, { ...opts, method: 'GET' }),
    post: (path, body, opts) => request(path, { ...opts, method: 'POST', body }),
    refreshSession,
    renewSession,
  };
}

/** The client the app uses: same origin, this tab's session. */
export const http: HttpClient = createHttpClient({ sessionStore });
