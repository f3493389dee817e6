import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { RefreshTokenService } from './refresh-token.service';

/** Deletes long-expired refresh tokens every six hours (one schedule, however many workers run). */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.purgeRefreshTokens, { everyMs: 6 * 3600 * 1000 })
export class RefreshTokenPurgeJob implements JobHandler<unknown, { deleted: number }> {
  private readonly logger = new Logger('RefreshTokenPurge');

  constructor(private readonly tokens: RefreshTokenService) {}

  async handle(): Promise<{ deleted: number }> {
    const deleted = await this.tokens.purgeExpired();
    if (deleted) this.logger.log(`Deleted ${deleted} expired refresh tokens`);
    return { deleted };
  }
}
