import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat-completions request as the model server received it. */
export interface ModelRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    stream: boolean;
    messages: { role: string; content: string }[];
    max_tokens?: number;
  };
}

/**
 * How the next request is answered: `pieces` streams them as OpenAI-style events; `status` answers
 * that HTTP error; `slow` never answers (the caller's time limit must end it); `hang` streams the
 * pieces and then waits until the caller goes away.
 */
export type ModelAnswer =
  { pieces: string[] } | { status: number } | { slow: true } | { hang: string[] };

/** A local OpenAI-compatible model server on loopback (`POST /v1/chat/completions`, streaming). */
export class FakeModelServer {
  readonly requests: ModelRequest[] = [];
  /** Answers for the next requests, one each, before `answer` applies again. */
  readonly next: ModelAnswer[] = [];
  answer: ModelAnswer = { pieces: ['Hello', ' from', ' the model.'] };
  /** Answers the caller went away from before they ended. */
  abandoned = 0;
  /** e.g. http://127.0.0.1:41234/v1 */
  baseUrl = '';
  private server?: Server;

  get last(): ModelRequest | undefined {
    return this.requests.at(-1);
  }

  /** Everything sent in the last request, system prompt and conversation. */
  get lastText(): string {
    return (this.last?.body.messages ?? []).map((m) => m.content).join('\n');
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString()));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    this.requests.push({
      path: req.url,
      authorization: req.headers.authorization,
      body: JSON.parse(raw) as ModelRequest['body'],
    });
    const answer = this.next.shift() ?? this.answer;
    res.on('close', () => {
      if (!res.writableFinished) this.abandoned++;
    });
    if ('slow' in answer) return;
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided: sk-****' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const pieces = 'pieces' in answer ? answer.pieces : answer.hang;
    for (const content of pieces)
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`);
    if ('hang' in answer) return;
    res.end('data: [DONE]\n\n');
  }
}
