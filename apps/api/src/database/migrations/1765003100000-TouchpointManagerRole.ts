import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The touchpoint manager: reads every conversation, report and journey and changes the goals teams
 * share, but answers no customer.
 */
export class TouchpointManagerRole1765003100000 implements MigrationInterface {
  name = 'TouchpointManagerRole1765003100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "users_role_check"`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN ('agent', 'supervisor', 'manager', 'admin'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "users" SET "role" = 'supervisor' WHERE "role" = 'manager'`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "users_role_check"`);
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("role" IN ('agent', 'supervisor', 'admin'))`,
    );
  }
}
