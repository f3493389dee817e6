import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phone calls join the timeline as messages of type `call` (details in `metadata.call`), so they are
 * threaded, deduplicated per channel and announced like any other message.
 */
export class Calls1765000700000 implements MigrationInterface {
  name = 'Calls1765000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_type_check"`);
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "messages_type_check"
       CHECK ("type" IN ('inbound','outbound','note','call'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "messages" WHERE "type" = 'call'`);
    await q.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_type_check"`);
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "messages_type_check"
       CHECK ("type" IN ('inbound','outbound','note'))`,
    );
  }
}
