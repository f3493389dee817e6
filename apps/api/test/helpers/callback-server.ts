import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
}

/** A loopback HTTP endpoint standing in for a custom source's callback URL. */
export class CallbackServer {
  readonly calls: ReceivedCall[] = [];
  /** Status to answer with; change it to simulate an outage. */
  status = 200;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        if (this.status < 300)
          this.calls.push({ headers: req.headers, raw, body: JSON.parse(raw) });
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `cb-${this.calls.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/callback`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
