import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A survey asked in the website chat is found by its message: the visitor rates that message, and
 * the chat's history shows each survey message with its rating.
 */
export class CsatSurveyMessage1765003300000 implements MigrationInterface {
  name = 'CsatSurveyMessage1765003300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "csat_surveys_message_idx" ON "csat_surveys" ("message_id") WHERE "message_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "csat_surveys_message_idx"`);
  }
}
