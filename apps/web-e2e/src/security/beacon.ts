import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  /** The code the payload's script reported (`?p=`), or the path when it sent none. */
  code: string;
  /** The request's method, or `websocket`. */
  how: string;
}

export interface Beacon {
  /** `http://127.0.0.1:<port>/hit`: payload scripts call it; every request to it is a script that ran. */
  url: string;
  /** Where the files of API-channel messages are served (`/files/<name>`), as a customer's file host. */
  filesUrl: string;
  hits: Hit[];
  /** Resolves when a request with `?p=<code>` arrived (a sentinel sent after everything else). */
  arrival(code: string): Promise<void>;
  serveFile(name: string, contentType: string, body: string): void;
  close(): Promise<void>;
}

/**
 * The attacker's end on loopback: counts every request and websocket upgrade aimed at it, whatever
 * the method, and also serves the files API-channel messages link to.
 */
export async function startBeacon(): Promise<Beacon> {
  const hits: Hit[] = [];
  const files = new Map<string, { contentType: string; body: string }>();
  const waiting = new Map<string, () => void>();

  const record = (req: IncomingMessage, how: string) => {
    const url = new URL(req.url ?? '/', 'http://beacon');
    const code = url.searchParams.get('p') ?? url.pathname;
    const arrived = waiting.get(code);
    if (arrived) arrived();
    else hits.push({ code, how });
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://beacon').pathname;
    const file = path.startsWith('/files/')
      ? files.get(decodeURIComponent(path.slice(7)))
      : undefined;
    if (file) {
      res.writeHead(200, { 'content-type': file.contentType }).end(file.body);
      return;
    }
    record(req, req.method ?? 'GET');
    res.writeHead(204, { 'access-control-allow-origin': '*', 'cache-control': 'no-store' }).end();
  });
  server.on('upgrade', (req, socket) => {
    record(req, 'websocket');
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/hit`,
    filesUrl: `${origin}/files`,
    hits,
    arrival: (code) => new Promise<void>((resolve) => waiting.set(code, resolve)),
    serveFile: (name, contentType, body) => files.set(name, { contentType, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
