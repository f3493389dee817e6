import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelCall {
  system: string;
  user: string;
}

/**
 * A local OpenAI-compatible model server (`POST /v1/chat/completions`, streamed as server-sent
 * events) that answers each request with what `answer` returns for it, a word per event.
 */
export class FakeModel {
  readonly calls: ModelCall[] = [];
  baseUrl = '';
  private server?: Server;

  constructor(private readonly answer: (call: ModelCall) => string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
          res.writeHead(404).end();
          return;
        }
        const { messages } = JSON.parse(raw) as { messages: { role: string; content: string }[] };
        const call = {
          system: messages.find((m) => m.role === 'system')?.content ?? '',
          user: messages.find((m) => m.role === 'user')?.content ?? '',
        };
        this.calls.push(call);
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const content of this.answer(call).split(/(?<= )/))
          res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`);
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(null)));
  }
}
