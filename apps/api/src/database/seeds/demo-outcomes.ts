import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  ALWAYS_OPEN_CALENDAR,
  businessCalendarSchema,
  type BusinessCalendar,
  type ChannelKind,
} from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import { generator, insertRows } from './demo-history';
import { keepJourneys } from '../../modules/conversations/conversation-writer';
import { surveyLanguage, surveyText } from '../../modules/satisfaction/satisfaction-texts';
import { addBusinessSeconds, businessSecondsBetween } from '../../modules/sla/business-time';

/**
 * What the demo's last 30 days need besides the generated history for the journeys and
 * satisfaction views to tell something: a few conversations the customer opened again after their
 * resolution, website chats the visitor left before anyone answered, and the satisfaction survey
 * the app asks after each resolution, rated by some customers (with a comment now and then) and
 * left unanswered by the others. Rows as the conversation writer and the survey would leave them,
 * written in bulk with the history, from a fixed seed; then the writer works out every seeded
 * conversation's journey figures.
 */

/** Days back that get the reopened and abandoned conversations and the surveys. */
export const DEMO_OUTCOME_DAYS = 30;
/** Every how many resolved conversations of those days one was opened again. */
const REOPEN_EVERY = 28;
/** Website chats left unanswered by their visitor in those days. */
const ABANDONED_CHATS = 14;
/** The survey goes out this long after the resolution (`csat_settings.delay_seconds`' default). */
const SURVEY_DELAY_MS = 10 * 60_000;
/** Share of customers who rate, per team. */
const RESPONSE_RATE: Record<string, number> = { Service: 0.42, Sales: 0.3, Marketing: 0.48 };
/** Agents' usual rating; customers of a reopened conversation rate lower. */
const AGENT_MEAN = [4.5, 3.8, 4.3, 3.6, 4.4];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const COMMENTS: Record<'low' | 'mid' | 'high', string[]> = {
  low: [
    'Hat viel zu lange gedauert.',
    'Ich musste dreimal nachfragen.',
    'The problem came back a day later.',
    'Niemand hat sich zurückgemeldet, bis ich noch einmal geschrieben habe.',
  ],
  mid: [
    'Am Ende hat es geklappt.',
    'Freundlich, aber etwas langsam.',
    'OK, the answer could have been clearer.',
  ],
  high: [
    'Schnell und freundlich, danke!',
    'Super Service, sofort gelöst.',
    'Very helpful, thank you!',
    'Kompetente Beratung, gern wieder.',
    'Das Angebot kam noch am selben Tag.',
  ],
};

const REOPEN_TEXT = {
  inbound: 'Leider ist das Problem doch nicht gelöst. Können Sie noch einmal nachsehen?',
  reply: 'Entschuldigung! Wir haben es jetzt endgültig geklärt.',
};
const ABANDONED_TEXTS = [
  'Hallo, ist jemand da?',
  'Kann ich meine Bestellung noch ändern?',
  'Hi, do you ship to Austria?',
  'Wie lange dauert die Lieferung?',
];

type Random = ReturnType<typeof generator>;

interface Resolved {
  id: string;
  contact_id: string;
  contact_email: string | null;
  contact_language: string | null;
  team_id: string | null;
  team_name: string | null;
  business_hours: unknown;
  owner_id: string | null;
  last_seq: number;
  last_inbound_channel_id: string;
  channel_kind: ChannelKind;
  channel_name: string;
  resolved_at: Date;
  first_response_at: Date | null;
  created_at: Date;
}

interface Rows {
  messages: Record<string, unknown>[];
  events: Record<string, unknown>[];
}

const calendarOf = (stored: unknown): BusinessCalendar => {
  const parsed = businessCalendarSchema.safeParse(stored);
  return stored && parsed.success ? parsed.data : ALWAYS_OPEN_CALENDAR;
};

/** Adds the outcomes to the freshly seeded history (inside the seeding transaction). */
export async function seedDemoOutcomes(m: EntityManager, now: Date): Promise<void> {
  const random = generator(20261208);
  const since = new Date(now.getTime() - DEMO_OUTCOME_DAYS * 86_400_000);
  await reopenSome(m, random, since, now);
  await abandonChats(m, random, since, now);
  await askForRatings(m, random, since, now);
  // The journey figures the writer keeps with each conversation, for the whole history.
  const all: { id: string }[] = await m.query('SELECT id FROM conversations');
  await keepJourneys(
    m,
    all.map((c) => c.id),
  );
}

const resolvedSince = (m: EntityManager, since: Date, extra = ''): Promise<Resolved[]> =>
  m.query(
    `SELECT c.id, c.contact_id, k.email AS contact_email, k.language AS contact_language,
            c.team_id, t.name AS team_name, t.business_hours, c.owner_id, c.last_seq,
            c.last_inbound_channel_id, ch.kind AS channel_kind, ch.name AS channel_name,
            c.resolved_at, c.first_response_at, c.created_at
       FROM conversations c
       JOIN contacts k ON k.id = c.contact_id
       JOIN channels ch ON ch.id = c.last_inbound_channel_id
       LEFT JOIN teams t ON t.id = c.team_id
      WHERE c.status = 'resolved' AND c.resolved_at >= $1 AND c.merged_into_id IS NULL ${extra}
      ORDER BY c.created_at, c.id`,
    [since],
  );

/**
 * Every REOPEN_EVERY-th resolved conversation: the customer wrote again a few hours to days later
 * (on the channel they used last), which opened it again; the owner answered and resolved it anew.
 */
async function reopenSome(m: EntityManager, random: Random, since: Date, now: Date) {
  const rows: Rows = { messages: [], events: [] };
  const candidates = (await resolvedSince(m, since)).filter(
    (c, i) => c.owner_id && i % REOPEN_EVERY === REOPEN_EVERY - 1,
  );
  for (const c of candidates) {
    const calendar = calendarOf(c.business_hours);
    const reopenedAt = new Date(c.resolved_at.getTime() + (3 + random.next() * 60) * HOUR);
    const repliedAt = addBusinessSeconds(
      calendar,
      reopenedAt,
      Math.round(20 + random.next() * 60) * 60,
    );
    const resolvedAt = new Date(repliedAt.getTime() + (0.5 + random.next() * 3) * HOUR);
    if (resolvedAt.getTime() > now.getTime() - HOUR) continue;
    const channel = { id: c.last_inbound_channel_id, kind: c.channel_kind, name: c.channel_name };
    let seq = c.last_seq;
    rows.events.push(
      event(c.id, ++seq, reopenedAt, 'conversation.reopened', null, {
        from: 'resolved',
        channel,
      }),
    );
    rows.messages.push(message(c, ++seq, reopenedAt, 'inbound', REOPEN_TEXT.inbound));
    rows.messages.push(message(c, ++seq, repliedAt, 'outbound', REOPEN_TEXT.reply));
    rows.events.push(
      event(c.id, ++seq, resolvedAt, 'conversation.status_changed', c.owner_id, {
        from: 'open',
        to: 'resolved',
      }),
    );
    await m.query(
      `UPDATE conversations SET reopened_at = $2, resolved_at = $3, updated_at = $3, last_seq = $4,
              last_activity_at = $5, last_inbound_at = $2, preview_text = $6, preview_type = 'outbound',
              replies_count = replies_count + 1, resolution_seconds = $7
        WHERE id = $1`,
      [
        c.id,
        reopenedAt,
        resolvedAt,
        seq,
        repliedAt,
        REOPEN_TEXT.reply,
        Math.round(businessSecondsBetween(calendar, reopenedAt, resolvedAt)),
      ],
    );
  }
  await insertOutcomeRows(m, rows);
}

/**
 * Website visitors who asked something and left before anybody answered; the chat's team closed
 * the chats unanswered a day or two later.
 */
async function abandonChats(m: EntityManager, random: Random, since: Date, now: Date) {
  const [chat]: { id: string; kind: ChannelKind; name: string; team_id: string }[] = await m.query(
    `SELECT id, kind, name, team_id FROM channels WHERE kind = 'webchat' ORDER BY created_at LIMIT 1`,
  );
  if (!chat) return;
  const [closer]: { id: string }[] = await m.query(
    `SELECT u.id FROM users u JOIN team_memberships tm ON tm.user_id = u.id
      WHERE tm.team_id = $1 AND u.role = 'agent' ORDER BY u.email LIMIT 1`,
    [chat.team_id],
  );
  if (!closer) return;
  const contacts: { id: string }[] = await m.query(
    `SELECT id FROM contacts ORDER BY email LIMIT 400`,
  );
  const rows: Rows = { messages: [], events: [] };
  const conversations: unknown[][] = [];
  const span = now.getTime() - since.getTime() - 3 * 86_400_000;
  for (let i = 0; i < ABANDONED_CHATS; i++) {
    const id = randomUUID();
    const contact = random.pick(contacts);
    const created = new Date(since.getTime() + ((i + random.next()) / ABANDONED_CHATS) * span);
    const resolved = new Date(created.getTime() + (20 + random.next() * 30) * HOUR);
    const text = random.pick(ABANDONED_TEXTS);
    const channel = { id: chat.id, kind: chat.kind, name: chat.name };
    rows.events.push(event(id, 1, created, 'conversation.opened', null, { channel }));
    rows.messages.push({
      conversation_id: id,
      seq: 2,
      created_at: created,
      type: 'inbound',
      channel_id: chat.id,
      author_user_id: null,
      contact_id: contact.id,
      text,
      delivery_status: null,
      client_message_id: null,
      metadata: '{}',
      updated_at: created,
    });
    rows.events.push(
      event(id, 3, resolved, 'conversation.status_changed', closer.id, {
        from: 'open',
        to: 'resolved',
      }),
    );
    conversations.push([
      id,
      contact.id,
      chat.team_id,
      created,
      resolved,
      text,
      chat.id,
      Math.round((resolved.getTime() - created.getTime()) / 1000),
      randomBytes(10).toString('hex'),
    ]);
  }
  const column = (n: number) => conversations.map((c) => c[n]);
  await m.query(
    `INSERT INTO conversations (id, contact_id, team_id, status, priority, reply_token, last_seq,
            last_activity_at, last_inbound_at, last_inbound_channel_id, channel_kinds, preview_text,
            preview_type, created_at, updated_at, resolved_at, resolution_seconds, replies_count)
     SELECT t.id, t.contact_id, t.team_id, 'resolved', 'normal', t.reply_token, 3, t.created, t.created, t.channel_id, ARRAY['webchat']::varchar[], t.text, 'inbound',
            t.created, t.resolved, t.resolved, t.seconds, 0
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[],
                   $6::varchar[], $7::uuid[], $8::int[], $9::varchar[])
            AS t(id, contact_id, team_id, created, resolved, text, channel_id, seconds, reply_token)`,
    [0, 1, 2, 3, 4, 5, 6, 7, 8].map(column),
  );
  await insertOutcomeRows(m, rows);
}

/**
 * The survey after each resolution of the last days, in the channel the customer used last: the
 * message as the app sends it, and the survey requested, or rated through the link (email, form)
 * or in the chat widget, with a comment now and then.
 */
async function askForRatings(m: EntityManager, random: Random, since: Date, now: Date) {
  const agents: { id: string }[] = await m.query(
    `SELECT id FROM users WHERE role = 'agent' ORDER BY email`,
  );
  const meanOf = new Map(agents.map((a, i) => [a.id, AGENT_MEAN[i % AGENT_MEAN.length]!]));
  const conversations = await resolvedSince(
    m,
    since,
    `AND EXISTS (SELECT 1 FROM messages x WHERE x.conversation_id = c.id AND x.type = 'inbound')`,
  );
  const reopened = new Set(
    (
      (await m.query(`SELECT id FROM conversations WHERE reopened_at >= $1`, [since])) as {
        id: string;
      }[]
    ).map((r) => r.id),
  );
  const rows: Rows = { messages: [], events: [] };
  const surveys: Record<string, unknown>[] = [];
  for (const c of conversations) {
    const requestedAt = new Date(c.resolved_at.getTime() + SURVEY_DELAY_MS);
    if (requestedAt.getTime() > now.getTime() - MINUTE || !c.contact_email) continue;
    const messageId = randomUUID();
    const token = randomBytes(24).toString('base64url');
    rows.messages.push({
      ...message(c, c.last_seq + 1, requestedAt, 'outbound', ''),
      id: messageId,
      author_user_id: null,
      text: surveyText(
        c.channel_kind,
        surveyLanguage(c.contact_language ?? 'de'),
        `https://touchpoint.example/csat/${token}`,
      ),
      client_message_id: randomUUID(),
      metadata: JSON.stringify({ address: c.contact_email, system: 'csat' }),
    });
    const rates = random.next() < (RESPONSE_RATE[c.team_name ?? ''] ?? 0.35);
    let rating: number | null = null;
    let comment: string | null = null;
    if (rates) {
      const slow =
        !c.first_response_at || c.first_response_at.getTime() - c.created_at.getTime() > 4 * HOUR;
      const mean =
        (c.owner_id ? (meanOf.get(c.owner_id) ?? 4) : 3) -
        (reopened.has(c.id) ? 2 : 0) -
        (slow ? 0.5 : 0);
      rating = Math.min(5, Math.max(1, Math.round(mean + (random.next() - 0.5) * 3)));
      if (random.next() < 0.45)
        comment = random.pick(COMMENTS[rating <= 2 ? 'low' : rating === 3 ? 'mid' : 'high']);
    }
    const ratedAt = rates
      ? new Date(
          Math.min(
            requestedAt.getTime() + (0.2 + random.next() * 20) * HOUR,
            now.getTime() - MINUTE,
          ),
        )
      : null;
    surveys.push({
      conversation_id: c.id,
      contact_id: c.contact_id,
      status: rates ? 'rated' : 'requested',
      team_id: c.team_id,
      owner_id: c.owner_id,
      resolved_at: c.resolved_at,
      channel_id: c.last_inbound_channel_id,
      channel_kind: c.channel_kind,
      address: c.contact_email,
      message_id: messageId,
      token_hash: createHash('sha256').update(token).digest('hex'),
      requested_at: requestedAt,
      rating,
      comment,
      rated_at: ratedAt,
      rated_via: rates ? (c.channel_kind === 'webchat' ? 'widget' : 'link') : null,
      created_at: c.resolved_at,
      updated_at: ratedAt ?? requestedAt,
    });
  }
  await insertOutcomeRows(m, rows);
  await m.query(
    `UPDATE conversations c SET last_seq = c.last_seq + 1, last_activity_at = x.created_at,
            preview_text = left(x.text, 300), preview_type = 'outbound'
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS x(id, created_at, text)
      WHERE c.id = x.id`,
    [
      rows.messages.map((r) => r.conversation_id),
      rows.messages.map((r) => r.created_at),
      rows.messages.map((r) => r.text),
    ],
  );
  const columns = Object.keys(TYPES);
  for (let i = 0; i < surveys.length; i += 2000) {
    const chunk = surveys.slice(i, i + 2000);
    await m.query(
      `INSERT INTO csat_surveys (${columns.join(', ')})
       SELECT * FROM unnest(${columns.map((col, n) => `$${n + 1}::${TYPES[col]}[]`).join(', ')})`,
      columns.map((col) => chunk.map((s) => s[col] ?? null)),
    );
  }
}

const TYPES: Record<string, string> = {
  conversation_id: 'uuid',
  contact_id: 'uuid',
  status: 'varchar',
  team_id: 'uuid',
  owner_id: 'uuid',
  resolved_at: 'timestamptz',
  channel_id: 'uuid',
  channel_kind: 'varchar',
  address: 'varchar',
  message_id: 'uuid',
  token_hash: 'char(64)',
  requested_at: 'timestamptz',
  rating: 'smallint',
  comment: 'varchar',
  rated_at: 'timestamptz',
  rated_via: 'varchar',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
};

function message(
  c: Pick<Resolved, 'id' | 'contact_id' | 'owner_id' | 'last_inbound_channel_id'>,
  seq: number,
  at: Date,
  type: 'inbound' | 'outbound',
  text: string,
): Record<string, unknown> {
  return {
    id: randomUUID(),
    conversation_id: c.id,
    seq,
    created_at: at,
    type,
    channel_id: c.last_inbound_channel_id,
    author_user_id: type === 'outbound' ? c.owner_id : null,
    contact_id: type === 'inbound' ? c.contact_id : null,
    text,
    delivery_status: type === 'outbound' ? 'delivered' : null,
    client_message_id: null,
    metadata: '{}',
    updated_at: at,
  };
}

function event(
  conversationId: string,
  seq: number,
  at: Date,
  kind: string,
  actorId: string | null,
  data: Record<string, unknown>,
): Record<string, unknown> {
  return {
    conversation_id: conversationId,
    seq,
    created_at: at,
    kind,
    actor_id: actorId,
    data: JSON.stringify(data),
  };
}

/** The messages and timeline entries, in bulk as the demo history writes its own. */
async function insertOutcomeRows(m: EntityManager, rows: Rows): Promise<void> {
  await insertRows(
    m,
    'messages',
    rows.messages.map((r) => ({ id: randomUUID(), ...r })),
    {
      id: 'uuid',
      conversation_id: 'uuid',
      seq: 'int',
      created_at: 'timestamptz',
      type: 'varchar',
      channel_id: 'uuid',
      author_user_id: 'uuid',
      contact_id: 'uuid',
      text: 'text',
      delivery_status: 'varchar',
      client_message_id: 'uuid',
      metadata: 'jsonb',
      updated_at: 'timestamptz',
    },
  );
  await insertRows(m, 'timeline_events', rows.events, {
    conversation_id: 'uuid',
    seq: 'int',
    created_at: 'timestamptz',
    kind: 'varchar',
    actor_id: 'uuid',
    data: 'jsonb',
  });
}
