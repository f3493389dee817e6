import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { HandlesJob, isLastAttempt, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { InboundMessagesService } from '../conversations/messages/inbound-messages.service';
import { InboundEvent } from '../intake/inbound-event.entity';
import {
  INBOUND_EVENT_COLUMNS,
  InboundStore,
  toInboundEvent,
  type InboundEventRow,
} from './inbound-store';
import { InboundParser } from './inbound-parser';

class AlreadyProcessed extends Error {}

export interface ProcessInboundData {
  eventId: string;
}

/**
 * Step 2 of every inbound message: parse the stored delivery, resolve the contact, thread, store and
 * commit in one transaction, then announce. Idempotent: the event row is locked and must still be
 * pending, and messages are unique per channel and provider id, so redeliveries and retries after a
 * crash store nothing twice.
 */
@Injectable()
@HandlesJob(QUEUES.inbound, JOBS.processInbound)
export class InboundProcessJob implements JobHandler<ProcessInboundData> {
  private readonly logger = new Logger('InboundProcess');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly parser: InboundParser,
    private readonly store: InboundStore,
    private readonly messages: InboundMessagesService,
    private readonly events: DomainEvents,
  ) {}

  async handle(job: Job<ProcessInboundData>): Promise<void> {
    const { eventId } = job.data;
    // Counts the attempt and loads the event in one statement; a processed event is left alone.
    const [rows]: [InboundEventRow[], number] = await this.db.query(
      `UPDATE inbound_events SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending'
       RETURNING ${INBOUND_EVENT_COLUMNS}`,
      [eventId],
    );
    if (!rows[0]) return;
    const parsed = await this.parser.parse(toInboundEvent(rows[0]));
    if (parsed.outcome === 'finished') return this.finish(eventId, parsed.status, parsed.reason);
    if (parsed.outcome === 'retry') return this.failOrRetry(job, eventId, parsed.error);
    if (parsed.outcome === 'delivery') {
      try {
        for (const update of parsed.updates)
          await this.messages.applyDelivery(parsed.channel.id, update);
      } catch (err) {
        // As for messages: retried, and kept as failed after the last attempt, never left pending.
        return this.failOrRetry(job, eventId, err as Error);
      }
      return this.finish(eventId, 'processed', null);
    }

    const { channel, messages } = parsed;
    const batch = new EventBatch();
    try {
      await this.db.transaction(async (m) => {
        await this.store.store(
          m,
          messages.map((message) => ({ channel, message })),
          batch,
        );
        // Exactly once: of two workers on the same event, the second waits on this row and then
        // finds it processed; its transaction is rolled back with everything it wrote.
        const [, affected]: [unknown, number] = await m.query(
          `UPDATE inbound_events SET status = 'processed', processed_at = now(), last_error = NULL
           WHERE id = $1 AND status = 'pending'`,
          [eventId],
        );
        if (affected !== 1) throw new AlreadyProcessed();
        await this.events.record(m, batch);
      });
    } catch (err) {
      if (err instanceof AlreadyProcessed) return;
      return this.failOrRetry(job, eventId, err as Error);
    }
    await this.events.publish(batch);
  }

  private async finish(
    eventId: string,
    status: 'processed' | 'ignored' | 'failed',
    error: string | null,
  ): Promise<void> {
    await this.db
      .getRepository(InboundEvent)
      .update(
        { id: eventId, status: 'pending' },
        { status, lastError: error?.slice(0, 2000) ?? null, processedAt: new Date() },
      );
    if (status === 'failed') this.logger.warn(`Inbound event ${eventId} failed: ${error}`);
  }

  /** Transient trouble (database, storage): let BullMQ retry; after the last attempt keep it as failed. */
  private async failOrRetry(job: Job, eventId: string, err: Error): Promise<void> {
    if (isLastAttempt(job)) return this.finish(eventId, 'failed', err.message);
    await this.db
      .getRepository(InboundEvent)
      .update(eventId, { lastError: err.message.slice(0, 2000) });
    throw err;
  }
}
