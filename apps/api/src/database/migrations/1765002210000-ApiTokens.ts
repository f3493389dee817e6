import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens for other systems: a name, scopes, who created it (the token acts with that admin's
 * identity while they remain an active admin), and the SHA-256 of its secret, never the secret.
 */
export class ApiTokens1765002210000 implements MigrationInterface {
  name = 'ApiTokens1765002210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "api_tokens" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "name" varchar(120) NOT NULL,
      "scopes" varchar(40)[] NOT NULL,
      "token_hash" char(64) NOT NULL,
      "created_by" uuid CONSTRAINT "api_tokens_created_by_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz,
      "expires_at" timestamptz,
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" ("token_hash")`);
    await q.query(`CREATE INDEX "api_tokens_created_by_idx" ON "api_tokens" ("created_by")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_tokens"`);
  }
}
