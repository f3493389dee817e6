import {
  installFetch,
  jsonResponse,
  notFound,
  type FetchMock,
  type RecordedRequest,
} from './fetch-mock';

/** A request as a route handler sees it: path parameters and the query string parsed. */
export interface RoutedRequest extends RecordedRequest {
  params: Record<string, string>;
  query: URLSearchParams;
}

type Answer = Response | Promise<Response> | object | unknown[];
export type RouteHandler = (request: RoutedRequest) => Answer;

/** Routes like `'GET /api/conversations/:id/timeline'`; a plain object answer is JSON 200. */
export type Routes = Record<string, RouteHandler>;

function match(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i += 1) {
    const part = expected[i] ?? '';
    const value = actual[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

/**
 * The API as a map of routes, over the fetch double: unknown routes answer 404. Static routes
 * win over parameterised ones (`/api/conversations/counts` before `/api/conversations/:id`).
 */
export function installApi(routes: Routes): FetchMock & { routes: Routes } {
  const ordered = () =>
    Object.entries(routes).sort(([a], [b]) => a.split(':').length - b.split(':').length);
  const network = installFetch(async (request) => {
    const [path = '', search = ''] = request.url.split('?');
    for (const [route, handler] of ordered()) {
      const [method, pattern = ''] = route.split(' ');
      if (method !== request.method) continue;
      const params = match(pattern, path);
      if (!params) continue;
      const answer = await handler({ ...request, params, query: new URLSearchParams(search) });
      return answer instanceof Response ? answer : jsonResponse(200, answer);
    }
    return notFound(request);
  });
  return Object.assign(network, { routes });
}

/** A response the test releases when it wants to (a slow server). */
export function deferred<T = Response>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
