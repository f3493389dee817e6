import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer content with NUL or unpaired surrogates: the raw JSON delivery is kept as text (jsonb
 * refuses it) and the message, stored with those characters replaced, says so.
 */
export class KeepOddCustomerText1764900200000 implements MigrationInterface {
  name = 'KeepOddCustomerText1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "inbound_events" ADD COLUMN "payload_text" text`);
    await q.query(
      `ALTER TABLE "messages" ADD COLUMN "characters_replaced" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP COLUMN "characters_replaced"`);
    await q.query(`ALTER TABLE "inbound_events" DROP COLUMN "payload_text"`);
  }
}
