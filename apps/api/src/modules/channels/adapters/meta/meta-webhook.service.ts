import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChannelConfig } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import { Channel } from '../../channel.entity';
import { ChannelNotFoundException, InvalidSignatureException } from '../../channels.exception';
import { ChannelsService } from '../../channels.service';
import { metaSignatureMatches, sameSecret } from './meta-signature';
import {
  splitMetaWebhook,
  type MetaChannelKind,
  type MetaWebhookItem,
} from './meta-webhook.splitter';
import { VerifyTokenRefusedException } from './meta-webhook.exception';

type MetaConfig =
  ChannelConfig<'whatsapp'> | ChannelConfig<'messenger'> | ChannelConfig<'instagram'>;

const META_KINDS: readonly string[] = [
  'whatsapp',
  'messenger',
  'instagram',
] satisfies MetaChannelKind[];

export interface MetaDeliveryResult {
  ok: true;
  /** Items (messages, statuses, events) the body held, each stored as its own event. */
  received: number;
  /** How many of them were stored before (Meta delivers again what it is not sure we took). */
  duplicates: number;
}

/**
 * Meta's webhooks for WhatsApp, Messenger and Instagram: the subscription handshake, and deliveries
 * checked against the app secret, split into items and stored. Nothing else happens while Meta
 * waits; the worker reads the items.
 */
@Injectable()
export class MetaWebhookService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly intake: InboundIntakeService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The handshake Meta makes when the callback URL is saved in the app dashboard: answers the challenge. */
  async verify(id: string, query: Record<string, unknown>): Promise<string> {
    const channel = await this.channelOf(id);
    const mode = hubParam(query, 'mode');
    const token = hubParam(query, 'verify_token');
    const challenge = hubParam(query, 'challenge');
    if (mode !== 'subscribe' || !challenge || !sameSecret(token, configOf(channel).verifyToken))
      throw new VerifyTokenRefusedException();
    return challenge;
  }

  /**
   * A signed delivery: every message, status and event in it is stored as its own inbound event,
   * all before Meta gets its 200, so none is lost and a redelivery is a duplicate per item. An item
   * for another number or page of the same Meta app (one callback URL serves them all) goes to the
   * channel of that number or page.
   */
  async receive(
    id: string,
    rawBody: Buffer | undefined,
    signature: string | string[] | undefined,
    body: unknown,
  ): Promise<MetaDeliveryResult> {
    const channel = await this.channelOf(id);
    const config = configOf(channel);
    if (!metaSignatureMatches(rawBody, signature, config.appSecret))
      throw new InvalidSignatureException();
    const items: MetaWebhookItem[] = splitMetaWebhook(body) ?? [
      // Not a webhook this version knows: kept as it came, and failed with the reason in the worker.
      {
        key: `body:${createHash('sha256')
          .update(rawBody ?? '')
          .digest('hex')}`,
        payload: (body ?? {}) as MetaWebhookItem['payload'],
      },
    ];
    const siblings = new Map<string, Channel>();
    let duplicates = 0;
    // One after the other, in Meta's order: a customer's messages are read in the order written.
    for (const item of items) {
      const target = await this.channelFor(channel, item, siblings);
      const { duplicate } = await this.intake.accept(target, {
        providerMessageId: item.key,
        payload: item.payload,
      });
      if (duplicate) duplicates++;
    }
    return { ok: true, received: items.length, duplicates };
  }

  private async channelOf(id: string): Promise<Channel> {
    const channel = await this.channels.cached(id);
    if (!channel || !META_KINDS.includes(channel.kind) || !channel.enabled)
      throw new ChannelNotFoundException(id);
    return channel;
  }

  /**
   * The channel an item is for. Instagram names entries by the Instagram account, which channels do
   * not hold, so its items stay with the channel of the URL; so does an item no other channel
   * claims (the parser says why it is not read).
   */
  private async channelFor(
    channel: Channel,
    item: MetaWebhookItem,
    siblings: Map<string, Channel>,
  ): Promise<Channel> {
    const field = channel.kind === 'whatsapp' ? 'phoneNumberId' : 'pageId';
    const own = (channel.config as Record<string, unknown>)[field];
    if (!item.accountId || item.accountId === own || channel.kind === 'instagram') return channel;
    if (!siblings.has(item.accountId)) {
      const found = await this.db
        .getRepository(Channel)
        .createQueryBuilder('c')
        .where('c.kind = :kind AND c.enabled = true AND c.config->>:field = :account', {
          kind: channel.kind,
          field,
          account: item.accountId,
        })
        .getMany();
      // Only a channel of the same Meta app: the signature was checked with this app's secret.
      const sibling = found.find((c) =>
        sameSecret(configOf(c).appSecret, configOf(channel).appSecret),
      );
      siblings.set(item.accountId, sibling ?? channel);
    }
    return siblings.get(item.accountId) ?? channel;
  }
}

function configOf(channel: Channel): MetaConfig {
  return channel.config as MetaConfig;
}

/** `hub.<name>` as the query parser left it: a flat `hub.mode` key, or nested under `hub`. */
function hubParam(query: Record<string, unknown>, name: string): string | undefined {
  const flat = query[`hub.${name}`];
  const hub = query.hub;
  const nested =
    hub && typeof hub === 'object' ? (hub as Record<string, unknown>)[name] : undefined;
  const value = flat ?? nested;
  return typeof value === 'string' && value.length <= 1000 ? value : undefined;
}
