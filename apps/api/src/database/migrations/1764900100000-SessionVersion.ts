import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-user session version, carried in every access token (`sv`): raising it ends every token
 * signed before, at once (password or role change, deactivation, signing out everywhere).
 */
export class SessionVersion1764900100000 implements MigrationInterface {
  name = 'SessionVersion1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD COLUMN "session_version" int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
  }
}
