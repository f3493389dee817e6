import { Injectable } from '@nestjs/common';
import { toWellFormedText, withWellFormedText } from '../../core/text/well-formed-text';
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
      reason: storableReason(reason),
    });
    const channel = await this.channels.cached(event.channelId);
    if (!channel) return failed('The channel of this event was deleted');
    const adapter = this.registry.find(channel.kind);
    if (!adapter) return failed(`No adapter for channel kind ${channel.kind}`);
    try {
      const result = await adapter.parse(event, channel);
      if (result.kind === 'ignored')
        return { outcome: 'finished', status: 'ignored', reason: storableReason(result.reason) };
      if (result.kind === 'delivery')
        return {
          outcome: 'delivery',
          channel,
          // The ids and error words quote the payload too: a NUL in them would fail every attempt.
          updates: result.updates.map((u) => withWellFormedText(u).value),
        };
      return { outcome: 'messages', channel, messages: result.messages.map(storableMessage) };
    } catch (err) {
      if (err instanceof UnparseablePayloadError) return failed(err.message);
      return { outcome: 'retry', error: err as Error };
    }
  }
}

/**
 * A reason as `inbound_events.last_error` holds it. Reasons quote the payload (a status, a sender), so
 * they may carry a NUL, which PostgreSQL refuses: the event's update would fail on every attempt and
 * leave it pending for good.
 */
function storableReason(reason: string): string {
  return toWellFormedText(reason.slice(0, 2000));
}
