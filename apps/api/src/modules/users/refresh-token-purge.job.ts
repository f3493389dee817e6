import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { RefreshTokenService } from './refresh-token.service';
import { UserTokenRepository } from './user-token.repository';

/** How long an ended invitation or reset link is kept, so a late click is told what happened. */
const ENDED_LINK_DAYS = 30;

/**
 * Deletes long-expired refresh tokens and long-ended invitation and reset links every six hours
 * (one schedule, however many workers run).
 */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.purgeRefreshTokens, { everyMs: 6 * 3600 * 1000 })
export class RefreshTokenPurgeJob implements JobHandler<unknown, { deleted: number }> {
  private readonly logger = new Logger('RefreshTokenPurge');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: RefreshTokenService,
    private readonly links: UserTokenRepository,
  ) {}

  async handle(): Promise<{ deleted: number; links: number }> {
    const deleted = await this.tokens.purgeExpired();
    if (deleted) this.logger.log(`Deleted ${deleted} expired refresh tokens`);
    const links = await this.links.purgeEnded(this.db.manager, ENDED_LINK_DAYS);
    if (links) this.logger.log(`Deleted ${links} invitation and reset links that ended long ago`);
    return { deleted, links };
  }
}
