import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a participant's end of access was carried out (their sockets left the conversation's room),
 * so a sweep finds the ends still to carry out after Redis lost their delayed jobs.
 */
export class ParticipantAccessEnd1763880500000 implements MigrationInterface {
  name = 'ParticipantAccessEnd1763880500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversation_participants" ADD COLUMN "ended_at" timestamptz`);
    // Sockets do not outlive the restart that applies this: accesses over by now need no ending.
    await q.query(
      `UPDATE "conversation_participants" SET "ended_at" = now() WHERE "expires_at" <= now()`,
    );
    // Only accesses whose end is still to be carried out: the sweep's rows, however old the table.
    await q.query(`CREATE INDEX "conversation_participants_pending_end_idx"
      ON "conversation_participants" ("expires_at") WHERE "ended_at" IS NULL OR "ended_at" < "expires_at"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "conversation_participants_pending_end_idx"`);
    await q.query(`ALTER TABLE "conversation_participants" DROP COLUMN "ended_at"`);
  }
}
