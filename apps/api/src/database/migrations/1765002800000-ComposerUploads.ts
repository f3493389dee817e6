import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files an agent uploaded in the composer for a reply not yet sent. Sending the reply turns them into
 * the message's attachments; those never sent are removed (row and bytes) once they expire.
 */
export class ComposerUploads1765002800000 implements MigrationInterface {
  name = 'ComposerUploads1765002800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "composer_uploads" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "conversation_id" uuid NOT NULL CONSTRAINT "composer_uploads_conversation_fk" REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL CONSTRAINT "composer_uploads_user_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "filename" varchar(255) NOT NULL,
      "content_type" varchar(255) NOT NULL,
      "size" int NOT NULL,
      "storage_key" varchar(500) NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "composer_uploads_expires_idx" ON "composer_uploads" ("expires_at")`,
    );
    await q.query(
      `CREATE INDEX "composer_uploads_conversation_idx" ON "composer_uploads" ("conversation_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "composer_uploads"`);
  }
}
