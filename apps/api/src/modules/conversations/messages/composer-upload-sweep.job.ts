import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../../core/queue/queue.constants';
import { FileStorage } from '../../../core/storage/file-storage';

/**
 * Removes files uploaded in the composer that no reply took before they expired: the rows first (a
 * reply taking one at the same moment either got it or finds it gone), then their bytes.
 */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepComposerUploads, { everyMs: 10 * 60_000 })
export class ComposerUploadSweepJob implements JobHandler<unknown, { removed: number }> {
  private readonly logger = new Logger('ComposerUploadSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: FileStorage,
  ) {}

  async handle(): Promise<{ removed: number }> {
    return this.sweep();
  }

  async sweep(now = new Date()): Promise<{ removed: number }> {
    const [rows]: [{ storage_key: string }[], number] = await this.db.query(
      `DELETE FROM composer_uploads WHERE id IN (
         SELECT id FROM composer_uploads WHERE expires_at <= $1 ORDER BY expires_at LIMIT 1000
       ) RETURNING storage_key`,
      [now],
    );
    for (const row of rows) {
      // A file left behind by a failed removal is harmless: nothing refers to it any more.
      await this.storage
        .remove(row.storage_key)
        .catch((err: Error) =>
          this.logger.warn(`Removing upload ${row.storage_key} failed: ${err.message}`),
        );
    }
    if (rows.length) this.logger.log(`Removed ${rows.length} unsent uploads`);
    return { removed: rows.length };
  }
}
