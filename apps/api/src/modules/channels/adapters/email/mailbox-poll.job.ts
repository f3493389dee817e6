import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../../../core/queue/queue.constants';
import type { Channel } from '../../channel.entity';
import { MailboxPoller } from './mailbox.poller';

export const MAILBOX_POLL_EVERY_MS = 60_000;

export interface MailboxPollSummary {
  channels: number;
  stored: number;
  failed: string[];
}

/**
 * Polls the IMAP mailbox of every enabled email channel that has one, once a minute (one schedule,
 * however many workers run). One mailbox failing (wrong password, server down) does not stop the others.
 */
@Injectable()
// The next run comes within a minute anyway: retrying a failed poll only piles up work.
@HandlesJob(QUEUES.maintenance, JOBS.pollMailboxes, { everyMs: MAILBOX_POLL_EVERY_MS, attempts: 1 })
export class MailboxPollJob implements JobHandler<unknown, MailboxPollSummary> {
  private readonly logger = new Logger('MailboxPoll');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly poller: MailboxPoller,
  ) {}

  async handle(): Promise<MailboxPollSummary> {
    const channels: Pick<Channel, 'id' | 'config'>[] = await this.db.query(
      `SELECT id, config FROM channels WHERE kind = 'email' AND enabled AND config ? 'imap'`,
    );
    const summary: MailboxPollSummary = { channels: channels.length, stored: 0, failed: [] };
    for (const channel of channels) {
      try {
        const { stored } = await this.poller.poll(channel);
        summary.stored += stored;
      } catch (err) {
        summary.failed.push(channel.id);
        this.logger.warn(
          `Polling the mailbox of channel ${channel.id} failed: ${(err as Error).message}`,
        );
      }
    }
    if (summary.stored) this.logger.log(`Stored ${summary.stored} emails from IMAP mailboxes`);
    return summary;
  }
}
