import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DomainEvents } from '../../core/events/domain-events';
import { withTimeout } from '../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import type { RecomputeHoldsData } from './marketing-hold.job';
import { MarketingHoldService } from './marketing-hold.service';

/**
 * Queues a recompute of the holds a change may decide: a conversation's status, team or contact
 * (`conversation.updated`, looked at first so that only real changes are queued), contacts merged,
 * unmerged or erased, a team's setting changed or the team deleted (all holds are compared then).
 * Should Redis lose a job, or a listener fail, the sweep catches up within half a minute.
 */
@Injectable()
export class MarketingHoldListener implements OnModuleInit {
  private readonly logger = new Logger('MarketingHold');

  constructor(
    private readonly events: DomainEvents,
    private readonly holds: MarketingHoldService,
    @InjectQueue(QUEUES.marketing) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.events.onMany('conversation.updated', async (events) => {
      const conversationIds = [...new Set(events.map((e) => e.conversationId))];
      await this.recompute(await this.holds.contactsToRecompute(conversationIds));
    });
    this.events.on('contact.merged', ({ contactId, mergedContactId }) =>
      this.recompute([contactId, mergedContactId]),
    );
    this.events.on('contact.unmerged', ({ contactId, restoredContactId }) =>
      this.recompute([contactId, restoredContactId]),
    );
    this.events.on('contact.erased', ({ contactId }) => this.recompute([contactId]));
    this.events.on('team.updated', () => this.sweep());
    this.events.on('team.deleted', () => this.sweep());
  }

  private async recompute(contactIds: string[]): Promise<void> {
    if (contactIds.length === 0) return;
    const data: RecomputeHoldsData = { contactIds: [...new Set(contactIds)].sort() };
    try {
      await withTimeout(this.queue.add(JOBS.recomputeMarketingHolds, data));
    } catch (err) {
      this.logger.warn(`Marketing hold recompute not queued: ${(err as Error).message}`);
    }
  }

  /** A team's setting decides for all its conversations: every hold is compared, as a set. */
  private async sweep(): Promise<void> {
    try {
      await withTimeout(this.queue.add(JOBS.sweepMarketingHolds, {}));
    } catch (err) {
      this.logger.warn(`Marketing hold sweep not queued: ${(err as Error).message}`);
    }
  }
}
