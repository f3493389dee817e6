import { Module } from '@nestjs/common';
import { OutboxPurgeJob, OutboxRelayJob } from './outbox.job';

/** Worker side of domain events: relaying stored events nobody published, purging relayed ones. */
@Module({ providers: [OutboxRelayJob, OutboxPurgeJob] })
export class EventsJobsModule {}
