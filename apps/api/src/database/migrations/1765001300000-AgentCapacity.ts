import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's own capacity: the most open conversations automatic assignment gives them, in place of
 * their teams' setting (a part-timer, a new colleague, a team lead who answers less). Null: the
 * team's `max_open_per_agent`.
 */
export class AgentCapacity1765001300000 implements MigrationInterface {
  name = 'AgentCapacity1765001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "users" ADD COLUMN "max_open" int
       CONSTRAINT "users_max_open_check" CHECK ("max_open" BETWEEN 1 AND 500)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "max_open"`);
  }
}
