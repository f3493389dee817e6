import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WakeSignal } from '../../../core/queue/wake-signal';
import { WebhookSubscription } from './webhook-subscription.entity';

/** How long a process trusts its list of active webhooks when no change nudge reached it. */
const CACHE_TTL_MS = 5000;
const CHANGED = 'webhooks.changed';

/**
 * The active webhooks, from a copy, so events in a workspace without webhooks cost no query. A
 * change drops the copy here at once and in every other process on the nudge it sends; a lost
 * nudge costs at most a few seconds (the copy's age).
 */
@Injectable()
export class WebhookSubscriptionsCache implements OnModuleInit {
  private copy?: { subscriptions: WebhookSubscription[]; until: number };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signal: WakeSignal,
  ) {}

  onModuleInit(): void {
    this.signal.on(CHANGED, () => (this.copy = undefined));
  }

  async active(): Promise<WebhookSubscription[]> {
    if (this.copy && this.copy.until > Date.now()) return this.copy.subscriptions;
    const subscriptions = await this.db
      .getRepository(WebhookSubscription)
      .find({ where: { active: true } });
    this.copy = { subscriptions, until: Date.now() + CACHE_TTL_MS };
    return subscriptions;
  }

  /** After a webhook was added, changed or deleted. */
  changed(): void {
    this.copy = undefined;
    this.signal.wake(CHANGED);
  }
}
