import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../core/events/domain-events';
import { ConversationHooks } from '../conversations/conversation-hooks';
import { SatisfactionRatingService } from './satisfaction-rating.service';
import { SatisfactionRequestService } from './satisfaction-request.service';

/**
 * Plans a survey in the transaction that resolves a conversation, schedules its job once that is
 * committed (`conversation.updated`), and takes a customer's digit reply to a survey as its rating
 * (`message.created`). Both listeners tolerate a replay: job ids and the rating update are
 * idempotent.
 */
@Injectable()
export class SatisfactionListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly hooks: ConversationHooks,
    private readonly requests: SatisfactionRequestService,
    private readonly ratings: SatisfactionRatingService,
  ) {}

  onModuleInit(): void {
    this.hooks.onResolve((m, conversationId) =>
      this.requests.planAfterResolution(m, conversationId),
    );
    this.events.onMany('conversation.updated', (events) =>
      this.requests.scheduleFor([...new Set(events.map((e) => e.conversationId))]),
    );
    this.events.onMany('message.created', (events) =>
      this.ratings.rateByReplies(events.map((e) => e.messageId)),
    );
  }
}
