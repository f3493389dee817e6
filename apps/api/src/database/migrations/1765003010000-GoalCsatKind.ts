import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A shared goal may be a mean satisfaction rating (`csat_average`). */
export class GoalCsatKind1765003010000 implements MigrationInterface {
  name = 'GoalCsatKind1765003010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "shared_goals" DROP CONSTRAINT "shared_goals_kind_check",
      ADD CONSTRAINT "shared_goals_kind_check" CHECK ("kind" IN
        ('consult_accept_within', 'one_touch_rate', 'first_response_within', 'csat_average'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "shared_goals" WHERE "kind" = 'csat_average'`);
    await q.query(`ALTER TABLE "shared_goals" DROP CONSTRAINT "shared_goals_kind_check",
      ADD CONSTRAINT "shared_goals_kind_check" CHECK ("kind" IN
        ('consult_accept_within', 'one_touch_rate', 'first_response_within'))`);
  }
}
