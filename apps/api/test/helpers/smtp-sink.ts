import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerError } from 'smtp-server';

/** One message the sink accepted. */
export interface SunkMessage {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** Channel `smtp` config that points at this sink. */
  smtp: { host: string; port: number; secure: false; user?: string; pass?: string };
  /** Every accepted message, in order. */
  messages: SunkMessage[];
  /** SMTP connections opened so far (a pooling client opens few). */
  readonly connections: number;
  /** Answer RCPT TO (or DATA) with this code from now on, e.g. 550 or 451; `null` accepts again. */
  rejectWith(code: number | null, stage?: 'rcpt' | 'data'): void;
  /** Resolves once `count` messages arrived in total (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SunkMessage[]>;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * A loopback SMTP server that records what it receives: stands in for a channel's SMTP relay in
 * tests. With `auth`, it requires those credentials (wrong ones get 535).
 */
export async function startSmtpSink(
  opts: { auth?: { user: string; pass: string } } = {},
): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const waiters: (() => void)[] = [];
  let reject: { code: number; stage: 'rcpt' | 'data' } | null = null;
  let connections = 0;

  const server = new SMTPServer({
    logger: false,
    // Pooling clients keep idle connections open: close() cuts them after this instead of 30 s.
    closeTimeout: 500,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === opts.auth?.user && auth.password === opts.auth?.pass)
        return callback(null, { user: auth.username });
      callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(_address, _session, callback) {
      if (reject?.stage === 'rcpt')
        return callback(smtpError(reject.code, `Rejected (${reject.code})`));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (reject?.stage === 'data')
          return callback(smtpError(reject.code, `Rejected (${reject.code})`));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            messages.push({
              envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) },
              raw,
              parsed,
            });
            waiters.splice(0).forEach((wake) => wake());
            callback(null, 'Sunk');
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    smtp: { host: '127.0.0.1', port, secure: false, ...(opts.auth ?? {}) },
    messages,
    get connections() {
      return connections;
    },
    rejectWith(code, stage = 'rcpt') {
      reject = code === null ? null : { code, stage };
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`SMTP sink got ${messages.length} of ${count} messages`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left).unref();
        });
      }
      return messages.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
