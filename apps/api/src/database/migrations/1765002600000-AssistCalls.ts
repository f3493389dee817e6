import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AI assistance: an admin's switch per feature (no row: on), and the audit of every call to the
 * model server with who, which conversation and feature, sizes, time and outcome, but no content.
 */
export class AssistCalls1765002600000 implements MigrationInterface {
  name = 'AssistCalls1765002600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "assist_switches" (
      "feature" varchar(40) PRIMARY KEY,
      "enabled" boolean NOT NULL,
      "updated_by" uuid CONSTRAINT "assist_switches_updated_by_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "assist_calls" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid CONSTRAINT "assist_calls_user_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "conversation_id" uuid CONSTRAINT "assist_calls_conversation_fk" REFERENCES "conversations" ("id") ON DELETE SET NULL,
      "feature" varchar(40) NOT NULL,
      "input_chars" int NOT NULL,
      "output_chars" int NOT NULL,
      "duration_ms" int NOT NULL,
      "outcome" varchar(20) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(
      `CREATE INDEX "assist_calls_created_idx" ON "assist_calls" ("created_at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "assist_calls_conversation_idx" ON "assist_calls" ("conversation_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "assist_calls"`);
    await q.query(`DROP TABLE "assist_switches"`);
  }
}
