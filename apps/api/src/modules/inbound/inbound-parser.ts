import { Injectable } from '@nestjs/common';
import {
  UnparseablePayloadError,
  type DeliveryUpdate,
  type NormalizedMessage,
} from '../channels/channel-adapter';
import { ChannelRegistry } from '../channels/channel-registry';
import { ChannelsService } from '../channels/channels.service';
import type { Channel } from '../channels/channel.entity';
import type { InboundEvent } from '../intake/inbound-event.entity';
import { storableMessage } from './inbound-store';

/** What one stored delivery means, as the batch drain and the one-by-one job both act on it. */
export type ParsedEvent =
  /** Nothing to store, ever: kept as `ignored` or `failed` with the reason. */
  | { outcome: 'finished'; status: 'ignored' | 'failed'; reason: string }
  /** Customer messages, cleaned for storage. */
  | { outcome: 'messages'; channel: Channel; messages: NormalizedMessage[] }
  /** News about our replies (status callbacks, bounces). */
  | { outcome: 'delivery'; channel: Channel; updates: DeliveryUpdate[] }
  /** A passing failure (a provider or file host unreachable): worth another try. */
  | { outcome: 'retry'; error: Error };

/** Finds an event's channel and adapter and has the adapter parse it; the one place that decides. */
@Injectable()
export class InboundParser {
  constructor(
    private readonly channels: ChannelsService,
    private readonly registry: ChannelRegistry,
  ) {}

  async parse(event: InboundEvent): Promise<ParsedEvent> {
    const failed = (reason: string): ParsedEvent => ({
      outcome: 'finished',
      status: 'failed',
      reason: reason.slice(0, 2000),
    });
    const channel = await this.channels.cached(event.channelId);
    if (!channel) return failed('The channel of this event was deleted');
    const adapter = this.registry.find(channel.kind);
    if (!adapter) return failed(`No adapter for channel kind ${channel.kind}`);
    try {
      const result = await adapter.parse(event, channel);
      if (result.kind === 'ignored')
        return { outcome: 'finished', status: 'ignored', reason: result.reason.slice(0, 2000) };
      if (result.kind === 'delivery')
        return { outcome: 'delivery', channel, updates: result.updates };
      return { outcome: 'messages', channel, messages: result.messages.map(storableMessage) };
    } catch (err) {
      if (err instanceof UnparseablePayloadError) return failed(err.message);
      return { outcome: 'retry', error: err as Error };
    }
  }
}
