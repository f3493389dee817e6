import { Injectable } from '@nestjs/common';
import type { IdentityKind } from '@touchpoint/shared';
import type {
  ChannelAdapter,
  OutboundContext,
  ParseResult,
  ReplyWindow,
  SendResult,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { PageMessaging } from './page-messaging.service';
import type { PageChannelKind } from './page-webhook.parser';

/** Messenger and Instagram: one Messenger Platform behind two kinds, each answered by PageMessaging. */
@Injectable()
export abstract class PageChannelAdapter implements ChannelAdapter {
  abstract readonly kind: PageChannelKind;
  abstract readonly reaches: readonly IdentityKind[];

  constructor(private readonly pages: PageMessaging) {}

  parse(event: InboundEvent, channel: Channel): Promise<ParseResult> {
    return this.pages.parse(this.kind, event, channel);
  }

  send(ctx: OutboundContext): Promise<SendResult> {
    return this.pages.send(this.kind, ctx);
  }

  /**
   * The Send API takes 300 calls a second per page or account for text but only 10 for audio and
   * video; a reply's files are not known here, so the lower figure is the pace.
   */
  sendRate(): { limit: number; windowMs: number } {
    return { limit: 10, windowMs: 1000 };
  }

  check(channel: Channel): Promise<string> {
    return this.pages.check(this.kind, channel);
  }

  replyWindow(channel: Channel, contactId: string): Promise<ReplyWindow> {
    return this.pages.replyWindow(this.kind, channel, contactId);
  }
}
