import type {
  ChannelRefDto,
  MessageTemplate,
  ContactDto,
  ConversationDto,
  ConversationSummaryDto,
  MessageDto,
  ReplyChannelOptionDto,
  TimelineDto,
  TimelineEntryDto,
  TimelineEventDto,
} from '@touchpoint/shared';

/** Ids look like the server's (uuid), and tell in tests which one they are. */
export const uuid = (n: number, prefix = '00000000') =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const CONVERSATION_ID = uuid(1, 'c0000000');
export const CONTACT_ID = uuid(1, 'ca000000');

export const channels = {
  email: { id: uuid(1, 'cb000000'), kind: 'email', name: 'Support mailbox' },
  whatsapp: { id: uuid(2, 'cb000000'), kind: 'whatsapp', name: 'WhatsApp Service' },
  webchat: { id: uuid(3, 'cb000000'), kind: 'webchat', name: 'Website chat' },
} satisfies Record<string, ChannelRefDto>;

export const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000 - 1000).toISOString();

export function conversationSummary(
  overrides: Partial<ConversationSummaryDto> = {},
): ConversationSummaryDto {
  return {
    id: CONVERSATION_ID,
    contact: { id: CONTACT_ID, name: 'Clara Customer' },
    subject: 'Offer for 20 chairs',
    status: 'open',
    priority: 'normal',
    owner: null,
    team: { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' },
    channelKinds: ['email'],
    lastInboundChannel: channels.email,
    preview: { text: 'Could you send me an offer?', type: 'inbound', at: minutesAgo(5) },
    lastActivityAt: minutesAgo(5),
    unreadCount: 0,
    lastSeq: 1,
    createdAt: minutesAgo(60),
    sla: null,
    leadAt: null,
    labelIds: [],
    ...overrides,
  };
}

export function contactDto(overrides: Partial<ContactDto> = {}): ContactDto {
  return {
    id: CONTACT_ID,
    name: 'Clara Customer',
    email: 'clara@example.org',
    phone: '+4915112345678',
    preferredChannel: null,
    identities: [
      { id: uuid(1, 'ed000000'), kind: 'email', address: 'clara@example.org', verified: true },
      { id: uuid(2, 'ed000000'), kind: 'whatsapp', address: '+4915112345678', verified: false },
    ],
    company: null,
    language: null,
    quietHours: null,
    attributes: {},
    consents: [],
    merges: [],
    marketingHold: null,
    conversations: [
      {
        id: CONVERSATION_ID,
        status: 'open',
        subject: 'Offer for 20 chairs',
        preview: null,
        lastActivityAt: minutesAgo(5),
        createdAt: minutesAgo(60),
        channels: ['email'],
        team: { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' },
        owner: null,
        handoffs: [],
      },
      {
        id: uuid(9, 'c0000000'),
        status: 'resolved',
        subject: 'Broken delivery',
        preview: null,
        lastActivityAt: minutesAgo(60 * 24 * 30),
        createdAt: minutesAgo(60 * 24 * 31),
        channels: ['whatsapp'],
        team: { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' },
        owner: null,
        handoffs: [],
      },
    ],
    createdAt: minutesAgo(60 * 24 * 60),
    updatedAt: minutesAgo(60 * 24 * 60),
    ...overrides,
  };
}

/** Anna Agent, the signed-in user of the fixtures (`userDto()`). */
const SIGNED_IN_ID = '7f0b1d9a-2c3e-4f5a-8b6c-1d2e3f4a5b6c';

/**
 * A conversation's detail. `mayReply` is as the server answers Anna, an agent: while it is unowned
 * or hers; tests of supervisors or specialists allowed to reply say so.
 */
export function conversationDto(overrides: Partial<ConversationDto> = {}): ConversationDto {
  const base = { ...conversationSummary(), contactDetails: contactDto(), ...overrides };
  const mayReply = base.owner === null || base.owner.id === SIGNED_IN_ID;
  return { ...base, mayReply: overrides.mayReply ?? mayReply };
}

export function messageDto(overrides: Partial<MessageDto> = {}): MessageDto {
  return {
    id: uuid(overrides.seq ?? 1, 'a0000000'),
    conversationId: CONVERSATION_ID,
    seq: 1,
    type: 'inbound',
    channel: channels.email,
    author: { type: 'contact', id: CONTACT_ID, name: 'Clara Customer' },
    subject: null,
    text: 'Could you send me an offer?',
    html: null,
    quoted: null,
    attachments: [],
    deliveryStatus: null,
    deliveryError: null,
    clientMessageId: null,
    charactersReplaced: false,
    droppedAttachments: [],
    suggestion: null,
    call: null,
    createdAt: minutesAgo(5),
    ...overrides,
  };
}

/** A reply by Anna, the signed-in agent of the fixtures. */
export function replyDto(overrides: Partial<MessageDto> = {}): MessageDto {
  return messageDto({
    type: 'outbound',
    author: { type: 'user', id: '7f0b1d9a-2c3e-4f5a-8b6c-1d2e3f4a5b6c', name: 'Anna Agent' },
    text: 'Here is your offer.',
    deliveryStatus: 'queued',
    ...overrides,
  });
}

export function eventDto(overrides: Partial<TimelineEventDto> = {}): TimelineEventDto {
  return {
    id: uuid(overrides.seq ?? 1, 'e0000000'),
    conversationId: CONVERSATION_ID,
    seq: 1,
    kind: 'conversation.opened',
    actor: null,
    data: {},
    createdAt: minutesAgo(5),
    ...overrides,
  };
}

export function entries(...items: (MessageDto | TimelineEventDto)[]): TimelineEntryDto[] {
  return items.map((item) =>
    'kind' in item
      ? { type: 'event', seq: item.seq, event: item }
      : { type: 'message', seq: item.seq, message: item },
  );
}

export function timelineDto(items: TimelineEntryDto[], hasMore = false): TimelineDto {
  return { entries: items, lastSeq: Math.max(0, ...items.map((item) => item.seq)), hasMore };
}

export function replyChannelOptions(): ReplyChannelOptionDto[] {
  return [
    { channel: channels.email, address: 'clara@example.org', isDefault: false },
    { channel: channels.whatsapp, address: '+4915112345678', isDefault: true },
  ];
}

/** Templates approved for the WhatsApp channel of the fixtures. */
export const TEMPLATES: MessageTemplate[] = [
  {
    name: 'order_update',
    language: 'de',
    body: 'Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs.',
  },
  { name: 'follow_up', language: 'en', body: 'Is there anything else we can do for you?' },
];

/**
 * The reply channels with WhatsApp's 24-hour window: open until `closesAt` (in the future), or
 * closed since then (in the past); `null`: the customer never wrote on WhatsApp.
 */
export function whatsappWindowOptions(
  closesAt: string | null,
  templates: MessageTemplate[] = TEMPLATES,
): ReplyChannelOptionDto[] {
  const open = closesAt !== null && Date.parse(closesAt) > Date.now();
  return [
    {
      channel: channels.whatsapp,
      address: '+4915112345678',
      isDefault: true,
      window: { open, closesAt },
      templates,
    },
    { channel: channels.email, address: 'clara@example.org', isDefault: false },
  ];
}
