import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Since when the customer waits for an answer: set by their first message after staff last answered,
 * cleared by an answer (a reply or a logged call) or by resolving. The supervisors' board ages the
 * queue by it, and response targets are measured from it. Existing open conversations get it from
 * their messages. Open conversations are counted per team and owner on the board through partial
 * indexes. A supervisor can nudge whoever holds a consult; `last_nudged_at` keeps that to one
 * reminder at a time.
 */
export class ConversationWaitingSince1765001200000 implements MigrationInterface {
  name = 'ConversationWaitingSince1765001200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations" ADD COLUMN "waiting_since" timestamptz`);
    await q.query(
      `UPDATE "conversations" c SET "waiting_since" = w.since
         FROM (SELECT m.conversation_id, min(m.created_at) AS since
                 FROM "messages" m
                WHERE (m.type = 'inbound' OR (m.type = 'call' AND m.author_user_id IS NULL))
                  AND m.created_at > COALESCE((
                        SELECT max(a.created_at) FROM "messages" a
                         WHERE a.conversation_id = m.conversation_id
                           AND (a.type = 'outbound' OR (a.type = 'call' AND a.author_user_id IS NOT NULL))),
                      '-infinity')
                GROUP BY m.conversation_id) w
        WHERE w.conversation_id = c.id AND c.status <> 'resolved'`,
    );
    await q.query(
      `CREATE INDEX "conversations_queue_wait_idx" ON "conversations" ("team_id", "waiting_since")
       WHERE "owner_id" IS NULL AND "status" <> 'resolved'`,
    );
    // The board counts open conversations per team and per owner; resolved ones pile up forever.
    await q.query(
      `CREATE INDEX "conversations_open_team_idx" ON "conversations" ("team_id", "owner_id")
       WHERE "status" <> 'resolved'`,
    );
    await q.query(
      `CREATE INDEX "conversations_open_owner_idx" ON "conversations" ("owner_id")
       WHERE "status" <> 'resolved'`,
    );
    await q.query(`ALTER TABLE "handoffs" ADD COLUMN "last_nudged_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs" DROP COLUMN "last_nudged_at"`);
    await q.query(`DROP INDEX "conversations_open_owner_idx"`);
    await q.query(`DROP INDEX "conversations_open_team_idx"`);
    await q.query(`DROP INDEX "conversations_queue_wait_idx"`);
    await q.query(`ALTER TABLE "conversations" DROP COLUMN "waiting_since"`);
  }
}
