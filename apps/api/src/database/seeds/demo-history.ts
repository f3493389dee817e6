import { randomBytes, randomUUID } from 'node:crypto';
import type { BusinessCalendar, ChannelKind, ConversationPriority } from '@touchpoint/shared';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { addBusinessSeconds, businessSecondsBetween } from '../../modules/sla/business-time';

/**
 * Ninety days of finished work for the demo, so reports and contact histories show something real
 * on a fresh start: a few thousand resolved conversations shaped like an office's week (busy
 * mornings, quiet weekends), answered in business time, some passed between owners or teams, some
 * with a consult, a few where the customer changed channel. Written once with the demo seed, in
 * bulk statements, with the figures the conversation writer would have kept; the same every time
 * (a fixed seed), so the demo reads the same for everyone.
 */

export interface HistoryTeam {
  id: string;
  name: string;
  calendar: BusinessCalendar;
  /** Members who answer customers. */
  agents: { id: string; name: string }[];
  /** Target of the first response, business seconds; null: none. */
  firstResponseTarget: number | null;
}

export interface HistoryChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  teamId: string;
}

export interface HistoryOptions {
  now: Date;
  days: number;
  channels: HistoryChannel[];
  teams: HistoryTeam[];
  /** Contacts who must have a past with the company (the demo's live customers). */
  regulars: { name: string; email: string }[];
}

const ZONE = 'Europe/Berlin';
const MINUTE = 60;
const HOUR = 3600;

/** mulberry32: a small, fast generator with a fixed seed. */
export function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** Log-normal around `median`: most close to it, a long tail of slow ones. */
  const around = (median: number, spread = 0.9) => {
    const u = Math.max(next(), 1e-9);
    const v = next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(spread * normal);
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let roll = next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  return { next, pick, around, weighted };
}

/** Conversations begun per hour of the day, relative. */
const HOURS = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 3.5, 4.2, 4, 3.6, 2.6, 3.2, 3.5, 3.3, 2.8, 2, 1.3, 1, 0.9,
  0.8, 0.5, 0.3,
];
/** Per ISO weekday (Monday 1): conversations begun on an ordinary day. */
const PER_DAY = [0, 42, 36, 34, 33, 30, 9, 6];

const FIRST = [
  'Anna',
  'Lukas',
  'Mia',
  'Finn',
  'Sophie',
  'Jonas',
  'Lena',
  'Paul',
  'Marie',
  'Felix',
  'Emma',
  'Leon',
  'Hannah',
  'Noah',
  'Laura',
  'Elias',
  'Julia',
  'Ben',
  'Sarah',
  'Tim',
  'Olivia',
  'James',
  'Emily',
  'Oliver',
  'Chloe',
  'Mehmet',
  'Aylin',
  'Piotr',
  'Katarzyna',
  'Luca',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Hartmann',
  'Krüger',
  'Smith',
  'Brown',
  'Taylor',
  'Yilmaz',
  'Kowalski',
  'Rossi',
];

const TOPICS: Record<string, { subject: string; text: string; reply: string; follow: string }[]> = {
  Service: [
    {
      subject: 'Lieferung unvollständig',
      text: 'Guten Tag, in meiner Lieferung fehlt ein Teil. Können Sie das nachschicken?',
      reply: 'Das tut uns leid. Wir schicken das fehlende Teil heute noch los.',
      follow: 'Danke! Bekomme ich eine Sendungsnummer?',
    },
    {
      subject: 'Rücksendung',
      text: 'Ich möchte den Bürostuhl zurückgeben, er passt nicht an meinen Schreibtisch.',
      reply: 'Gern. Das Rücksendeetikett finden Sie im Anhang dieser Nachricht.',
      follow: 'Wann wird mir der Betrag erstattet?',
    },
    {
      subject: 'Defekte Schreibtischlampe',
      text: 'Die Lampe flackert seit gestern. Was kann ich tun?',
      reply: 'Bitte prüfen Sie das Netzteil; wenn es weiter flackert, tauschen wir die Lampe aus.',
      follow: 'Es flackert weiter. Bitte tauschen.',
    },
    {
      subject: 'Order status',
      text: 'Hi, my order from last week has not arrived yet. Where is it?',
      reply: 'Your parcel is with the carrier and should arrive tomorrow.',
      follow: 'Still nothing today, can you check again?',
    },
  ],
  Sales: [
    {
      subject: 'Angebot für Bürostühle',
      text: 'Wir brauchen 20 Bürostühle für unser neues Büro. Was kostet das?',
      reply: 'Vielen Dank für Ihre Anfrage. Im Anhang finden Sie unser Angebot.',
      follow: 'Gibt es bei 30 Stück einen Mengenrabatt?',
    },
    {
      subject: 'Rahmenvertrag',
      text: 'Bieten Sie Rahmenverträge für Büromaterial an?',
      reply: 'Ja, gern stellen wir Ihnen unsere Konditionen in einem kurzen Gespräch vor.',
      follow: 'Passt Ihnen Donnerstag um 10 Uhr?',
    },
    {
      subject: 'Quote for standing desks',
      text: 'Could you send a quote for 12 standing desks, delivered to Munich?',
      reply: 'Thank you! Please find the quote attached, valid for 30 days.',
      follow: 'Can you deliver before the end of the month?',
    },
  ],
  Marketing: [
    {
      subject: 'Newsletter abbestellen',
      text: 'Bitte nehmen Sie mich aus dem Newsletter.',
      reply: 'Erledigt: Sie erhalten keinen Newsletter mehr.',
      follow: 'Danke!',
    },
    {
      subject: 'Gutschein',
      text: 'Mein Gutscheincode aus der Aktion funktioniert nicht.',
      reply: 'Wir haben den Code geprüft und Ihnen einen neuen geschickt.',
      follow: 'Der neue klappt, danke.',
    },
    {
      subject: 'Frage zur Bestellung',
      text: 'Hallo, ich habe eine Frage zu meiner Bestellung von gestern.',
      reply: 'Gern! Ich gebe Sie an unseren Service weiter, der sich sofort meldet.',
      follow: 'Super, danke.',
    },
  ],
};

interface Entry {
  at: Date;
  /** A message or a timeline event, in seq order. */
  message?: {
    type: 'inbound' | 'outbound';
    channelId: string;
    authorId: string | null;
    subject: string | null;
    text: string;
  };
  event?: { kind: string; actorId: string | null; data: Record<string, unknown> };
}

interface Built {
  row: Record<string, unknown>;
  entries: Entry[];
  handoff: Record<string, unknown> | null;
  move: { fromTeamId: string; toTeamId: string; at: Date } | null;
}

/** Writes the history; answers how many conversations it holds. */
export async function seedDemoHistory(m: EntityManager, options: HistoryOptions): Promise<number> {
  const random = generator(20261207);
  const { now, channels, teams } = options;
  const teamOf = (id: string) => teams.find((t) => t.id === id)!;
  const byName = (name: string) => teams.find((t) => t.name === name);
  const service = byName('Service');
  const sales = byName('Sales');
  const webchat = channels.find((c) => c.kind === 'webchat');
  const email = channels.find((c) => c.kind === 'email');

  // Contacts: the regulars first, then customers enough for repeat visits.
  const contacts = [
    ...options.regulars,
    ...Array.from({ length: 1400 }, (_, i) => {
      const first = random.pick(FIRST);
      const last = random.pick(LAST);
      const local = `${first}.${last}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '');
      return { name: `${first} ${last}`, email: `${local}.${i + 1}@kunden.example` };
    }),
  ].map((c) => ({ ...c, id: randomUUID() }));
  await m.query(
    `INSERT INTO contacts (id, name, email, created_at)
     SELECT id, name, email, $4 FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) AS t(id, name, email)`,
    [
      contacts.map((c) => c.id),
      contacts.map((c) => c.name),
      contacts.map((c) => c.email),
      new Date(now.getTime() - (options.days + 30) * 86_400_000),
    ],
  );
  await m.query(
    `INSERT INTO contact_identities (contact_id, kind, address, verified)
     SELECT id, 'email', email, true FROM unnest($1::uuid[], $2::varchar[]) AS t(id, email)`,
    [contacts.map((c) => c.id), contacts.map((c) => c.email)],
  );

  const built: Built[] = [];
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  for (let back = options.days; back >= 1; back--) {
    const day = today.minus({ days: back });
    const count = Math.round(PER_DAY[day.weekday]! * (0.75 + random.next() * 0.5));
    for (let i = 0; i < count; i++) {
      const hour = random.weighted(HOURS.map((w, h) => [h, w] as const));
      const created = day
        .plus({ hours: hour, seconds: Math.floor(random.next() * HOUR) })
        .toJSDate();
      const channel = random.weighted(
        channels.map((c) => [c, c.kind === 'email' ? 55 : c.kind === 'webchat' ? 30 : 15] as const),
      );
      // The regulars come back now and then; everyone else at random.
      const contact =
        random.next() < 0.002
          ? random.pick(contacts.slice(0, options.regulars.length))
          : random.pick(contacts);
      const conversation = build(random, {
        created,
        channel,
        contact,
        now,
        teamOf,
        service,
        sales,
        webchat,
        email,
      });
      if (conversation) built.push(conversation);
    }
  }
  await insert(m, built);
  return built.length;
}

function build(
  random: ReturnType<typeof generator>,
  c: {
    created: Date;
    channel: HistoryChannel;
    contact: { id: string; name: string; email: string };
    now: Date;
    teamOf: (id: string) => HistoryTeam;
    service: HistoryTeam | undefined;
    sales: HistoryTeam | undefined;
    webchat: HistoryChannel | undefined;
    email: HistoryChannel | undefined;
  },
): Built | null {
  let team = c.teamOf(c.channel.teamId);
  if (!team.agents.length) return null;
  const topic = random.pick(TOPICS[team.name] ?? TOPICS.Service!);
  const priority = random.weighted<ConversationPriority>([
    ['normal', 86],
    ['low', 4],
    ['high', 8],
    ['urgent', 2],
  ]);
  const entries: Entry[] = [];
  const channelRef = (ch: HistoryChannel) => ({ id: ch.id, kind: ch.kind, name: ch.name });
  const subject = c.channel.kind === 'webchat' ? null : topic.subject;
  entries.push({
    at: c.created,
    event: { kind: 'conversation.opened', actorId: null, data: { channel: channelRef(c.channel) } },
  });
  entries.push({
    at: c.created,
    message: {
      type: 'inbound',
      channelId: c.channel.id,
      authorId: null,
      subject,
      text: topic.text,
    },
  });

  let owner = random.pick(team.agents);
  // Chat is answered within minutes, mail within the hour, quotes take longer.
  const firstMedian =
    c.channel.kind === 'webchat'
      ? 4 * MINUTE
      : c.channel.kind === 'form'
        ? 70 * MINUTE
        : 25 * MINUTE;
  const firstBusiness = Math.max(30, Math.round(random.around(firstMedian)));
  const firstAt = addBusinessSeconds(team.calendar, c.created, firstBusiness);
  entries.push({
    at: new Date(firstAt.getTime() - 1000),
    event: {
      kind: 'conversation.assigned',
      actorId: owner.id,
      data: { owner: owner, previousOwner: null },
    },
  });
  if (team.firstResponseTarget !== null && firstBusiness > team.firstResponseTarget) {
    const due = addBusinessSeconds(team.calendar, c.created, team.firstResponseTarget);
    entries.push({
      at: due,
      event: {
        kind: 'sla.breached',
        actorId: null,
        data: {
          metric: 'first_response',
          dueAt: due.toISOString(),
          targetSeconds: team.firstResponseTarget,
        },
      },
    });
  }

  let ownerChanges = 0;
  let switches = 0;
  let move: Built['move'] = null;
  let handoff: Built['handoff'] = null;
  const kinds: ChannelKind[] = [c.channel.kind];
  let lastChannel = c.channel;
  let at = firstAt;
  const replies = random.weighted([
    [1, 45],
    [2, 30],
    [3, 15],
    [4, 10],
  ] as const);

  // Marketing's chat passes order questions on to Service.
  if (team.name === 'Marketing' && c.service?.agents.length && random.next() < 0.3) {
    const to = c.service;
    const next = random.pick(to.agents);
    entries.push({
      at: new Date(at.getTime() - 500),
      event: {
        kind: 'conversation.assigned',
        actorId: owner.id,
        data: { owner: next, previousOwner: owner, team: { id: to.id, name: to.name } },
      },
    });
    move = { fromTeamId: team.id, toTeamId: to.id, at: new Date(at.getTime() - 500) };
    owner = next;
    team = to;
    ownerChanges++;
  }

  for (let r = 0; r < replies; r++) {
    entries.push({
      at,
      message: {
        type: 'outbound',
        channelId: lastChannel.id,
        authorId: owner.id,
        subject: null,
        text: r === 0 ? topic.reply : 'Gern geschehen. / You are welcome.',
      },
    });
    // A consult behind the scenes after the first answer.
    const other = team.name === 'Service' ? c.sales : team.name === 'Sales' ? c.service : undefined;
    if (r === 0 && other?.agents.length && random.next() < (team.name === 'Service' ? 0.1 : 0.06)) {
      const asked = new Date(at.getTime() + 2 * MINUTE * 1000);
      const accepted = addBusinessSeconds(
        other.calendar,
        asked,
        Math.round(random.around(12 * MINUTE, 0.8)),
      );
      const answered = addBusinessSeconds(
        other.calendar,
        accepted,
        Math.round(random.around(40 * MINUTE, 0.8)),
      );
      if (answered < c.now) {
        const specialist = random.pick(other.agents);
        const id = randomUUID();
        const note = `Bitte kurz prüfen: ${topic.subject}`;
        handoff = {
          id,
          kind: 'consult',
          status: 'completed',
          note,
          summary: 'Geprüft, passt so.',
          from_team_id: team.id,
          team_id: other.id,
          assignee_id: specialist.id,
          requested_by_id: owner.id,
          created_at: asked,
          accepted_at: accepted,
          completed_at: answered,
        };
        entries.push({
          at: asked,
          event: {
            kind: 'handoff.requested',
            actorId: owner.id,
            data: {
              handoffId: id,
              kind: 'consult',
              note,
              team: { id: other.id, name: other.name },
              user: null,
            },
          },
        });
        entries.push({
          at: accepted,
          event: {
            kind: 'handoff.accepted',
            actorId: specialist.id,
            data: { handoffId: id, kind: 'consult' },
          },
        });
        entries.push({
          at: answered,
          event: {
            kind: 'handoff.completed',
            actorId: specialist.id,
            data: { handoffId: id, kind: 'consult', summary: 'Geprüft, passt so.' },
          },
        });
      }
    }
    if (r === replies - 1) break;
    // The customer writes again, now and then through another channel.
    at = new Date(at.getTime() + Math.round(random.around(90 * MINUTE)) * 1000);
    let via = lastChannel;
    const switchTo = lastChannel.kind === 'email' ? c.webchat : c.email;
    if (switchTo && random.next() < 0.08) {
      entries.push({
        at,
        event: {
          kind: 'conversation.channel_switched',
          actorId: null,
          data: { from: channelRef(lastChannel), to: channelRef(switchTo) },
        },
      });
      via = switchTo;
      switches++;
      if (!kinds.includes(via.kind)) kinds.push(via.kind);
    }
    entries.push({
      at,
      message: {
        type: 'inbound',
        channelId: via.id,
        authorId: null,
        subject: null,
        text: topic.follow,
      },
    });
    lastChannel = via;
    // Passed on to a colleague now and then.
    if (random.next() < 0.12 && team.agents.length > 1) {
      const next = random.pick(team.agents.filter((a) => a.id !== owner.id));
      entries.push({
        at: new Date(at.getTime() + 1000),
        event: {
          kind: 'conversation.assigned',
          actorId: owner.id,
          data: { owner: next, previousOwner: owner },
        },
      });
      owner = next;
      ownerChanges++;
    }
    at = addBusinessSeconds(
      team.calendar,
      at,
      Math.max(60, Math.round(random.around(40 * MINUTE))),
    );
  }

  const resolvedAt = new Date(at.getTime() + Math.round(random.around(3 * HOUR, 1.4)) * 1000);
  if (resolvedAt >= new Date(c.now.getTime() - 10 * MINUTE * 1000)) return null;
  entries.push({
    at: resolvedAt,
    event: {
      kind: 'conversation.status_changed',
      actorId: owner.id,
      data: { from: 'open', to: 'resolved' },
    },
  });
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());

  const lastMessage = [...entries].reverse().find((e) => e.message)!;
  const lastInbound = [...entries].reverse().find((e) => e.message?.type === 'inbound')!;
  const id = randomUUID();
  return {
    row: {
      id,
      contact_id: c.contact.id,
      team_id: team.id,
      owner_id: owner.id,
      priority,
      subject,
      reply_token: randomBytes(10).toString('hex'),
      last_seq: entries.length,
      last_activity_at: lastMessage.at,
      last_inbound_at: lastInbound.at,
      last_inbound_channel_id: lastInbound.message!.channelId,
      channel_kinds: kinds,
      preview_text: lastMessage.message!.text.slice(0, 300),
      preview_type: lastMessage.message!.type,
      resolved_at: resolvedAt,
      created_at: c.created,
      first_response_at: firstAt,
      first_response_seconds: Math.round(
        businessSecondsBetween(c.teamOf(c.channel.teamId).calendar, c.created, firstAt),
      ),
      resolution_seconds: Math.round(businessSecondsBetween(team.calendar, c.created, resolvedAt)),
      replies_count: replies,
      owner_changes: ownerChanges,
      channel_switches: switches,
    },
    entries,
    handoff,
    move,
  };
}

/** Bulk statements of at most CHUNK rows each. */
const CHUNK = 2000;

/**
 * `types` gives each column's array element type; `varchar[]` columns travel as text (unnest cannot
 * take arrays of arrays) and are cast back.
 */
export async function insertRows(
  m: EntityManager,
  table: string,
  rows: Record<string, unknown>[],
  types: Record<string, string>,
) {
  const columns = Object.keys(types);
  const select = columns.map((col) => (types[col] === 'varchar[]' ? `${col}::varchar[]` : col));
  const element = (col: string) => (types[col] === 'varchar[]' ? 'text' : types[col]);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await m.query(
      `INSERT INTO ${table} (${columns.join(', ')})
       SELECT ${select.join(', ')}
         FROM unnest(${columns.map((col, n) => `$${n + 1}::${element(col)}[]`).join(', ')}) AS t(${columns.join(', ')})`,
      columns.map((col) =>
        chunk.map((row) => {
          const value = row[col];
          // Arrays of arrays do not pass through unnest: channel kinds travel as text.
          return Array.isArray(value) ? `{${value.join(',')}}` : (value ?? null);
        }),
      ),
    );
  }
}

async function insert(m: EntityManager, built: Built[]): Promise<void> {
  await insertRows(
    m,
    'conversations',
    built.map((b) => ({ ...b.row, status: 'resolved', updated_at: b.row.resolved_at })),
    {
      id: 'uuid',
      contact_id: 'uuid',
      team_id: 'uuid',
      owner_id: 'uuid',
      status: 'varchar',
      priority: 'varchar',
      subject: 'varchar',
      reply_token: 'varchar',
      last_seq: 'int',
      last_activity_at: 'timestamptz',
      last_inbound_at: 'timestamptz',
      last_inbound_channel_id: 'uuid',
      channel_kinds: 'varchar[]',
      preview_text: 'varchar',
      preview_type: 'varchar',
      resolved_at: 'timestamptz',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
      first_response_at: 'timestamptz',
      first_response_seconds: 'int',
      resolution_seconds: 'int',
      replies_count: 'int',
      owner_changes: 'int',
      channel_switches: 'int',
    },
  );
  const messages: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  for (const b of built)
    b.entries.forEach((e, i) => {
      const base = { conversation_id: b.row.id, seq: i + 1, created_at: e.at };
      if (e.message)
        messages.push({
          ...base,
          type: e.message.type,
          channel_id: e.message.channelId,
          author_user_id: e.message.authorId,
          contact_id: e.message.type === 'inbound' ? b.row.contact_id : null,
          subject: e.message.subject,
          text: e.message.text,
          delivery_status: e.message.type === 'outbound' ? 'delivered' : null,
          updated_at: e.at,
        });
      else if (e.event)
        events.push({
          ...base,
          kind: e.event.kind,
          actor_id: e.event.actorId,
          data: JSON.stringify(e.event.data),
        });
    });
  await insertRows(m, 'messages', messages, {
    conversation_id: 'uuid',
    seq: 'int',
    created_at: 'timestamptz',
    type: 'varchar',
    channel_id: 'uuid',
    author_user_id: 'uuid',
    contact_id: 'uuid',
    subject: 'varchar',
    text: 'text',
    delivery_status: 'varchar',
    updated_at: 'timestamptz',
  });
  await insertRows(m, 'timeline_events', events, {
    conversation_id: 'uuid',
    seq: 'int',
    created_at: 'timestamptz',
    kind: 'varchar',
    actor_id: 'uuid',
    data: 'jsonb',
  });
  await insertRows(
    m,
    'handoffs',
    built.flatMap((b) =>
      b.handoff
        ? [{ ...b.handoff, conversation_id: b.row.id, updated_at: b.handoff.completed_at }]
        : [],
    ),
    {
      id: 'uuid',
      conversation_id: 'uuid',
      kind: 'varchar',
      status: 'varchar',
      note: 'varchar',
      summary: 'varchar',
      from_team_id: 'uuid',
      team_id: 'uuid',
      assignee_id: 'uuid',
      requested_by_id: 'uuid',
      created_at: 'timestamptz',
      accepted_at: 'timestamptz',
      completed_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  );
  await insertRows(
    m,
    'team_moves',
    built.flatMap((b) =>
      b.move
        ? [
            {
              conversation_id: b.row.id,
              from_team_id: b.move.fromTeamId,
              to_team_id: b.move.toTeamId,
              moved_at: b.move.at,
            },
          ]
        : [],
    ),
    { conversation_id: 'uuid', from_team_id: 'uuid', to_team_id: 'uuid', moved_at: 'timestamptz' },
  );
}
