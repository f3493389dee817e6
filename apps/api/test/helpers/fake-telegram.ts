import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file a method call uploaded (multipart/form-data). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One Bot API method call as the fake received it. */
export interface BotApiCall {
  token: string;
  method: string;
  params: Record<string, unknown>;
  files: UploadedFile[];
  /** The answer's HTTP status. */
  status: number;
}

/** A failure to answer instead of the method's result, in the Bot API's error format. */
export interface BotApiFailure {
  status: number;
  description: string;
  retryAfter?: number;
}

interface StoredFile {
  path: string;
  content: Buffer;
  /** What getFile tells; larger than 20 MB makes getFile refuse as Telegram does. */
  size: number;
}

const DOWNLOAD_LIMIT = 20 * 1024 * 1024;
const SEND_METHODS: Record<string, string | null> = {
  sendMessage: null,
  sendPhoto: 'photo',
  sendDocument: 'document',
  sendAudio: 'audio',
  sendVideo: 'video',
  sendAnimation: 'animation',
  sendVoice: 'voice',
};

/**
 * A Telegram Bot API on loopback that answers as https://core.telegram.org/bots/api documents:
 * `{ok, result}` or `{ok: false, error_code, description, parameters}`, the HTTP status equal to the
 * error code. It knows the bots (tokens) it was given, files added with `addFile`, blocked chats,
 * and records every call.
 */
export class FakeTelegram {
  url = '';
  readonly calls: BotApiCall[] = [];
  /** The webhook each bot registered, by token. */
  readonly webhooks = new Map<string, Record<string, unknown>>();
  /** The last delivery error getWebhookInfo reports per bot token, as Telegram keeps it. */
  readonly webhookErrors = new Map<string, { at: Date; message: string }>();
  /** Chats whose user blocked the bot. */
  readonly blocked = new Set<string>();
  /** Chats Telegram does not know (deleted account, never talked to the bot). */
  readonly unknownChats = new Set<string>();
  private readonly bots = new Set<string>();
  private readonly files = new Map<string, StoredFile>();
  private readonly failures = new Map<string, (BotApiFailure | null)[]>();
  private nextMessageId = 1000;
  private server?: Server;

  /** A new bot: its token is accepted from now on. */
  addBot(): string {
    const token = `${100000 + Math.floor(Math.random() * 900000)}:AA${randomBytes(16).toString('hex')}`;
    this.bots.add(token);
    return token;
  }

  /** A file customers can send; `announcedSize` stands in for files too big to hold in a test. */
  addFile(content: Buffer, path: string, announcedSize = content.length): string {
    const id = `file-${randomBytes(8).toString('hex')}`;
    this.files.set(id, { path, content, size: announcedSize });
    return id;
  }

  /** The next calls of `method` fail with these answers, one each; `null` answers normally. */
  failNext(method: string, ...failures: (BotApiFailure | null)[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  callsOf(method: string, chatId?: string): BotApiCall[] {
    return this.calls.filter(
      (c) => c.method === method && (chatId === undefined || String(c.params.chat_id) === chatId),
    );
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(err.message);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;

    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (download) {
      const file = [...this.files.values()].find((f) => f.path === download[2]);
      if (!this.bots.has(download[1]) || !file) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return void res.end('Not Found');
      }
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': file.content.length,
      });
      return void res.end(file.content);
    }

    const call = /^\/bot([^/]+)\/(\w+)$/.exec(path);
    if (!call) return this.answer(res, undefined, { status: 404, description: 'Not Found' });
    const [, token, method] = call;
    const { params, files } = await readParams(req, body);
    const record: BotApiCall = { token, method, params, files, status: 200 };
    this.calls.push(record);
    if (!this.bots.has(token))
      return this.answer(res, record, { status: 401, description: 'Unauthorized' });
    const failure = this.failures.get(method)?.shift();
    if (failure) return this.answer(res, record, failure);
    const result = this.run(token, method, params, files);
    if ('failure' in result) return this.answer(res, record, result.failure);
    return this.answer(res, record, undefined, result.ok);
  }

  private run(
    token: string,
    method: string,
    params: Record<string, unknown>,
    files: UploadedFile[],
  ): { ok: unknown } | { failure: BotApiFailure } {
    const bad = (description: string) => ({
      failure: { status: 400, description: `Bad Request: ${description}` },
    });
    if (method === 'getMe')
      return {
        ok: {
          id: Number(token.split(':')[0]),
          is_bot: true,
          first_name: 'Support',
          username: 'support_bot',
        },
      };
    if (method === 'getWebhookInfo') {
      const error = this.webhookErrors.get(token);
      return {
        ok: {
          url: String(this.webhooks.get(token)?.url ?? ''),
          has_custom_certificate: false,
          pending_update_count: error ? 3 : 0,
          ...(error && {
            last_error_date: Math.floor(error.at.getTime() / 1000),
            last_error_message: error.message,
          }),
        },
      };
    }
    if (method === 'setWebhook') {
      const url = String(params.url ?? '');
      if (!url.startsWith('https://'))
        return bad('bad webhook: An HTTPS URL must be provided for webhook');
      if (
        params.secret_token !== undefined &&
        !/^[A-Za-z0-9_-]{1,256}$/.test(String(params.secret_token))
      )
        return bad('secret token contains unallowed characters');
      this.webhooks.set(token, params);
      return { ok: true };
    }
    if (method === 'deleteWebhook') {
      this.webhooks.delete(token);
      return { ok: true };
    }
    if (method === 'getFile') {
      const id = String(params.file_id ?? '');
      const file = this.files.get(id);
      if (!file) return bad('invalid file_id');
      if (file.size > DOWNLOAD_LIMIT) return bad('file is too big');
      return {
        ok: { file_id: id, file_unique_id: `u${id}`, file_size: file.size, file_path: file.path },
      };
    }
    if (method in SEND_METHODS) {
      const chatId = String(params.chat_id ?? '');
      if (!chatId) return bad('chat_id is empty');
      if (this.unknownChats.has(chatId)) return bad('chat not found');
      if (this.blocked.has(chatId))
        return { failure: { status: 403, description: 'Forbidden: bot was blocked by the user' } };
      const field = SEND_METHODS[method];
      const message: Record<string, unknown> = {
        message_id: this.nextMessageId++,
        from: { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Support' },
        chat: { id: Number(chatId), type: 'private' },
        date: Math.floor(Date.now() / 1000),
      };
      if (field === null) {
        const text = String(params.text ?? '');
        if (!text.trim()) return bad('message text is empty');
        if (text.length > 4096) return bad('message is too long');
        message.text = text;
      } else {
        const file = files.find((f) => f.field === field);
        if (!file) return bad(`there is no ${field} in the request`);
        message[field] = {
          file_id: `sent-${randomBytes(4).toString('hex')}`,
          file_size: file.content.length,
        };
      }
      return { ok: message };
    }
    return { failure: { status: 404, description: 'Not Found: method not found' } };
  }

  private answer(
    res: ServerResponse,
    record: BotApiCall | undefined,
    failure: BotApiFailure | undefined,
    result?: unknown,
  ): void {
    const status = failure?.status ?? 200;
    if (record) record.status = status;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        failure
          ? {
              ok: false,
              error_code: failure.status,
              description: failure.description,
              ...(failure.retryAfter !== undefined && {
                parameters: { retry_after: failure.retryAfter },
              }),
            }
          : { ok: true, result },
      ),
    );
  }
}

/** Parameters as the Bot API takes them: query string, JSON, urlencoded or multipart form. */
async function readParams(
  req: IncomingMessage,
  body: Buffer,
): Promise<{ params: Record<string, unknown>; files: UploadedFile[] }> {
  const params: Record<string, unknown> = Object.fromEntries(
    new URL(req.url ?? '/', 'http://fake').searchParams,
  );
  const files: UploadedFile[] = [];
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json') && body.length)
    Object.assign(params, JSON.parse(body.toString('utf8')));
  else if (type.startsWith('application/x-www-form-urlencoded'))
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  else if (type.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    for (const [name, value] of form) {
      if (typeof value === 'string') params[name] = value;
      else
        files.push({
          field: name,
          filename: value.name,
          contentType: value.type,
          content: Buffer.from(await value.arrayBuffer()),
        });
    }
  }
  return { params, files };
}
