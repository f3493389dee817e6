import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business hours per team (null: open around the clock in Europe/Berlin) and the service-level
 * targets of a team's conversations, per channel kind and/or priority.
 */
export class SlaPolicies1765001100000 implements MigrationInterface {
  name = 'SlaPolicies1765001100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "teams" ADD COLUMN "business_hours" jsonb
      CONSTRAINT "teams_business_hours_check" CHECK (jsonb_typeof("business_hours") = 'object')`);
    await q.query(`CREATE TABLE "sla_policies" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "team_id" uuid NOT NULL CONSTRAINT "sla_policies_team_fk" REFERENCES "teams" ("id") ON DELETE CASCADE,
      "channel_kind" varchar(20) CONSTRAINT "sla_policies_channel_kind_check" CHECK ("channel_kind" IN
        ('email','form','webchat','api','twilio','whatsapp','messenger','instagram','telegram')),
      "priority" varchar(10) CONSTRAINT "sla_policies_priority_check" CHECK ("priority" IN
        ('low','normal','high','urgent')),
      "first_response_seconds" int CONSTRAINT "sla_policies_first_response_check" CHECK ("first_response_seconds" > 0),
      "next_response_seconds" int CONSTRAINT "sla_policies_next_response_check" CHECK ("next_response_seconds" > 0),
      "resolution_seconds" int CONSTRAINT "sla_policies_resolution_check" CHECK ("resolution_seconds" > 0),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // One policy per scope; null (any) is compared as '' so that two defaults collide too.
    await q.query(`CREATE UNIQUE INDEX "sla_policies_team_scope_key" ON "sla_policies"
      ("team_id", coalesce("channel_kind", ''), coalesce("priority", ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sla_policies"`);
    await q.query(`ALTER TABLE "teams" DROP COLUMN "business_hours"`);
  }
}
