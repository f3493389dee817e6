import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Round-robin assignment per team: the switch, the capacity per member, and whose turn it is. */
export class AutoAssignment1763870000000 implements MigrationInterface {
  name = 'AutoAssignment1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "teams"
      ADD COLUMN "auto_assign" boolean NOT NULL DEFAULT false,
      ADD COLUMN "max_open_per_agent" int NOT NULL DEFAULT 10 CONSTRAINT "teams_max_open_per_agent_check" CHECK ("max_open_per_agent" > 0)`);
    await q.query(`ALTER TABLE "team_memberships" ADD COLUMN "last_assigned_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "team_memberships" DROP COLUMN "last_assigned_at"`);
    await q.query(
      `ALTER TABLE "teams" DROP COLUMN "max_open_per_agent", DROP COLUMN "auto_assign"`,
    );
  }
}
