import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admins set up colleagues with one-time links instead of passwords they choose themselves:
 * `user_tokens` holds the links (invitation, password reset), only as the SHA-256 of the token.
 * An invitee has no password until they accept, and a reset removes the old one at once, so
 * `password_hash` may be empty; `joined_at` tells an invitee (NULL) from someone who has joined.
 */
export class UserTokens1765001000000 implements MigrationInterface {
  name = 'UserTokens1765001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`);
    await q.query(`ALTER TABLE "users" ADD COLUMN "joined_at" timestamptz DEFAULT now()`);
    await q.query(`UPDATE "users" SET "joined_at" = "created_at"`);
    await q.query(`CREATE TABLE "user_tokens" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL CONSTRAINT "user_tokens_user_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "purpose" varchar(20) NOT NULL CONSTRAINT "user_tokens_purpose_check" CHECK ("purpose" IN ('invite', 'password_reset')),
      "token_hash" char(64) NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "created_by" uuid CONSTRAINT "user_tokens_created_by_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "user_tokens_token_hash_key" ON "user_tokens" ("token_hash")`,
    );
    await q.query(`CREATE INDEX "user_tokens_user_idx" ON "user_tokens" ("user_id")`);
    await q.query(`CREATE INDEX "user_tokens_created_by_idx" ON "user_tokens" ("created_by")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user_tokens"`);
    // An empty hash matches no password: invitees who never accepted still cannot sign in.
    await q.query(`UPDATE "users" SET "password_hash" = '' WHERE "password_hash" IS NULL`);
    await q.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "joined_at"`);
  }
}
