import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a contact prefers to be reached ("prefers phone"): a channel kind, whose reply channels then
 * come first, or `phone` for a call; null is no preference.
 */
export class ContactPreferredChannel1765000800000 implements MigrationInterface {
  name = 'ContactPreferredChannel1765000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "contacts" ADD COLUMN "preferred_channel" varchar(20)
       CONSTRAINT "contacts_preferred_channel_check" CHECK ("preferred_channel" IN
         ('email','form','webchat','api','twilio','whatsapp','messenger','instagram','telegram','phone'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "preferred_channel"`);
  }
}
