import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import nodemailer from 'nodemailer';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import {
  WIDGET_ERRORS,
  WIDGET_EVENTS,
  WIDGET_NAMESPACE,
  type WidgetAck,
  type WidgetSessionPayload,
} from '@touchpoint/shared';
import { baseUrl, smtpPort } from '../support/e2e-env';

/**
 * Customers writing in through the real intake: SMTP, the contact form, the website chat's socket and
 * the signed API webhook. Each website customer comes from a loopback address of their own
 * (127.0.<channel>.<n>), as distinct people do, so per-address limits see distinct people.
 */

/** What one delivery tried: every field it filled, and the ones the intake refused with a 4xx. */
export interface Delivery {
  refused: string[];
}

interface ErrorBody {
  message?: string;
  details?: { path: string }[];
}

/**
 * The fields a 400 names: `details[].path` (validation errors), else the leading path of each
 * `; `-separated part of the message (the webhook's "contact.name Too big: …").
 */
function refusedPaths(body: ErrorBody): string[] {
  if (body.details?.length) return body.details.map((d) => d.path).filter(Boolean);
  return (body.message ?? '')
    .split('; ')
    .map((part) => /^([\w]+(?:\.[\w]+)*) /.exec(part)?.[1] ?? '')
    .filter(Boolean);
}

function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  localAddress?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        localAddress,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Posts `fields` (a JSON body); while the answer is a 400 naming fields, those fields take their
 * harmless `fallback` values (or go) and the rest is posted again. Fails on any other answer.
 */
async function postWithFallback(
  url: string,
  fields: Record<string, unknown>,
  fallback: Record<string, unknown>,
  options: { headers?: (raw: string) => Record<string, string>; localAddress?: string } = {},
): Promise<Delivery> {
  const refused: string[] = [];
  let body = structuredClone(fields);
  for (let attempt = 0; attempt < 5; attempt++) {
    const raw = JSON.stringify(body);
    const res = await post(
      url,
      raw,
      { 'content-type': 'application/json', ...options.headers?.(raw) },
      options.localAddress,
    );
    if (res.status >= 200 && res.status < 300) return { refused };
    const paths = res.status === 400 ? refusedPaths(JSON.parse(res.body) as ErrorBody) : [];
    const fresh = paths.filter((p) => !refused.includes(p));
    if (fresh.length === 0) throw new Error(`POST ${url} answered ${res.status}: ${res.body}`);
    refused.push(...fresh);
    body = replaceAt(body, fresh, fallback);
  }
  throw new Error(`POST ${url} kept refusing: ${refused.join(', ')}`);
}

/** `body` with the values at `paths` (dotted) replaced by those at the same paths of `fallback`. */
function replaceAt(
  body: Record<string, unknown>,
  paths: string[],
  fallback: Record<string, unknown>,
): Record<string, unknown> {
  const copy = structuredClone(body);
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let target: Record<string, unknown> = copy;
    let source: unknown = fallback;
    for (const key of keys) {
      target = target[key] as Record<string, unknown>;
      source = (source as Record<string, unknown> | undefined)?.[key];
    }
    const value = (source as Record<string, unknown> | undefined)?.[last];
    if (value === undefined) delete target[last];
    else target[last] = value;
  }
  return copy;
}

export interface MailCustomer {
  inbox: string;
  from: { name: string; address: string };
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; content: string }[];
}

/** Mails `mail` to the SMTP intake, as a customer's mail server would. */
export async function sendMail(mail: MailCustomer): Promise<Delivery> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort(),
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.inbox,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html !== undefined && { html: mail.html }),
      attachments: mail.attachments,
    });
  } finally {
    transport.close();
  }
  return { refused: [] };
}

/** Posts the contact form `channelId` from `localAddress`. */
export function submitForm(
  channelId: string,
  fields: Record<string, string>,
  fallback: Record<string, string>,
  localAddress: string,
): Promise<Delivery> {
  return postWithFallback(`${baseUrl()}/forms/${channelId}`, fields, fallback, { localAddress });
}

/** Posts a message to the API channel's webhook, signed with `secret`. */
export function postApiMessage(
  channelId: string,
  secret: string,
  body: Record<string, unknown>,
  fallback: Record<string, unknown>,
): Promise<Delivery> {
  return postWithFallback(`${baseUrl()}/webhooks/api/${channelId}`, body, fallback, {
    headers: (raw) => ({
      'x-touchpoint-signature': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
    }),
  });
}

export interface ChatVisitor {
  channelId: string;
  origin: string;
  localAddress: string;
  /** The session of an earlier visit (the widget keeps it in localStorage). */
  sessionToken?: string;
  name?: string;
  email?: string;
  text: string;
}

/** Opens the widget socket as `visitor`: its session, or the refusal of the handshake. */
function connectVisitor(
  visitor: ChatVisitor,
  auth: Record<string, string>,
): Promise<{ socket: ReturnType<typeof io>; sessionToken?: string; refusal?: string }> {
  // localAddress reaches the websocket transport (engine.io passes it on); its types do not name it.
  const options: Partial<ManagerOptions & SocketOptions> & { localAddress: string } = {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: visitor.origin },
    localAddress: visitor.localAddress,
  };
  const socket = io(`${baseUrl()}${WIDGET_NAMESPACE}`, options);
  return new Promise((resolve) => {
    socket.once(WIDGET_EVENTS.session, (session: WidgetSessionPayload) =>
      resolve({ socket, sessionToken: session.sessionToken }),
    );
    socket.once('connect_error', (err: Error) => resolve({ socket, refusal: err.message }));
  });
}

/**
 * A website visitor opens the chat (with its name and email as the site passes them) and sends
 * `text`. A refused handshake is tried again without the name, then without the email, then without
 * both; what it took is what the intake refused.
 */
export async function chat(visitor: ChatVisitor): Promise<Delivery & { sessionToken: string }> {
  const base: Record<string, string> = {
    channelId: visitor.channelId,
    ...(visitor.sessionToken !== undefined && { sessionToken: visitor.sessionToken }),
  };
  const name: Record<string, string> = visitor.name !== undefined ? { name: visitor.name } : {};
  const email: Record<string, string> = visitor.email !== undefined ? { email: visitor.email } : {};
  const tries: [Record<string, string>, string[]][] = [
    [{ ...base, ...name, ...email }, []],
    [{ ...base, ...email }, ['name']],
    [{ ...base, ...name }, ['email']],
    [base, ['name', 'email']],
  ];
  for (const [auth, refused] of tries) {
    const { socket, sessionToken, refusal } = await connectVisitor(visitor, auth);
    if (refusal !== undefined || !sessionToken) {
      socket.close();
      continue;
    }
    try {
      const ack = (await socket.emitWithAck(WIDGET_EVENTS.send, {
        clientMessageId: randomUUID(),
        text: visitor.text,
      })) as WidgetAck;
      if (ack.ok) return { refused, sessionToken };
      if (ack.error !== WIDGET_ERRORS.invalidMessage)
        throw new Error(`The website chat did not take the message: ${ack.error}`);
      return { refused: [...refused, 'message'], sessionToken };
    } finally {
      socket.close();
    }
  }
  throw new Error('The website chat refused the visitor even without name and email');
}
