import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { FileStorage } from '../../core/storage/file-storage';

/** Files removed per pass; a larger backlog takes several `contact.erased` (or the next one). */
const BATCH = 500;

/**
 * Removes the files of erased attachments from storage once their rows are gone for good: on
 * `contact.erased`, which the outbox relays after commit even if the erasing process died, so no
 * file outlives its erasure for long. Harmless on a replay: a removed file is removed again, then
 * forgotten.
 */
@Injectable()
export class FileRemovals implements OnModuleInit {
  private readonly logger = new Logger('FileRemovals');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly storage: FileStorage,
  ) {}

  onModuleInit(): void {
    this.events.on('contact.erased', () => this.removePending());
  }

  async removePending(): Promise<void> {
    const pending: { storage_key: string }[] = await this.db.query(
      'SELECT storage_key FROM file_removals ORDER BY created_at LIMIT $1',
      [BATCH],
    );
    for (const { storage_key: key } of pending) {
      try {
        await this.storage.remove(key);
        await this.db.query('DELETE FROM file_removals WHERE storage_key = $1', [key]);
      } catch (err) {
        this.logger.warn(`Could not remove erased file ${key}: ${String(err)}`);
      }
    }
  }
}
