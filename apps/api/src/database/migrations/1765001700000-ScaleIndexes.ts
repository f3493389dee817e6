import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open work read in the order it is shown, however much resolved history piles up beside it:
 * - an agent's own open conversations by last activity, so the first page of "mine" stops after a
 *   page instead of fetching and sorting all of them (it also counts them per owner, as the index
 *   on the owner alone did, which it replaces);
 * - the board's count per team and owner with the oldest wait, and the team of each conversation
 *   with an SLA clock, answered from the index alone.
 */
export class ScaleIndexes1765001700000 implements MigrationInterface {
  name = 'ScaleIndexes1765001700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "conversations_open_owner_activity_idx" ON "conversations"
       ("owner_id", "last_activity_at" DESC, "id" DESC) WHERE "status" <> 'resolved'`,
    );
    await q.query(`DROP INDEX "conversations_open_owner_idx"`);
    await q.query(`DROP INDEX "conversations_open_team_idx"`);
    await q.query(
      `CREATE INDEX "conversations_open_team_idx" ON "conversations" ("team_id", "owner_id")
       INCLUDE ("waiting_since", "id") WHERE "status" <> 'resolved'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "conversations_open_team_idx"`);
    await q.query(
      `CREATE INDEX "conversations_open_team_idx" ON "conversations" ("team_id", "owner_id")
       WHERE "status" <> 'resolved'`,
    );
    await q.query(
      `CREATE INDEX "conversations_open_owner_idx" ON "conversations" ("owner_id")
       WHERE "status" <> 'resolved'`,
    );
    await q.query(`DROP INDEX "conversations_open_owner_activity_idx"`);
  }
}
