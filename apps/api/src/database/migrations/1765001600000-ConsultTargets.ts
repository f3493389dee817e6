import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consult targets per SLA policy: how soon a consult or transfer to the team must be accepted,
 * and a consult answered, for a channel kind and/or priority. Null: as the less specific policy,
 * or the team's own `consult_accept_seconds` / `consult_answer_seconds`, which stay its default.
 */
export class ConsultTargets1765001600000 implements MigrationInterface {
  name = 'ConsultTargets1765001600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sla_policies"
      ADD COLUMN "consult_accept_seconds" int
        CONSTRAINT "sla_policies_consult_accept_check" CHECK ("consult_accept_seconds" > 0),
      ADD COLUMN "consult_answer_seconds" int
        CONSTRAINT "sla_policies_consult_answer_check" CHECK ("consult_answer_seconds" > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sla_policies"
      DROP COLUMN "consult_accept_seconds", DROP COLUMN "consult_answer_seconds"`);
  }
}
