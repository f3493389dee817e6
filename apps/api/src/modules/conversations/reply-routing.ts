import type { ChannelKind, IdentityKind, PreferredChannel } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { ReplyWindow } from '../channels/channel-adapter';
import type { ChannelRegistry } from '../channels/channel-registry';
import { Channel } from '../channels/channel.entity';
import { Contact, ContactIdentity } from '../contacts/contact.entity';

/** A channel as the routing rule sees it. */
export interface RoutableChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  /** Identity kinds its adapter can send to, most preferred first; null: no adapter sends for it. */
  reaches: readonly IdentityKind[] | null;
  /** Whether its settings let it send (e.g. an API channel has a callback URL). */
  canReply: boolean;
}

/** What a conversation tells about where its customer can be answered. */
export interface RoutingFacts {
  /** The channel of the customer's latest message. */
  lastInboundChannelId: string | null;
  /** The contact's identities, newest first. */
  identities: readonly { kind: IdentityKind; address: string }[];
  /** Per channel id, the address the customer last wrote from on it. */
  lastAddressOn: Readonly<Record<string, string | undefined>>;
  /** How the contact prefers to be reached; none when absent. */
  preferredChannel?: PreferredChannel | null;
}

export interface ReplyRoute {
  channel: RoutableChannel;
  address: string;
}

export type RouteDecision =
  | { kind: 'route'; route: ReplyRoute }
  /** Notes and suggestions never leave. */
  | { kind: 'internal' }
  | { kind: 'refused'; reason: string };

export interface RouteRequest {
  type: 'reply' | 'note' | 'suggestion';
  /** The channel the agent picked; else the customer's latest. */
  channelId?: string | null;
  /** An address to keep when still reachable (the one a queued reply was addressed to). */
  address?: string;
}

/**
 * The one rule for where a reply goes, used by the composer's channel list, by sending and by the
 * delivery job. Through the channel the agent picked, else the default (`defaultReplyChannelId`);
 * the channel must exist, be enabled and able to send, and reach one of the contact's identities.
 * The address is the one asked for or the one the customer last wrote from on that channel when the
 * channel reaches it, else the contact's identity of the kind the channel prefers (newest first).
 */
export function routeReply(
  facts: RoutingFacts,
  channels: readonly RoutableChannel[],
  request: RouteRequest,
): RouteDecision {
  if (request.type !== 'reply') return { kind: 'internal' };
  const channelId = request.channelId ?? defaultReplyChannelId(facts, channels);
  if (!channelId) return refuse('The customer has not written on any channel yet: pick a channel');
  const channel = channels.find((c) => c.id === channelId);
  if (!channel || !channel.enabled) return refuse('This channel does not exist or is disabled');
  if (!channel.reaches)
    return refuse(`Replies through ${channel.kind} channels are not supported yet`);
  if (!channel.canReply)
    return refuse(`The channel ${channel.name} cannot send replies: check its settings`);
  const address = addressOn(facts, channel, request.address);
  if (!address) return refuse(`The contact has no address this ${channel.kind} channel can reach`);
  return { kind: 'route', route: { channel, address } };
}

/**
 * Where a reply goes unless the agent picks a channel: a channel of the kind the contact prefers
 * that can reach them (the one they last wrote on, else one they wrote on in this conversation, else
 * the first by name), else the channel of the customer's latest message.
 */
export function defaultReplyChannelId(
  facts: RoutingFacts,
  channels: readonly RoutableChannel[],
): string | null {
  const preferred = facts.preferredChannel;
  if (preferred && preferred !== 'phone') {
    const candidates = byName(channels.filter((c) => c.kind === preferred)).filter(
      (c) => routeReply(facts, channels, { type: 'reply', channelId: c.id }).kind === 'route',
    );
    const chosen =
      candidates.find((c) => c.id === facts.lastInboundChannelId) ??
      candidates.find((c) => facts.lastAddressOn[c.id] !== undefined) ??
      candidates[0];
    if (chosen) return chosen.id;
  }
  return facts.lastInboundChannelId;
}

/**
 * Every channel a reply could go through: those of the contact's preferred kind first, the default
 * first of all, then the rest by name.
 */
export function replyOptions(
  facts: RoutingFacts,
  channels: readonly RoutableChannel[],
): (ReplyRoute & { isDefault: boolean })[] {
  const defaultId = defaultReplyChannelId(facts, channels);
  const options: (ReplyRoute & { isDefault: boolean })[] = [];
  for (const channel of byName(channels)) {
    const decision = routeReply(facts, channels, { type: 'reply', channelId: channel.id });
    if (decision.kind === 'route')
      options.push({ ...decision.route, isDefault: channel.id === defaultId });
  }
  const rank = (o: { channel: RoutableChannel; isDefault: boolean }) =>
    o.isDefault ? 0 : o.channel.kind === facts.preferredChannel ? 1 : 2;
  return options.sort((a, b) => rank(a) - rank(b));
}

function byName<T extends { name: string }>(channels: readonly T[]): T[] {
  return [...channels].sort((a, b) => a.name.localeCompare(b.name));
}

function addressOn(
  facts: RoutingFacts,
  channel: RoutableChannel,
  wanted: string | undefined,
): string | undefined {
  const reaches = channel.reaches ?? [];
  const reachable = facts.identities.filter((i) => reaches.includes(i.kind));
  for (const preferred of [wanted, facts.lastAddressOn[channel.id]])
    if (preferred && reachable.some((i) => i.address === preferred)) return preferred;
  return [...reachable].sort((a, b) => reaches.indexOf(a.kind) - reaches.indexOf(b.kind))[0]
    ?.address;
}

function refuse(reason: string): RouteDecision {
  return { kind: 'refused', reason };
}

/**
 * The provider's reply window of a channel for a contact (WhatsApp's 24 hours), or null when its
 * provider has none.
 */
export async function loadReplyWindow(
  m: EntityManager,
  registry: ChannelRegistry,
  routed: Pick<RoutableChannel, 'id' | 'kind'>,
  contactId: string,
): Promise<ReplyWindow | null> {
  const adapter = registry.find(routed.kind);
  if (!adapter?.replyWindow) return null;
  const channel = await m.getRepository(Channel).findOne({ where: { id: routed.id } });
  return channel ? adapter.replyWindow(channel, contactId) : null;
}

/** Loads what `routeReply` decides on for one conversation, from the caller's manager. */
export async function loadRouting(
  m: EntityManager,
  registry: ChannelRegistry,
  conversation: { id: string; contactId: string; lastInboundChannelId: string | null },
): Promise<{
  facts: RoutingFacts;
  channels: RoutableChannel[];
  identities: ContactIdentity[];
}> {
  // One after the other: inside a transaction they share one connection.
  const channels = await m.getRepository(Channel).find();
  const contact = await m.getRepository(Contact).findOne({
    where: { id: conversation.contactId },
    select: { id: true, preferredChannel: true },
  });
  const identities = await m
    .getRepository(ContactIdentity)
    .find({ where: { contactId: conversation.contactId }, order: { createdAt: 'DESC' } });
  const lastAddresses: { channel_id: string; address: string | null }[] = await m.query(
    `SELECT DISTINCT ON (channel_id) channel_id, metadata->>'address' AS address FROM messages
     WHERE conversation_id = $1 AND type = 'inbound' AND channel_id IS NOT NULL
     ORDER BY channel_id, seq DESC`,
    [conversation.id],
  );
  return {
    identities,
    facts: {
      lastInboundChannelId: conversation.lastInboundChannelId,
      identities,
      lastAddressOn: Object.fromEntries(
        lastAddresses.map((r) => [r.channel_id, r.address ?? undefined]),
      ),
      preferredChannel: contact?.preferredChannel ?? null,
    },
    channels: channels.map((channel) => {
      const adapter = registry.find(channel.kind);
      return {
        id: channel.id,
        kind: channel.kind,
        name: channel.name,
        enabled: channel.enabled,
        reaches: adapter?.reaches ?? null,
        canReply: adapter?.canReply ? adapter.canReply(channel) : true,
      };
    }),
  };
}
