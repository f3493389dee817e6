import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { RefreshTokenService } from './refresh-token.service';

/** Deletes long-expired refresh tokens every six hours (one schedule, however many workers run). */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.purgeRefreshTokens)
export class RefreshTokenPurgeJob
  implements JobHandler<unknown, { deleted: number }>, OnApplicationBootstrap
{
  private readonly logger = new Logger('RefreshTokenPurge');

  constructor(
    private readonly tokens: RefreshTokenService,
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JOBS.purgeRefreshTokens,
      { every: 6 * 3600 * 1000 },
      { name: JOBS.purgeRefreshTokens },
    );
  }

  async handle(): Promise<{ deleted: number }> {
    const deleted = await this.tokens.purgeExpired();
    if (deleted) this.logger.log(`Deleted ${deleted} expired refresh tokens`);
    return { deleted };
  }
}
