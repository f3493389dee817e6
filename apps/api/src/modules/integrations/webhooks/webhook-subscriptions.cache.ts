import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookSubscription } from './webhook-subscription.entity';

/** How long a process trusts its list of active webhooks (every domain event consults it). */
const CACHE_TTL_MS = 5000;

/**
 * The active webhooks, from a copy at most a few seconds old, so events in a workspace without
 * webhooks cost no query. Changes made in this process drop the copy at once; other processes see
 * them within the TTL.
 */
@Injectable()
export class WebhookSubscriptionsCache {
  private copy?: { subscriptions: WebhookSubscription[]; until: number };

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async active(): Promise<WebhookSubscription[]> {
    if (this.copy && this.copy.until > Date.now()) return this.copy.subscriptions;
    const subscriptions = await this.db
      .getRepository(WebhookSubscription)
      .find({ where: { active: true } });
    this.copy = { subscriptions, until: Date.now() + CACHE_TTL_MS };
    return subscriptions;
  }

  forget(): void {
    this.copy = undefined;
  }
}
