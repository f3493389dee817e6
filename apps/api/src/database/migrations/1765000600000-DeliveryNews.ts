import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replies can be read: messaging providers report it. A provider's status news can also arrive
 * before our send is recorded (its callback beats our commit): such news waits in `delivery_news`
 * until the send names the provider id, and is applied then.
 */
export class DeliveryNews1765000600000 implements MigrationInterface {
  name = 'DeliveryNews1765000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_delivery_status_check"`);
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "messages_delivery_status_check"
       CHECK ("delivery_status" IN ('queued','sending','sent','delivered','read','failed'))`,
    );
    await q.query(
      `CREATE TABLE "delivery_news" (
        "id" bigserial PRIMARY KEY,
        "channel_id" uuid NOT NULL REFERENCES "channels" ("id") ON DELETE CASCADE,
        "provider_message_id" varchar(500) NOT NULL,
        "status" varchar(10) NOT NULL
          CHECK ("status" IN ('sent','delivered','read','failed')),
        "error" varchar(1000),
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`,
    );
    await q.query(
      `CREATE INDEX "delivery_news_provider_id_idx" ON "delivery_news" ("channel_id", "provider_message_id")`,
    );
    await q.query(`CREATE INDEX "delivery_news_received_idx" ON "delivery_news" ("received_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "delivery_news"`);
    await q.query(
      `UPDATE "messages" SET "delivery_status" = 'delivered' WHERE "delivery_status" = 'read'`,
    );
    await q.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_delivery_status_check"`);
    await q.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "messages_delivery_status_check"
       CHECK ("delivery_status" IN ('queued','sending','sent','delivered','failed'))`,
    );
  }
}
