import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The in-app notification centre: mentions and handoff news per user. */
export class Notifications1763860000000 implements MigrationInterface {
  name = 'Notifications1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notifications" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL CONSTRAINT "notifications_user_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "kind" varchar(30) NOT NULL,
      "conversation_id" uuid CONSTRAINT "notifications_conversation_fk" REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "handoff_id" uuid CONSTRAINT "notifications_handoff_fk" REFERENCES "handoffs" ("id") ON DELETE SET NULL,
      "actor_id" uuid CONSTRAINT "notifications_actor_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "text" varchar(1000) NOT NULL DEFAULT '',
      "read_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "notifications_user_created_idx" ON "notifications" ("user_id", "created_at" DESC)`,
    );
    await q.query(
      `CREATE INDEX "notifications_user_unread_idx" ON "notifications" ("user_id") WHERE "read_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notifications"`);
  }
}
