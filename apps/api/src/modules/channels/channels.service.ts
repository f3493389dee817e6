import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ChannelCheckDto,
  ChannelDto,
  ChannelKind,
  CreateChannelRequest,
  UpdateChannelRequest,
} from '@touchpoint/shared';
import { DataSource, Not } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { NotFoundException } from '../../core/errors/app.exception';
import { OutboundClient } from '../../core/net/outbound.client';
import { Team } from '../users/team.entity';
import { ChannelConnectError } from './channel-adapter';
import { inboxAddressOf, maskConfig, outboundTargetsOf, validateConfig } from './channel-config';
import { ChannelRegistry } from './channel-registry';
import { Channel } from './channel.entity';
import {
  ChannelInUseException,
  ChannelNotConnectedException,
  ChannelNotFoundException,
  InboxAddressTakenException,
  RefusedChannelTargetException,
} from './channels.exception';

/** How long a process trusts its copy of a channel (webhooks and workers read channels on every message). */
const CACHE_TTL_MS = 5000;

@Injectable()
export class ChannelsService {
  private readonly logger = new Logger('Channels');
  private readonly cache = new Map<string, { channel: Channel | null; until: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly outbound: OutboundClient,
    private readonly registry: ChannelRegistry,
  ) {}

  async list(): Promise<ChannelDto[]> {
    const channels = await this.db.getRepository(Channel).find({ order: { name: 'ASC' } });
    return channels.map((c) => this.toDto(c));
  }

  async get(id: string): Promise<ChannelDto> {
    return this.toDto(await this.entity(id));
  }

  /** The channel a provider addresses, if enabled and of the expected kind (404 otherwise). */
  async findEnabled(id: string, kind: ChannelKind): Promise<Channel> {
    const channel = await this.cached(id);
    if (!channel || channel.kind !== kind || !channel.enabled)
      throw new ChannelNotFoundException(id);
    return channel;
  }

  /** The channel, from a copy at most a few seconds old; changes made here drop the copy at once. */
  async cached(id: string): Promise<Channel | null> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.channel;
    const channel = await this.db.getRepository(Channel).findOne({ where: { id } });
    this.cache.set(id, { channel, until: Date.now() + CACHE_TTL_MS });
    return channel;
  }

  async create(input: CreateChannelRequest): Promise<ChannelDto> {
    await this.assertTeam(input.teamId);
    const config = validateConfig(input.kind, input.config);
    await this.assertReachable(config);
    const inboxAddress = inboxAddressOf(input.kind, config);
    await this.assertAddressFree(inboxAddress);
    const channel = this.db.getRepository(Channel).create({
      // Chosen here: the provider is told the channel's webhook address before it is saved.
      id: randomUUID(),
      kind: input.kind,
      name: input.name,
      teamId: input.teamId,
      config,
      inboxAddress,
      enabled: input.enabled ?? true,
    });
    await this.connect(channel);
    const saved = await this.db.getRepository(Channel).save(channel);
    this.cache.delete(saved.id);
    return this.get(saved.id);
  }

  async update(id: string, input: UpdateChannelRequest): Promise<ChannelDto> {
    const channel = await this.entity(id);
    if (input.teamId) await this.assertTeam(input.teamId);
    const config = input.config
      ? validateConfig(channel.kind, input.config, channel.config)
      : channel.config;
    if (input.config) await this.assertReachable(config);
    const inboxAddress = inboxAddressOf(channel.kind, config);
    await this.assertAddressFree(inboxAddress, id);
    const next = {
      ...channel,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.teamId !== undefined && { teamId: input.teamId }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
      config,
      inboxAddress,
    };
    // A rename or a team change leaves the provider alone.
    if ((next.enabled && !channel.enabled) || !isDeepStrictEqual(config, channel.config))
      await this.connect(next);
    await this.db.getRepository(Channel).save(next);
    this.cache.delete(id);
    if (channel.enabled && !next.enabled) await this.disconnect(channel);
    return this.get(id);
  }

  /** Whether the channel's settings work, asked of its provider; a problem is an answer, not an error. */
  async check(id: string): Promise<ChannelCheckDto> {
    const channel = await this.entity(id);
    const adapter = this.registry.find(channel.kind);
    if (!adapter?.check)
      return { ok: true, message: 'Nothing outside Touchpoint to check for this kind of channel' };
    try {
      return { ok: true, message: await adapter.check(channel) };
    } catch (err) {
      if (err instanceof ChannelConnectError) return { ok: false, message: err.message };
      throw err;
    }
  }

  async remove(id: string): Promise<void> {
    const channel = await this.entity(id);
    const used = await this.db.query('SELECT 1 FROM messages WHERE channel_id = $1 LIMIT 1', [id]);
    if (used.length) throw new ChannelInUseException();
    await this.db.getRepository(Channel).delete(id);
    this.cache.delete(id);
    if (channel.enabled) await this.disconnect(channel);
  }

  /**
   * After a channel stopped taking deliveries (disabled or deleted), its adapter tells the provider
   * (Telegram then keeps the bot's updates instead of posting them here). The admin's change stands
   * whatever the provider answers: its deliveries are refused here with 404 anyway.
   */
  private async disconnect(channel: Channel): Promise<void> {
    const adapter = this.registry.find(channel.kind);
    if (!adapter?.disconnect) return;
    try {
      await adapter.disconnect(channel);
    } catch (err) {
      this.logger.warn(
        `Channel ${channel.id} (${channel.kind}) stopped here, but its provider was not told: ${(err as Error).message}`,
      );
    }
  }

  /**
   * Before an enabled channel's new settings are saved, its adapter tells the provider where to
   * deliver (a Telegram webhook). If the provider refuses, nothing is saved: a new channel is not
   * created, and a working one keeps the settings it works with; the admin learns why. Should the
   * save fail after the provider said yes, saving again tells it again (it is idempotent).
   */
  private async connect(channel: Channel): Promise<void> {
    const adapter = this.registry.find(channel.kind);
    if (!channel.enabled || !adapter?.connect) return;
    try {
      await adapter.connect(channel);
    } catch (err) {
      if (err instanceof ChannelConnectError)
        throw new ChannelNotConnectedException(err.message, err.unavailable);
      throw err;
    }
  }

  private async entity(id: string): Promise<Channel> {
    const channel = await this.db.getRepository(Channel).findOne({ where: { id } });
    if (!channel) throw new NotFoundException('Channel', id);
    return channel;
  }

  private async assertTeam(teamId: string): Promise<void> {
    if (!(await this.db.getRepository(Team).exists({ where: { id: teamId } })))
      throw new NotFoundException('Team', teamId);
  }

  /**
   * Refuses hosts the product must not connect to (loopback, private, metadata...) unless allowed by
   * OUTBOUND_ALLOW_HOSTS. A name that does not resolve now is accepted: the same check runs again at
   * every connection, so it can never lead somewhere refused.
   */
  private async assertReachable(config: Record<string, unknown>): Promise<void> {
    const targets = outboundTargetsOf(config);
    const refused = await Promise.all(targets.map((t) => this.outbound.refusal(t.host, t.port)));
    const refusals = targets.flatMap((t, i) => {
      const r = refused[i];
      return r ? [`${t.field} points to ${r.reason} (${r.address})`] : [];
    });
    if (refusals.length) throw new RefusedChannelTargetException(refusals);
  }

  private async assertAddressFree(address: string | null, exceptId?: string): Promise<void> {
    if (!address) return;
    const taken = await this.db
      .getRepository(Channel)
      .exists({ where: { inboxAddress: address, ...(exceptId && { id: Not(exceptId) }) } });
    if (taken) throw new InboxAddressTakenException(address);
  }

  private toDto(c: Channel): ChannelDto {
    return {
      id: c.id,
      kind: c.kind,
      name: c.name,
      teamId: c.teamId,
      enabled: c.enabled,
      config: maskConfig(c.kind, c.config),
      endpoints: this.endpoints(c),
      createdAt: c.createdAt.toISOString(),
    };
  }

  /** What the admin must tell the provider (or paste into the website). */
  private endpoints(c: Channel): Record<string, string> {
    const base = this.config.http.publicUrl;
    switch (c.kind) {
      case 'email':
        return {
          smtp: `Deliver mail for ${c.inboxAddress} to this server on port ${this.config.smtp.port}`,
        };
      case 'form':
        return { post: `${base}/forms/${c.id}`, embed: `${base}/forms/${c.id}/embed` };
      case 'webchat':
        return { script: `<script src="${base}/widget.js" data-channel="${c.id}" async></script>` };
      case 'api':
        return { webhook: `${base}/webhooks/api/${c.id}` };
      case 'twilio':
        return {
          webhook: `${base}/webhooks/twilio/${c.id}`,
          status: `${base}/webhooks/twilio/${c.id}/status`,
          voice: `${base}/webhooks/twilio/${c.id}/voice`,
          voiceStatus: `${base}/webhooks/twilio/${c.id}/voice/status`,
        };
      case 'telegram':
        return { webhook: `${base}/webhooks/telegram/${c.id}` };
      default:
        return { webhook: `${base}/webhooks/meta/${c.id}` };
    }
  }
}
