// What the fault suite does from outside: a custom source posting signed messages to the API channel's
// webhook, an agent using the REST API and the realtime socket, and a callback receiver for replies.
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { io } from 'socket.io-client';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `sha256=<hex HMAC of the raw body>`, as the API channel verifies it. */
export const sign = (raw, secret) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

/** One HTTP call; never throws: network failures come back as status 0. */
export async function call(
  url,
  { method = 'GET', token, body, headers = {}, timeoutMs = 15_000 } = {},
) {
  try {
    const res = await fetch(url, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  } catch (err) {
    return { status: 0, headers: new Headers(), error: err, text: String(err?.cause ?? err) };
  }
}

/** Signs in and returns the access token. */
export async function login(baseUrl, email, password) {
  const res = await call(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    body: { email, password },
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
  return res.json.accessToken;
}

/** An API channel (with `callbackUrl` for replies) of a new team, made through the admin API. */
export async function makeApiChannel(baseUrl, token, name, callbackUrl) {
  const team = await call(`${baseUrl}/api/teams`, { method: 'POST', token, body: { name } });
  if (team.status !== 201) throw new Error(`team: ${team.status} ${team.text}`);
  const secret = `fault-${randomUUID()}`;
  const channel = await call(`${baseUrl}/api/channels`, {
    method: 'POST',
    token,
    body: {
      kind: 'api',
      name,
      teamId: team.json.id,
      config: { secret, ...(callbackUrl && { callbackUrl }) },
    },
  });
  if (channel.status !== 201) throw new Error(`channel: ${channel.status} ${channel.text}`);
  return { id: channel.json.id, teamId: team.json.id, secret };
}

/**
 * A custom source delivering messages: each is posted until it gets a 2xx (as providers retry), to
 * the next of `urls()` (the api processes alive). `acked` holds every id that got a 2xx, with when.
 */
export class Sender {
  constructor(channel, urls) {
    this.channel = channel;
    this.urls = urls;
    this.next = 0;
    this.acked = new Map();
    /** Answers by status (0: no answer), for the table. */
    this.statuses = new Map();
    this.posts = 0;
    /** Non-2xx answers that were not 503 with Retry-After (a server error, a wrong refusal). */
    this.badRefusals = [];
  }

  body(id, contact) {
    return JSON.stringify({
      id,
      contact: { identifier: contact, name: contact },
      text: `message ${id}`,
    });
  }

  /** Posts one delivery once; returns the answer. */
  async postOnce(id, contact) {
    const list = this.urls();
    const base = list[this.next++ % list.length];
    const raw = this.body(id, contact);
    this.posts += 1;
    const res = await call(`${base}/webhooks/api/${this.channel.id}`, {
      method: 'POST',
      body: raw,
      headers: { 'x-touchpoint-signature': sign(raw, this.channel.secret) },
      timeoutMs: 20_000,
    });
    this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 200 && res.status < 300) {
      if (!this.acked.has(id)) this.acked.set(id, Date.now());
    } else if (res.status !== 0 && !(res.status === 503 && res.headers.get('retry-after'))) {
      this.badRefusals.push(`${res.status} ${res.text.slice(0, 200)}`);
    }
    return res;
  }

  /** Posts until a 2xx, backing off a little on failures; gives up after `deadlineMs`. */
  async deliver(id, contact, deadlineMs = 120_000) {
    const until = Date.now() + deadlineMs;
    let wait = 50;
    for (;;) {
      const res = await this.postOnce(id, contact);
      if (res.status >= 200 && res.status < 300) return true;
      if (Date.now() > until) return false;
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(retryAfter > 0 ? Math.min(retryAfter * 1000, 2000) : wait);
      wait = Math.min(wait * 2, 1000);
    }
  }

  /**
   * `count` deliveries with ids `<prefix>-<i>` from `contacts` customers, `concurrency` at a time;
   * `onProgress(sent)` after each (a scenario kills processes from there).
   */
  async flood({ prefix, count, contacts, concurrency = 16, onProgress }) {
    let i = 0;
    let done = 0;
    const failed = [];
    const lane = async () => {
      while (i < count) {
        const n = i++;
        const ok = await this.deliver(`${prefix}-${n}`, `${prefix}-contact-${n % contacts}`);
        if (!ok) failed.push(n);
        done += 1;
        await onProgress?.(done);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { failed };
  }
}

/**
 * An agent's realtime socket, as the inbox keeps it: it counts `message.created` per message id as
 * it arrives live, and after a reconnect catches up every conversation it knows with `after=seq`.
 */
export class AgentSocket {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.live = new Set();
    this.caughtUp = new Set();
    /** conversationId -> highest seq seen. */
    this.seen = new Map();
    this.reconnects = 0;
    this.catchUps = [];
  }

  async connect() {
    this.socket = io(this.baseUrl, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 1000,
    });
    let first = true;
    const ready = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('agent socket not ready in 10 s')), 10_000);
      this.socket.on('session.ready', () => {
        clearTimeout(timer);
        if (!first) {
          this.reconnects += 1;
          this.catchUps.push(this.catchUp(this.caughtUp));
        }
        first = false;
        resolve();
      });
    });
    this.socket.on('message.created', (p) => {
      this.live.add(p.message.id);
      this.note(p.conversationId, p.seq);
    });
    await ready;
  }

  note(conversationId, seq) {
    if ((this.seen.get(conversationId) ?? 0) < seq) this.seen.set(conversationId, seq);
  }

  /** Every message after the last seen seq of each known conversation goes into `into`. */
  async catchUp(into, conversationIds = [...this.seen.keys()]) {
    for (const id of conversationIds) {
      let after = this.seen.get(id) ?? 0;
      for (;;) {
        const res = await call(
          `${this.baseUrl}/api/conversations/${id}/timeline?after=${after}&limit=500`,
          {
            token: this.token,
          },
        );
        if (res.status !== 200) break;
        for (const e of res.json.entries) if (e.type === 'message') into.add(e.message.id);
        if (res.json.lastSeq > after) this.note(id, res.json.lastSeq);
        after = res.json.lastSeq;
        if (!res.json.hasMore) break;
      }
    }
  }

  close() {
    this.socket?.close();
  }
}

/**
 * A callback URL for replies that is slow and fails sometimes: `refuse` of the calls get 503 before
 * they count, `loseAnswer` are kept but answered 500 (the sender cannot know it arrived).
 */
export class SlowReceiver {
  constructor({ minMs = 20, maxMs = 400, refuse = 0.1, loseAnswer = 0.05 } = {}) {
    Object.assign(this, { minMs, maxMs, refuse, loseAnswer });
    /** Calls the receiver kept: { key, messageId, heard: what the sender learnt of it }. */
    this.kept = [];
    this.refused = 0;
    this.calls = 0;
  }

  async start() {
    this.server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      // A sender killed while it waits never hears the answer: its copy is in the resend window.
      let senderGone = false;
      const gone = () => (senderGone = true);
      req.socket.once('close', gone);
      req.on('end', async () => {
        this.calls += 1;
        await sleep(this.minMs + Math.random() * (this.maxMs - this.minMs));
        req.socket.off('close', gone);
        if (Math.random() < this.refuse) {
          this.refused += 1;
          res.writeHead(503).end();
          return;
        }
        let body = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // Counted with an empty body: the check on message ids fails.
        }
        const status = Math.random() < this.loseAnswer ? 500 : 200;
        this.kept.push({
          key: req.headers['idempotency-key'],
          messageId: body.messageId,
          // What the sender learnt: a success only if it was still there to hear the 200.
          heard: status < 300 && !senderGone ? 'success' : senderGone ? 'nothing' : 'error',
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `rcv-${this.kept.length}` }));
      });
    });
    await new Promise((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${this.server.address().port}/callback`;
    return this;
  }

  /**
   * Repeats of a kept call, by what the sender had learnt from the copies before: an error answer or
   * no answer (it died waiting) make a resend right; a success it heard makes the repeat a double send.
   */
  repeats() {
    const learnt = new Map();
    const out = { afterError: 0, afterNoAnswer: 0, afterSuccess: 0 };
    for (const c of this.kept) {
      const before = learnt.get(c.key);
      if (before === 'success') out.afterSuccess += 1;
      else if (before === 'nothing') out.afterNoAnswer += 1;
      else if (before === 'error') out.afterError += 1;
      if (before !== 'success') learnt.set(c.key, c.heard === 'error' && before ? before : c.heard);
    }
    return out;
  }

  stop() {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
