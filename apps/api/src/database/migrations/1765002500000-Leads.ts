import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales leads: a team may be the one that receives leads (at most one: the default target of
 * "Mark as lead"; an existing team named Sales becomes it), a conversation remembers when it was
 * first marked as a lead (its Lead badge), and a handoff whether it carries a lead.
 */
export class Leads1765002500000 implements MigrationInterface {
  name = 'Leads1765002500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "teams" ADD COLUMN "receives_leads" boolean NOT NULL DEFAULT false`);
    await q.query(
      `CREATE UNIQUE INDEX "teams_receives_leads_key" ON "teams" ("receives_leads") WHERE "receives_leads"`,
    );
    await q.query(
      `UPDATE "teams" SET "receives_leads" = true
        WHERE "id" = (SELECT "id" FROM "teams" WHERE lower("name") = 'sales' ORDER BY "created_at" LIMIT 1)`,
    );
    await q.query(`ALTER TABLE "conversations" ADD COLUMN "lead_at" timestamptz`);
    await q.query(`ALTER TABLE "handoffs" ADD COLUMN "lead" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs" DROP COLUMN "lead"`);
    await q.query(`ALTER TABLE "conversations" DROP COLUMN "lead_at"`);
    await q.query(`DROP INDEX "teams_receives_leads_key"`);
    await q.query(`ALTER TABLE "teams" DROP COLUMN "receives_leads"`);
  }
}
