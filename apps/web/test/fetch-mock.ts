/** A fetch double at the network edge: every request is recorded and answered by a handler. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export type FetchHandler = (request: RecordedRequest) => Response | Promise<Response>;

export interface FetchMock {
  requests: RecordedRequest[];
  /** Requests to one path (query string ignored). */
  to(path: string): RecordedRequest[];
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    headers[key] = value;
  });
  return headers;
}

export function installFetch(handler: FetchHandler): FetchMock {
  const requests: RecordedRequest[] = [];
  const fetchDouble = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      const request: RecordedRequest = {
        url: String(input),
        method: init?.method ?? 'GET',
        headers: headersOf(init),
        body,
      };
      requests.push(request);
      return handler(request);
    },
  );
  globalThis.fetch = fetchDouble;
  return {
    requests,
    to: (path) => requests.filter((request) => request.url.split('?')[0] === path),
  };
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: { details?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
): Response {
  const error =
    { 400: 'Bad Request', 401: 'Unauthorized', 429: 'Too Many Requests' }[status] ?? 'Error';
  return jsonResponse(
    status,
    { statusCode: status, error, message, code, details: extra.details },
    extra.headers,
  );
}

/** Fails like fetch does when the server cannot be reached. */
export function networkFailure(): Promise<Response> {
  return Promise.reject(new TypeError('Failed to fetch'));
}

export function notFound(request: RecordedRequest): Response {
  return apiError(404, 'not_found', `No handler for ${request.method} ${request.url}`);
}
