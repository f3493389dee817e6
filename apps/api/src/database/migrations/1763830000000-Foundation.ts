import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Workspace, accounts, teams and refresh tokens. */
export class Foundation1763830000000 implements MigrationInterface {
  name = 'Foundation1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "workspace" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "name" varchar(120) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "users" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "email" varchar(254) NOT NULL,
      "name" varchar(120) NOT NULL,
      "password_hash" varchar(255) NOT NULL,
      "role" varchar(20) NOT NULL CONSTRAINT "users_role_check" CHECK ("role" IN ('agent', 'supervisor', 'admin')),
      "locale" varchar(5) NOT NULL DEFAULT 'de' CONSTRAINT "users_locale_check" CHECK ("locale" IN ('de', 'en')),
      "active" boolean NOT NULL DEFAULT true,
      "last_login_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "users_email_lowercase_check" CHECK ("email" = lower("email"))
    )`);
    await q.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);
    await q.query(`CREATE TABLE "teams" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "name" varchar(120) NOT NULL,
      "description" varchar(500) NOT NULL DEFAULT '',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX "teams_name_key" ON "teams" (lower("name"))`);
    await q.query(`CREATE TABLE "team_memberships" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "team_id" uuid NOT NULL CONSTRAINT "team_memberships_team_fk" REFERENCES "teams" ("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL CONSTRAINT "team_memberships_user_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "team_memberships_team_user_key" ON "team_memberships" ("team_id", "user_id")`,
    );
    await q.query(`CREATE INDEX "team_memberships_user_idx" ON "team_memberships" ("user_id")`);
    await q.query(`CREATE TABLE "refresh_tokens" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL CONSTRAINT "refresh_tokens_user_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "family_id" uuid NOT NULL,
      "token_hash" char(64) NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "revoked_at" timestamptz,
      "replaced_by_id" uuid,
      "user_agent" varchar(300),
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens" ("user_id")`);
    await q.query(`CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens" ("family_id")`);
    await q.query(`CREATE INDEX "refresh_tokens_expires_idx" ON "refresh_tokens" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "refresh_tokens"`);
    await q.query(`DROP TABLE "team_memberships"`);
    await q.query(`DROP TABLE "teams"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "workspace"`);
  }
}
