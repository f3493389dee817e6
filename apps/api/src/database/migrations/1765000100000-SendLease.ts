import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until when a worker holds the send of a reply. A job taken over from a stalled worker that is still
 * sending finds the lease and waits instead of sending the reply a second time.
 */
export class SendLease1765000100000 implements MigrationInterface {
  name = 'SendLease1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD COLUMN "sending_until" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP COLUMN "sending_until"`);
  }
}
