/**
 * The rows of the scale data set, as COPY text lines, made one conversation at a time from a seeded
 * generator: the same sizes give the same data, and nothing but the conversation at hand is held.
 * Times are wall-clock (the report figures are wall seconds, not business seconds: their shape, not
 * their calendar, is what the queries' cost depends on).
 */
import {
  IDENTITY_KINDS,
  type ChannelKind,
  type ConversationStatus,
  type SlaMetric,
} from '@touchpoint/shared';

/** A seeded generator of numbers in [0, 1) (mulberry32): cheap, and the same for the same seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A version-4-shaped UUID that grows with `n` within its `table`: rows COPY in key order, so the
 * primary keys fill their B-trees at the end instead of at random pages.
 */
export function uuidOf(table: number, n: number): string {
  const tag = table.toString(16).padStart(8, '0');
  const h = n.toString(16).padStart(22, '0');
  return `${tag}-${h.slice(0, 4)}-4${h.slice(4, 7)}-8${h.slice(7, 10)}-${h.slice(10)}`;
}

/** One value in COPY's text format: \N for null, special characters escaped. */
export function copyValue(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\t\n\r]/g, (ch) =>
    ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r',
  );
}

export const copyLine = (values: (string | number | boolean | Date | null | undefined)[]) =>
  `${values.map(copyValue).join('\t')}\n`;

/** Table tags of the generated keys. */
export const KEY = {
  contact: 1,
  identity: 2,
  conversation: 3,
  message: 4,
  handoff: 5,
  participant: 6,
} as const;

export const COLUMNS = {
  contacts: ['id', 'name', 'email', 'phone', 'created_at', 'updated_at'],
  contact_identities: ['id', 'contact_id', 'kind', 'address', 'verified', 'created_at'],
  conversations: [
    'id',
    'contact_id',
    'team_id',
    'owner_id',
    'status',
    'priority',
    'subject',
    'reply_token',
    'last_seq',
    'last_activity_at',
    'last_inbound_at',
    'last_inbound_channel_id',
    'channel_kinds',
    'preview_text',
    'preview_type',
    'unread_count',
    'resolved_at',
    'created_at',
    'updated_at',
    'waiting_since',
    'first_response_at',
    'sla_metric',
    'sla_risk_at',
    'sla_due_at',
    'sla_breached_at',
    'first_response_seconds',
    'resolution_seconds',
    'replies_count',
    'owner_changes',
    'channel_switches',
    'journey_entry_team_id',
    'journey_team_ids',
    'journey_accept_seconds',
  ],
  messages: [
    'id',
    'conversation_id',
    'seq',
    'type',
    'channel_id',
    'author_user_id',
    'contact_id',
    'text',
    'delivery_status',
    'created_at',
    'updated_at',
  ],
  sla_clocks: [
    'conversation_id',
    'clock',
    'metric',
    'target_seconds',
    'window_start',
    'counting_since',
    'used_seconds',
    'risk_at',
    'due_at',
    'risk_fired_at',
    'breached_at',
    'updated_at',
  ],
  handoffs: [
    'id',
    'conversation_id',
    'kind',
    'status',
    'note',
    'team_id',
    'assignee_id',
    'requested_by_id',
    'summary',
    'accept_due_at',
    'answer_due_at',
    'breached',
    'created_at',
    'accepted_at',
    'completed_at',
    'updated_at',
    'from_team_id',
  ],
  conversation_participants: [
    'id',
    'conversation_id',
    'user_id',
    'via',
    'handoff_id',
    'created_at',
  ],
  team_moves: ['conversation_id', 'from_team_id', 'to_team_id', 'moved_at'],
} as const;

export type ScaleTable = keyof typeof COLUMNS;

export interface ScaleTeam {
  id: string;
  /** Targets in seconds of the team's default policy; null for a team without an SLA. */
  sla: { first: number; next: number; resolution: number } | null;
  agents: string[];
}

export interface ScaleChannel {
  id: string;
  kind: ChannelKind;
  team: number;
  /** Share of new conversations that start on this channel (the shares add up to 1). */
  share: number;
}

export interface ScaleWorld {
  /** The generation's clock, ms since the epoch; every time is at most this. */
  now: number;
  days: number;
  conversations: number;
  contacts: number;
  /** Messages of an ordinary conversation on average. */
  meanMessages: number;
  teams: ScaleTeam[];
  channels: ScaleChannel[];
  /** The one conversation with exactly `messages` messages, the long thread a bench opens. */
  bigThread: { index: number; messages: number };
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const TEXTS = [
  'Hallo, meine Bestellung ist noch nicht angekommen.',
  'Danke für die schnelle Antwort!',
  'Können Sie mir die Rechnung noch einmal schicken?',
  'Wir haben die Lieferung heute verschickt.',
  'Is there an update on my ticket?',
  'The invoice address needs to change, please.',
  'Ich habe das Gerät neu gestartet, der Fehler bleibt.',
  'Your refund has been processed.',
];
const SUBJECTS = ['Bestellung', 'Rechnung', 'Lieferung', 'Rückgabe', 'Angebot', 'Support'];

export const messageText = (seq: number, r: number) =>
  `${TEXTS[Math.floor(r * TEXTS.length)]} (${seq})`;

/** The row lines one conversation adds to each table. */
export type ScaleLines = Record<Exclude<ScaleTable, 'contacts' | 'contact_identities'>, string[]>;

export const emptyLines = (): ScaleLines => ({
  conversations: [],
  messages: [],
  sla_clocks: [],
  handoffs: [],
  conversation_participants: [],
  team_moves: [],
});

/** The channel a share `r` of new conversations starts on. */
export function channelAt(world: ScaleWorld, r: number): number {
  let sum = 0;
  for (let i = 0; i < world.channels.length; i++) {
    sum += world.channels[i].share;
    if (r < sum) return i;
  }
  return world.channels.length - 1;
}

/** When conversation `i` began: spread evenly over the days, oldest first. */
export function createdAtOf(world: ScaleWorld, i: number, r: number): number {
  const span = world.days * DAY;
  return world.now - span + ((i + r) * span) / world.conversations;
}

/** Share of conversations of an age that are still open or pending. */
export function activeShare(ageMs: number): number {
  if (ageMs < DAY) return 0.7;
  if (ageMs < 7 * DAY) return 0.2;
  return 0.02;
}

/** Messages of conversation `i` (the long thread has its exact number). */
export function messageCount(world: ScaleWorld, i: number, r: number): number {
  if (i === world.bigThread.index) return world.bigThread.messages;
  return 1 + Math.floor(r * (2 * world.meanMessages - 1));
}

interface Clock {
  clock: 'response' | 'resolution';
  metric: SlaMetric;
  target: number;
  windowStart: number;
  counting: boolean;
  riskAt: number | null;
  dueAt: number | null;
  breachedAt: number | null;
}

function clockOf(
  clock: Clock['clock'],
  metric: SlaMetric,
  target: number,
  windowStart: number,
  counting: boolean,
  now: number,
): Clock {
  const dueAt = counting ? windowStart + target * 1000 : null;
  return {
    clock,
    metric,
    target,
    windowStart,
    counting,
    riskAt: counting ? windowStart + target * 750 : null,
    dueAt,
    breachedAt: dueAt !== null && dueAt <= now ? dueAt : null,
  };
}

/** The clock the conversation row keeps a copy of: a breach first, then the nearest deadline. */
export function mostUrgent<T extends { dueAt: number | null; breachedAt: number | null }>(
  clocks: T[],
): T | null {
  const timed = clocks.filter((c) => c.dueAt !== null);
  timed.sort(
    (a, b) =>
      Number(b.breachedAt !== null) - Number(a.breachedAt !== null) ||
      (a.dueAt ?? 0) - (b.dueAt ?? 0),
  );
  return timed[0] ?? null;
}

/** The long thread's message `k` (0-based): evenly spread from its start until a minute ago. */
export function bigThreadMessage(world: ScaleWorld, k: number): string {
  const i = world.bigThread.index;
  const start = createdAtOf(world, i, 0.5);
  const n = world.bigThread.messages;
  const at = new Date(start + ((world.now - MINUTE - start) * k) / Math.max(1, n - 1));
  const team = world.teams[world.channels[0].team];
  const channel = world.channels[0].id;
  const inbound = k % 2 === 0 || k === n - 1;
  return copyLine([
    uuidOf(KEY.message, 1e12 + k),
    uuidOf(KEY.conversation, i),
    k + 1,
    inbound ? 'inbound' : 'outbound',
    channel,
    inbound ? null : team.agents[0],
    inbound ? uuidOf(KEY.contact, 0) : null,
    messageText(k + 1, (k % 8) / 8),
    inbound ? null : 'delivered',
    at,
    at,
  ]);
}

/**
 * Conversation `i` with its messages, clocks, handoffs, participants and team moves, appended to
 * `out`. The long thread's messages are left out: `bigThreadMessage` makes them, spread over the
 * whole COPY as a long thread's messages are spread over the table. Answers its message count.
 */
export function conversationRows(world: ScaleWorld, i: number, out: ScaleLines): number {
  const r = random(i * 2654435761 + 7);
  const big = i === world.bigThread.index;
  const id = uuidOf(KEY.conversation, i);
  const created = createdAtOf(world, i, big ? 0.5 : r());
  const contactIndex = big ? 0 : Math.floor(r() ** 2 * world.contacts);
  const contactId = uuidOf(KEY.contact, contactIndex);
  const first = big ? 0 : channelAt(world, r());
  const switched = !big && r() < 0.08;
  const second = switched
    ? (first + 1 + Math.floor(r() * (world.channels.length - 1))) % world.channels.length
    : first;
  const channels = [world.channels[first], world.channels[second]];
  let teamIndex = channels[0].team;
  const age = world.now - created;
  const status: ConversationStatus = big
    ? 'open'
    : r() < activeShare(age)
      ? r() < 0.65
        ? 'open'
        : 'pending'
      : 'resolved';
  const active = status !== 'resolved';
  const count = messageCount(world, i, r());

  // Messages from the start, a few minutes apart, squeezed to end by now.
  let gap = MINUTE * (1 + r() * 30);
  const lastAt = Math.min(world.now - MINUTE, created + gap * (count - 1));
  gap = count > 1 ? (lastAt - created) / (count - 1) : 0;
  const lastInbound = status === 'open';
  const typeOf = (j: number) =>
    j === 0
      ? 'inbound'
      : j === count - 1
        ? lastInbound
          ? 'inbound'
          : 'outbound'
        : j % 2
          ? 'outbound'
          : 'inbound';

  // Team moves and handoffs, decided before the owner: a transfer changes the team.
  const otherTeam = (t: number) =>
    (t + 1 + Math.floor(r() * (world.teams.length - 1))) % world.teams.length;
  const handoffKind = big ? 0 : r();
  const moved = !big && handoffKind >= 0.04 && handoffKind < 0.08;
  const fromTeam = teamIndex;
  if (moved) teamIndex = otherTeam(teamIndex);
  const team = world.teams[teamIndex];
  const ownerChanges = moved ? 1 : r() < 0.1 ? (r() < 0.3 ? 2 : 1) : 0;
  const owned = big || status === 'pending' || (status === 'resolved' ? r() < 0.97 : r() < 0.75);
  const ownerId = owned ? team.agents[Math.floor(r() * team.agents.length)] : null;
  const writer = ownerId ?? team.agents[0];

  let replies = 0;
  let firstResponseAt: number | null = null;
  let lastInboundAt = created;
  let lastInboundChannel = channels[0].id;
  let lastText = '';
  let lastType = 'inbound';
  if (!big) {
    for (let j = 0; j < count; j++) {
      const at = new Date(created + gap * j);
      const type = typeOf(j);
      const note = type === 'outbound' && j < count - 1 && r() < 0.1;
      const channel = j >= count / 2 ? channels[1] : channels[0];
      const text = messageText(j + 1, r());
      if (type === 'inbound') {
        lastInboundAt = at.getTime();
        lastInboundChannel = channel.id;
      } else if (!note) {
        replies++;
        firstResponseAt ??= at.getTime();
      }
      lastText = text;
      lastType = note ? 'note' : type;
      out.messages.push(
        copyLine([
          uuidOf(KEY.message, i * 64 + j),
          id,
          j + 1,
          note ? 'note' : type,
          note ? null : channel.id,
          type === 'inbound' ? null : writer,
          type === 'inbound' ? contactId : null,
          text,
          type === 'outbound' && !note ? 'delivered' : null,
          at,
          at,
        ]),
      );
    }
  } else {
    replies = Math.floor(count / 2);
    firstResponseAt = created + gap;
    lastInboundAt = lastAt;
    lastText = messageText(count, ((count - 1) % 8) / 8);
  }

  const resolvedAt =
    status === 'resolved' ? Math.min(world.now, lastAt + MINUTE * (1 + r() * 60)) : null;

  // Clocks of open work in a team with an SLA: the response clock while the customer waits (paused
  // otherwise), the resolution clock while open (paused while pending).
  const clocks: Clock[] = [];
  if (active && team.sla) {
    if (lastInbound)
      clocks.push(
        clockOf(
          'response',
          replies ? 'next_response' : 'first_response',
          replies ? team.sla.next : team.sla.first,
          lastInboundAt,
          true,
          world.now,
        ),
      );
    clocks.push(
      clockOf(
        'resolution',
        'resolution',
        team.sla.resolution,
        created,
        status === 'open',
        world.now,
      ),
    );
  }
  const urgent = mostUrgent(clocks);
  const now = new Date(world.now);
  for (const c of clocks) {
    const t = (ms: number | null) => (ms === null ? null : new Date(ms));
    out.sla_clocks.push(
      copyLine([
        id,
        c.clock,
        c.metric,
        c.target,
        t(c.windowStart),
        c.counting ? t(c.windowStart) : null,
        c.counting ? 0 : Math.round((world.now - c.windowStart) / 1000),
        t(c.riskAt),
        t(c.dueAt),
        c.riskAt !== null && c.riskAt <= world.now ? t(c.riskAt) : null,
        t(c.breachedAt),
        now,
      ]),
    );
  }

  // The journey the conversation writer keeps: it entered the channel's team's queue (a move
  // leaves from there); a consult or transfer pulls its team in (never the entry team: a consult
  // asks another team, a transfer moves to one), with the wait until it was accepted.
  let pulled = '{}';
  let acceptSeconds = '{}';
  // A consult (4%), or a transfer to another team (2% of them with a handoff, 2% moved directly).
  if (!big && handoffKind < 0.06) {
    const consult = handoffKind < 0.04;
    const askedAt = created + (lastAt - created) / 3;
    const toTeam = consult ? otherTeam(teamIndex) : teamIndex;
    const to = world.teams[toTeam];
    const assignee = to.agents[Math.floor(r() * to.agents.length)];
    const open = consult && active && r() < 0.5;
    const state = open ? (r() < 0.5 ? 'requested' : 'accepted') : 'completed';
    const acceptedAt = state === 'requested' ? null : askedAt + MINUTE * (2 + r() * 30);
    const completedAt =
      state === 'completed' && acceptedAt !== null
        ? Math.min(world.now, acceptedAt + MINUTE * (5 + r() * 120))
        : null;
    const handoffId = uuidOf(KEY.handoff, i);
    const d = (ms: number | null) => (ms === null ? null : new Date(ms));
    pulled = `{${to.id}}`;
    acceptSeconds = `{${acceptedAt === null ? 'NULL' : (acceptedAt - askedAt) / 1000}}`;
    out.handoffs.push(
      copyLine([
        handoffId,
        id,
        consult ? 'consult' : 'transfer',
        state,
        consult ? 'Kurze Frage an euch' : 'Bitte übernehmen',
        to.id,
        state === 'requested' ? null : assignee,
        writer,
        completedAt === null ? null : 'Erledigt',
        consult ? d(askedAt + 900_000) : null,
        consult && acceptedAt !== null ? d(acceptedAt + 7_200_000) : null,
        false,
        d(askedAt),
        d(acceptedAt),
        d(completedAt),
        d(completedAt ?? acceptedAt ?? askedAt),
        consult ? team.id : world.teams[fromTeam].id,
      ]),
    );
    if (state === 'accepted')
      out.conversation_participants.push(
        copyLine([uuidOf(KEY.participant, i), id, assignee, 'consult', handoffId, d(acceptedAt)]),
      );
  }
  if (moved)
    out.team_moves.push(
      copyLine([id, world.teams[fromTeam].id, team.id, new Date(created + (lastAt - created) / 3)]),
    );

  const d = (ms: number | null) => (ms === null ? null : new Date(ms));
  const kinds = switched ? `{${channels[0].kind},${channels[1].kind}}` : `{${channels[0].kind}}`;
  out.conversations.push(
    copyLine([
      id,
      contactId,
      team.id,
      ownerId,
      status,
      r() < 0.05 ? 'urgent' : r() < 0.1 ? 'high' : 'normal',
      `${SUBJECTS[i % SUBJECTS.length]} ${i}`,
      `${i.toString(16).padStart(12, '0')}${Math.floor(r() * 2 ** 52)
        .toString(16)
        .padStart(20, '0')}`.slice(0, 32),
      count,
      d(lastAt),
      d(lastInboundAt),
      lastInboundChannel,
      kinds,
      lastText.slice(0, 300),
      lastType,
      lastInbound ? 1 + Math.floor(r() * 3) : 0,
      d(resolvedAt),
      d(created),
      d(resolvedAt ?? lastAt),
      status === 'open' ? d(lastInboundAt) : null,
      d(firstResponseAt),
      urgent?.metric ?? null,
      d(urgent?.riskAt ?? null),
      d(urgent?.dueAt ?? null),
      d(urgent?.breachedAt ?? null),
      firstResponseAt === null ? null : Math.round((firstResponseAt - created) / 1000),
      resolvedAt === null ? null : Math.round((resolvedAt - created) / 1000),
      replies,
      ownerChanges,
      switched ? 1 : 0,
      world.teams[fromTeam].id,
      pulled,
      acceptSeconds,
    ]),
  );
  return count;
}

/** Contact `n` and its identity, as one line for each table. */
export function contactRows(n: number, createdAt: Date): { contact: string; identity: string } {
  const kind = IDENTITY_KINDS[n % IDENTITY_KINDS.length];
  const email = kind === 'email' ? `kunde${n}@example.test` : null;
  const phone =
    kind === 'phone' || kind === 'whatsapp' ? `+4915${String(n).padStart(9, '0')}` : null;
  const id = uuidOf(KEY.contact, n);
  return {
    contact: copyLine([id, `Kunde ${n}`, email, phone, createdAt, createdAt]),
    identity: copyLine([
      uuidOf(KEY.identity, n),
      id,
      kind,
      email ?? phone ?? `${kind}-${n}`,
      kind === 'email',
      createdAt,
    ]),
  };
}
