import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing webhooks: `webhook_subscriptions` (where to send which events, and the signing secret)
 * and `webhook_deliveries`, one row per event and subscription with the payload as it was when the
 * event happened. A delivery is created once per stored domain event (`outbox_event_id`, no foreign
 * key: relayed outbox rows are purged after a day), so a relayed-again event adds nothing.
 */
export class Webhooks1765002200000 implements MigrationInterface {
  name = 'Webhooks1765002200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "webhook_subscriptions" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "url" varchar(2000) NOT NULL,
      "description" varchar(500) NOT NULL DEFAULT '',
      "events" varchar(40)[] NOT NULL,
      "include_notes" boolean NOT NULL DEFAULT false,
      "active" boolean NOT NULL DEFAULT true,
      "secret" varchar(100) NOT NULL,
      "created_by" uuid CONSTRAINT "webhook_subscriptions_created_by_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "webhook_subscriptions_created_by_idx" ON "webhook_subscriptions" ("created_by")`,
    );
    await q.query(`CREATE TABLE "webhook_deliveries" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "subscription_id" uuid NOT NULL CONSTRAINT "webhook_deliveries_subscription_fk" REFERENCES "webhook_subscriptions" ("id") ON DELETE CASCADE,
      "outbox_event_id" bigint,
      "event_type" varchar(40) NOT NULL,
      "payload" jsonb NOT NULL,
      "status" varchar(20) NOT NULL DEFAULT 'pending' CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed')),
      "attempts" int NOT NULL DEFAULT 0,
      "round_attempts" int NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz,
      "last_status_code" int,
      "last_error" varchar(1000),
      "last_duration_ms" int,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "delivered_at" timestamptz
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "webhook_deliveries_event_key" ON "webhook_deliveries" ("subscription_id", "outbox_event_id")`,
    );
    // The delivery log of one webhook, newest first.
    await q.query(
      `CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries" ("subscription_id", "created_at" DESC)`,
    );
    // The sweep finds the few pending rows that are due; the purge finds old finished ones.
    await q.query(
      `CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await q.query(
      `CREATE INDEX "webhook_deliveries_finished_idx" ON "webhook_deliveries" ("created_at") WHERE "status" <> 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webhook_deliveries"`);
    await q.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
