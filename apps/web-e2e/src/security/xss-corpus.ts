import { randomUUID } from 'node:crypto';
import type { ConversationListDto, TimelineDto } from '@touchpoint/shared';
import { adminToken, api, poll } from '../support/api';
import type { Beacon } from './beacon';
import { chat, postApiMessage, sendMail, submitForm, type Delivery } from './customers';
import { ACTIONS, codeOf, pack, split, type Payload } from './xss-payloads';

/**
 * The stored-XSS corpus on its way in: a team with an agent and the supervisor, one channel of each
 * kind, and every payload through every customer field by the real intake, until the worker is done.
 */

/** The fields a customer controls, channel by channel; a payload's code names the field by index. */
export const FIELDS = [
  'email subject',
  'email From display name',
  'email text body',
  'email quoted text',
  'email HTML body',
  'email attachment file name',
  'form name',
  'form email',
  'form phone',
  'form subject',
  'form message',
  'website chat visitor name',
  'website chat visitor email',
  'website chat message',
  'API contact name',
  'API contact identifier',
  'API contact email',
  'API text',
  'API attachment file name',
] as const;
export type Field = (typeof FIELDS)[number];
const field = (name: Field) => FIELDS.indexOf(name);
/** Code space of the scripts in the hostile files (`activeFiles`). */
export const FILE_FIELD = FIELDS.length;

export const AGENT = { email: 'xss-agent@example.com', name: 'Alex Prüfer' };
export const SUPERVISOR = 'supervisor@example.com';
const WEBCHAT_SECRET = 'xss-webchat-secret-0123456789';
const API_SECRET = 'xss-api-channel-secret-0123456789';
const SHOP_ORIGIN = 'http://shop.xss.test';
const INBOX = 'kundenservice@xss.test';

/** Files whose content is a script: served as they are declared, or disguised as something harmless. */
function activeFiles(script: (index: number) => string) {
  return [
    {
      filename: 'rechnung.svg',
      contentType: 'image/svg+xml',
      content: `<svg xmlns="http://www.w3.org/2000/svg" onload="${script(0)}"><script>${script(1)}</script></svg>`,
    },
    {
      filename: 'rechnung.html',
      contentType: 'text/html',
      content: `<!doctype html><html><body><script>${script(2)}</script><img src=x onerror="${script(3)}"></body></html>`,
    },
    {
      filename: 'rechnung.xhtml',
      contentType: 'application/xhtml+xml',
      content: `<html xmlns="http://www.w3.org/1999/xhtml"><body><script>${script(4)}</script></body></html>`,
    },
    {
      filename: 'foto.png',
      contentType: 'image/png',
      content: `<svg xmlns="http://www.w3.org/2000/svg" onload="${script(5)}"/>`,
    },
    {
      filename: 'hinweis.txt',
      contentType: 'text/plain',
      content: `<html><body><script>${script(6)}</script></body></html>`,
    },
  ];
}
export const ACTIVE_FILE_COUNT = activeFiles(() => '').length;

export interface Setup {
  teamId: string;
  channels: { email: string; form: string; webchat: string; api: string };
  adminToken: string;
}

/** A team of its own with an agent and the demo supervisor, and one channel of each kind routed to it. */
export async function setUp(): Promise<Setup> {
  const token = await adminToken();
  const team = await api<{ id: string }>('/api/teams', {
    method: 'POST',
    token,
    body: JSON.stringify({ name: 'Sicherheitsprüfung' }),
  });
  const agent = await api<{ id: string }>('/api/users', {
    method: 'POST',
    token,
    body: JSON.stringify({ ...AGENT, password: 'touchpoint', role: 'agent', teamIds: [team.id] }),
  });
  const users = await api<{ id: string; email: string }[]>('/api/users', { token });
  const supervisor = users.find((u) => u.email === SUPERVISOR);
  if (!supervisor) throw new Error('The demo workspace has no supervisor');
  await api(`/api/teams/${team.id}/members`, {
    method: 'PUT',
    token,
    body: JSON.stringify({ userIds: [agent.id, supervisor.id] }),
  });
  const channel = async (kind: string, config: Record<string, unknown>) =>
    (
      await api<{ id: string }>('/api/channels', {
        method: 'POST',
        token,
        body: JSON.stringify({ kind, name: `XSS ${kind}`, teamId: team.id, config }),
      })
    ).id;
  return {
    teamId: team.id,
    adminToken: token,
    channels: {
      email: await channel('email', {
        address: INBOX,
        smtp: { host: '127.0.0.1', port: 1025, secure: false },
      }),
      form: await channel('form', { replyFrom: 'formular@xss.test' }),
      webchat: await channel('webchat', {
        secret: WEBCHAT_SECRET,
        allowedOrigins: [SHOP_ORIGIN],
      }),
      api: await channel('api', { secret: API_SECRET }),
    },
  };
}

/** Runs `work` over `items`, `size` at a time. */
async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size)
    await Promise.all(items.slice(i, i + size).map(work));
}

/** What the corpus put into each field, and which of those values the intake refused. */
export interface Corpus {
  sent: Map<Field, Set<string>>;
  refused: Map<Field, Set<string>>;
}

/** Fields the inbox shows as text: each value sent there must be on screen, character for character. */
export const SHOWN_AS_TEXT: Field[] = [
  'email subject',
  'email From display name',
  'email text body',
  'email quoted text',
  'email attachment file name',
  'form name',
  'form subject',
  'form message',
  'website chat visitor name',
  'website chat message',
  'API contact name',
  'API contact identifier',
  'API text',
  'API attachment file name',
];

/** Longest value each name and address field takes (longer ones are refused, and say so). */
const LIMITS = { formName: 120, name: 200, identifier: 255 };

/**
 * Every payload through every field. Per channel a few customers: names and identifiers hold as many
 * payloads as fit (packed with dialog scripts, which are short); every message carries one payload in
 * each of its fields, and addresses one each, so refusals are per payload. Returns what went into
 * each field and what the intake refused.
 */
export async function deliverCorpus(
  setup: Setup,
  payloads: Payload[],
  beacon: Beacon,
): Promise<Corpus> {
  const corpus: Corpus = { sent: new Map(), refused: new Map() };
  const add = (to: Map<Field, Set<string>>, name: Field, value: string) =>
    to.set(name, (to.get(name) ?? new Set()).add(value));
  const note = (delivery: Delivery, sent: Record<string, [Field, string]>) => {
    for (const [name, value] of Object.values(sent)) add(corpus.sent, name, value);
    for (const path of delivery.refused) {
      const [name, value] = sent[path] ?? [];
      if (!name) throw new Error(`The intake refused ${path}, which the corpus did not fill`);
      add(corpus.refused, name, value);
    }
  };
  const text = (k: number, name: Field) => payloads[k].text(field(name));
  const short = (k: number, name: Field) => payloads[k].short(field(name));
  const packed = (name: Field, limit: number) =>
    pack(
      payloads.map((p) => p.short(field(name))),
      limit,
    );
  const customersOf = (...packs: string[][]) =>
    split(payloads.length, Math.max(...packs.map((p) => p.length)));

  const fileScript = (index: number) =>
    `${ACTIONS[0](codeOf(FILE_FIELD, index), beacon.url)};${ACTIONS[1](codeOf(FILE_FIELD, index), beacon.url)}`;
  const files = activeFiles(fileScript);
  for (const file of files) beacon.serveFile(file.filename, file.contentType, file.content);
  for (const p of payloads) beacon.serveFile(`beleg-${p.index}.txt`, 'text/plain', 'Beleg');

  // Email: per payload one plain mail quoting an earlier one, and one HTML mail with an attachment.
  const fromNames = packed('email From display name', LIMITS.name);
  const emailCustomers = customersOf(fromNames);
  await inBatches(emailCustomers, 4, async (ks) => {
    const j = emailCustomers.indexOf(ks);
    const from = { name: fromNames[j] ?? `Kunde ${j}`, address: `kunde-${j}@xss.test` };
    for (const k of ks) {
      const sent = {
        subject: text(k, 'email subject'),
        text: text(k, 'email text body'),
        quoted: text(k, 'email quoted text'),
        html: text(k, 'email HTML body'),
        attachment: text(k, 'email attachment file name'),
      };
      await sendMail({
        inbox: INBOX,
        from,
        subject: sent.subject,
        text: `${sent.text}\n\nOn Mon, 1 Dec 2025 at 09:00, Kundenservice <${INBOX}> wrote:\n> ${sent.quoted}\n`,
      });
      const delivery = await sendMail({
        inbox: INBOX,
        from,
        subject: sent.subject,
        text: 'Die Rechnung hängt an.',
        html: sent.html,
        attachments: [
          { filename: sent.attachment, contentType: 'text/plain', content: 'Rechnung' },
        ],
      });
      note(delivery, {
        from: ['email From display name', from.name],
        subject: ['email subject', sent.subject],
        text: ['email text body', sent.text],
        quoted: ['email quoted text', sent.quoted],
        html: ['email HTML body', sent.html],
        attachment: ['email attachment file name', sent.attachment],
      });
    }
  });

  // Contact form: every post from an address of its own; a customer's posts join their conversation.
  const formNames = packed('form name', LIMITS.formName);
  const formCustomers = customersOf(formNames);
  await inBatches(formCustomers, 4, async (ks) => {
    const j = formCustomers.indexOf(ks);
    for (const k of ks) {
      const sent = {
        name: formNames[j] ?? `Formular ${j}`,
        email: short(k, 'form email'),
        phone: short(k, 'form phone'),
        subject: text(k, 'form subject'),
        message: text(k, 'form message'),
      };
      const delivery = await submitForm(
        setup.channels.form,
        sent,
        { name: `Formular ${j}`, email: `formular-${j}@xss.test`, message: `Anfrage ${k}` },
        `127.0.1.${k + 1}`,
      );
      note(delivery, {
        name: ['form name', sent.name],
        email: ['form email', sent.email],
        phone: ['form phone', sent.phone],
        subject: ['form subject', sent.subject],
        message: ['form message', sent.message],
      });
    }
  });

  // Website chat: a visitor comes back for each message (the site passing another email each time).
  const visitorNames = packed('website chat visitor name', LIMITS.name);
  const chatCustomers = customersOf(visitorNames);
  await inBatches(chatCustomers, 4, async (ks) => {
    const j = chatCustomers.indexOf(ks);
    let sessionToken: string | undefined;
    for (const k of ks) {
      const sent = {
        name: visitorNames[j] ?? `Besucher ${j}`,
        email: short(k, 'website chat visitor email'),
        text: text(k, 'website chat message'),
      };
      const delivery = await chat({
        channelId: setup.channels.webchat,
        origin: SHOP_ORIGIN,
        localAddress: `127.0.2.${k + 1}`,
        sessionToken,
        ...sent,
      });
      sessionToken = delivery.sessionToken;
      note(delivery, {
        name: ['website chat visitor name', sent.name],
        email: ['website chat visitor email', sent.email],
        message: ['website chat message', sent.text],
      });
    }
  });

  // API channel: the sender's contact (name, identifier, email), text and a file it links to.
  const apiNames = packed('API contact name', LIMITS.name);
  const identifiers = packed('API contact identifier', LIMITS.identifier);
  const apiCustomers = customersOf(apiNames, identifiers);
  await inBatches(apiCustomers, 4, async (ks) => {
    const j = apiCustomers.indexOf(ks);
    for (const k of ks) {
      const contact = {
        identifier: identifiers[j] ?? `api-kunde-${j}`,
        email: short(k, 'API contact email'),
        name: apiNames[j] ?? `API ${j}`,
      };
      const attachment = {
        url: `${beacon.filesUrl}/beleg-${k}.txt`,
        name: text(k, 'API attachment file name'),
        contentType: 'text/plain',
      };
      const body = {
        id: randomUUID(),
        contact,
        text: text(k, 'API text'),
        attachments: [attachment],
      };
      const delivery = await postApiMessage(setup.channels.api, API_SECRET, body, {
        contact: { identifier: `api-kunde-${j}`, name: `API ${j}` },
        text: `Nachricht ${k}`,
        attachments: [{ ...attachment, name: `beleg-${k}.txt` }],
      });
      note(delivery, {
        'contact.name': ['API contact name', contact.name],
        'contact.identifier': ['API contact identifier', contact.identifier],
        'contact.email': ['API contact email', contact.email],
        text: ['API text', body.text],
        'attachments.0.name': ['API attachment file name', attachment.name],
      });
    }
  });

  // The hostile files, once by email and once by the API channel (which takes the sender's word for the type).
  await sendMail({
    inbox: INBOX,
    from: { name: 'Anna Anhang', address: 'anhang@xss.test' },
    subject: 'Rechnung und Fotos',
    text: 'Anbei die Unterlagen.',
    attachments: files,
  });
  await postApiMessage(
    setup.channels.api,
    API_SECRET,
    {
      id: randomUUID(),
      contact: { identifier: 'api-anhang', name: 'API Anhang' },
      text: 'Anbei die Unterlagen.',
      attachments: files.map((f) => ({
        url: `${beacon.filesUrl}/${f.filename}`,
        name: f.filename,
        contentType: f.contentType,
      })),
    },
    {},
  );
  return corpus;
}

/** Waits until the worker has processed every delivery to the channels; fails if one failed. */
export async function drained(setup: Setup): Promise<void> {
  const events = (channelId: string, status: string) =>
    api<{ id: string; lastError: string | null }[]>(
      `/api/admin/inbound-events?status=${status}&channelId=${channelId}&limit=200`,
      { token: setup.adminToken },
    );
  const channelIds = Object.values(setup.channels);
  const done = await poll(async () => {
    for (const id of channelIds) if ((await events(id, 'pending')).length) return false;
    return true;
  }, 90_000);
  if (!done) throw new Error('Deliveries were still pending after 90 s');
  for (const id of channelIds) {
    const failed = await events(id, 'failed');
    if (failed.length)
      throw new Error(
        `A customer's message was lost: ${failed.map((e) => e.lastError).join('; ')}`,
      );
  }
}

export interface Thread {
  id: string;
  messages: number;
  attachments: number;
}

/** The team's conversations with their message and attachment counts, as the api tells the admin. */
export async function threadsOf(setup: Setup): Promise<Thread[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: ConversationListDto = await api<ConversationListDto>(
      `/api/conversations?view=all&teamId=${setup.teamId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: setup.adminToken },
    );
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor);
  const threads: Thread[] = [];
  await inBatches(ids, 8, async (id) => {
    const timeline = await api<TimelineDto>(`/api/conversations/${id}/timeline`, {
      token: setup.adminToken,
    });
    const messages = timeline.entries.flatMap((e) => (e.type === 'message' ? [e.message] : []));
    threads.push({
      id,
      messages: messages.length,
      attachments: messages.reduce((n, m) => n + m.attachments.length, 0),
    });
  });
  return threads;
}
