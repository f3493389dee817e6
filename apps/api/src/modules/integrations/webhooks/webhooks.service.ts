import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  WebhookDeliveryDto,
  WebhookDto,
  WebhookWithSecretDto,
  createWebhookSchema,
  updateWebhookSchema,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { AuthUser } from '../../../core/auth/auth-user';
import { withTimeout } from '../../../core/queue/enqueue';
import { ensureJob } from '../../../core/queue/ensure-job';
import { JOBS, QUEUES } from '../../../core/queue/queue.constants';
import { WebhookDelivery } from './webhook-delivery.entity';
import { newWebhookSecret } from './webhook-signature';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhookSubscriptionsCache } from './webhook-subscriptions.cache';
import { toWebhookDeliveryDto, toWebhookDto } from './webhook.mapper';
import { WebhookDeliveryNotFoundException, WebhookNotFoundException } from './webhooks.exception';

/** How many deliveries the log of one webhook shows. */
const DELIVERY_LOG_SIZE = 100;

/**
 * Admins' webhooks: where to send which events. Saving checks the URL's form only; whether the
 * address may be reached is decided on every delivery by the guarded outbound client.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    private readonly cache: WebhookSubscriptionsCache,
  ) {}

  async list(): Promise<WebhookDto[]> {
    const rows = await this.db
      .getRepository(WebhookSubscription)
      .find({ order: { createdAt: 'ASC' } });
    return rows.map(toWebhookDto);
  }

  async get(id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.entity(id));
  }

  async create(
    admin: AuthUser,
    input: z.output<typeof createWebhookSchema>,
  ): Promise<WebhookWithSecretDto> {
    const secret = newWebhookSecret();
    const repo = this.db.getRepository(WebhookSubscription);
    const { id } = await repo.save(repo.create({ ...input, secret, createdById: admin.id }));
    this.cache.changed();
    return { ...(await this.get(id)), secret };
  }

  async update(id: string, input: z.output<typeof updateWebhookSchema>): Promise<WebhookDto> {
    await this.entity(id);
    await this.db.getRepository(WebhookSubscription).update(id, input);
    this.cache.changed();
    return this.get(id);
  }

  /** A new signing secret, answered once; requests from now on are signed with it. */
  async rotateSecret(id: string): Promise<WebhookWithSecretDto> {
    await this.entity(id);
    const secret = newWebhookSecret();
    await this.db.getRepository(WebhookSubscription).update(id, { secret });
    this.cache.changed();
    return { ...(await this.get(id)), secret };
  }

  /** Deletes the webhook and its delivery log; pending deliveries are not sent. */
  async remove(id: string): Promise<void> {
    await this.entity(id);
    await this.db.getRepository(WebhookSubscription).delete(id);
    this.cache.changed();
  }

  async deliveries(id: string): Promise<WebhookDeliveryDto[]> {
    await this.entity(id);
    const rows = await this.db.getRepository(WebhookDelivery).find({
      where: { subscriptionId: id },
      order: { createdAt: 'DESC' },
      take: DELIVERY_LOG_SIZE,
    });
    return rows.map(toWebhookDeliveryDto);
  }

  /**
   * Sends a delivery again now, with the same id (the receiver's idempotency key) and the same
   * body; a failure then starts the retry schedule afresh.
   */
  async redeliver(deliveryId: string): Promise<WebhookDeliveryDto> {
    const repo = this.db.getRepository(WebhookDelivery);
    if (!(await repo.exist({ where: { id: deliveryId } })))
      throw new WebhookDeliveryNotFoundException(deliveryId);
    await repo.update(deliveryId, {
      status: 'pending',
      roundAttempts: 0,
      nextAttemptAt: new Date(),
      deliveredAt: null,
    });
    // A job still waiting for its retry is brought forward; otherwise one is added (or the sweep will).
    await withTimeout(this.requeue(deliveryId)).catch(() => undefined);
    return toWebhookDeliveryDto(await repo.findOneByOrFail({ id: deliveryId }));
  }

  private async requeue(deliveryId: string): Promise<void> {
    const job = await this.queue.getJob(deliveryId);
    if (job && (await job.getState()) === 'delayed') return job.promote();
    await ensureJob(this.queue, JOBS.deliverWebhook, { deliveryId }, deliveryId);
  }

  private async entity(id: string): Promise<WebhookSubscription> {
    const row = await this.db.getRepository(WebhookSubscription).findOne({ where: { id } });
    if (!row) throw new WebhookNotFoundException(id);
    return row;
  }
}
