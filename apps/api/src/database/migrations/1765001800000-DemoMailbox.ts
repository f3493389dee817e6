import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The demo customers' mailbox: mail the demo's email and form channels send, caught by Touchpoint
 * itself outside production (shown on /demo), so a reply by email is delivered without a mail
 * catcher installed. One row per sent Message-ID: a send repeated after a crash is caught once.
 */
export class DemoMailbox1765001800000 implements MigrationInterface {
  name = 'DemoMailbox1765001800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "demo_mails" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "message_id" text NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      "mail_from" text NOT NULL,
      "reply_to" text NOT NULL,
      "recipients" text[] NOT NULL,
      "subject" text NOT NULL,
      "body" text NOT NULL,
      "attachments" text[] NOT NULL DEFAULT '{}',
      "answered_at" timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX "demo_mails_message_id_key" ON "demo_mails" ("message_id")`);
    await q.query(`CREATE INDEX "demo_mails_received_idx" ON "demo_mails" ("received_at" DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "demo_mails"`);
  }
}
