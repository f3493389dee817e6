import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { vacuumQueueTable } from '../database/queue-vacuum';
import { HandlesJob, type JobHandler } from '../queue/job-handler';
import { JOBS, QUEUES } from '../queue/queue.constants';
import { DomainEvents, OUTBOX_KEEP_RELAYED_HOURS, OUTBOX_RELAY_AGE_MS } from './domain-events';

/** Stored events relayed per pass; a run takes a few passes when a backlog waits. */
const RELAY_LIMIT = 500;
const RELAY_PASSES = 10;

/**
 * Publishes stored events their process never published (it died between commit and publish):
 * such an event is late by a few seconds, never lost. Runs every few seconds; a run that fails is
 * simply followed by the next.
 */
@Injectable()
@HandlesJob(QUEUES.outbox, JOBS.relayOutbox, { everyMs: OUTBOX_RELAY_AGE_MS, attempts: 1 })
export class OutboxRelayJob implements JobHandler<unknown, { relayed: number; vacuumed: boolean }> {
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    private readonly events: DomainEvents,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async handle(): Promise<{ relayed: number; vacuumed: boolean }> {
    let relayed = 0;
    for (let pass = 0; pass < RELAY_PASSES; pass++) {
      const n = await this.events.relayPending(OUTBOX_RELAY_AGE_MS, RELAY_LIMIT);
      relayed += n;
      if (n < RELAY_LIMIT) break;
    }
    if (relayed) this.logger.log(`Relayed ${relayed} stored events their process did not publish`);
    // Every published event leaves a dead entry in the index the relay looks through.
    return { relayed, vacuumed: await vacuumQueueTable(this.db, 'outbox_events') };
  }
}

/** Deletes relayed events after a day, hourly. */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.purgeOutbox, { everyMs: 3600 * 1000, attempts: 1 })
export class OutboxPurgeJob implements JobHandler<unknown, { deleted: number }> {
  private readonly logger = new Logger('OutboxPurge');

  constructor(private readonly events: DomainEvents) {}

  async handle(): Promise<{ deleted: number }> {
    const deleted = await this.events.purgeRelayed(OUTBOX_KEEP_RELAYED_HOURS);
    if (deleted) this.logger.log(`Deleted ${deleted} relayed events`);
    return { deleted };
  }
}
