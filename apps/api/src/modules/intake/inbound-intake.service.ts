import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { withTimeout } from '../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { WakeSignal } from '../../core/queue/wake-signal';
import { findIllFormedText, toWellFormedText } from '../../core/text/well-formed-text';

export interface IntakeInput {
  /** Unique per channel: the second delivery with the same id is recognised as a duplicate. */
  providerMessageId: string;
  /** JSON deliveries (webhooks, form posts, widget messages). */
  payload?: unknown;
  /** Byte deliveries (a raw MIME message). */
  raw?: Buffer;
}

/** The wake topic of fresh inbound events. */
export const INTAKE_WAKE = 'inbound';

export interface IntakeResult {
  eventId: string;
  duplicate: boolean;
}

/**
 * Step 1 of every inbound message: store the raw delivery durably (unique per channel and provider id),
 * wake the workers, answer: one INSERT and one Redis PUBLISH while the provider waits. The workers
 * take fresh events from PostgreSQL in batches, so a lost wake (Redis down) costs a second, not the
 * message.
 */
@Injectable()
export class InboundIntakeService {
  private readonly logger = new Logger('InboundIntake');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.inbound) private readonly queue: Queue,
    private readonly signal: WakeSignal,
  ) {}

  async accept(channel: { id: string }, input: IntakeInput): Promise<IntakeResult> {
    // A customer's delivery is never refused for odd characters: what jsonb cannot hold is kept as
    // JSON text (escaped, so exact), and the key is made storable. The worker cleans the message.
    const json = input.payload === undefined ? null : JSON.stringify(input.payload);
    const asText = json !== null && findIllFormedText(input.payload) !== null;
    const providerMessageId = toWellFormedText(input.providerMessageId.slice(0, 500));
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO inbound_events (channel_id, provider_message_id, payload, payload_text, raw)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel_id, provider_message_id) DO NOTHING
       RETURNING id`,
      [
        channel.id,
        providerMessageId,
        asText ? null : json,
        asText ? json : null,
        input.raw ?? null,
      ],
    );
    if (inserted.length) {
      this.signal.wake(INTAKE_WAKE);
      return { eventId: inserted[0].id, duplicate: false };
    }
    const [existing]: { id: string; status: string }[] = await this.db.query(
      'SELECT id, status FROM inbound_events WHERE channel_id = $1 AND provider_message_id = $2',
      [channel.id, providerMessageId],
    );
    return { eventId: existing.id, duplicate: true };
  }

  /** Hands one event to the one-by-one job (retries with backoff); deduped by job id. */
  async enqueue(eventId: string, jobId = eventId): Promise<void> {
    try {
      await withTimeout(this.queue.add(JOBS.processInbound, { eventId }, { jobId }));
    } catch (err) {
      this.logger.warn(
        `Stored inbound event ${eventId} but could not enqueue it (the sweeper will): ${(err as Error).message}`,
      );
    }
  }
}
