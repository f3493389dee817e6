import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data protection: the audit log of exports and erasures (and other sensitive actions), written in
 * the transaction of what it records, with ids and figures but no personal data; and when a
 * contact's personal data was erased (its conversations and report figures stay), with the files
 * its erasure still has to remove from storage.
 */
export class Privacy1765002510000 implements MigrationInterface {
  name = 'Privacy1765002510000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "actor_id" uuid CONSTRAINT "audit_log_actor_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "action" varchar(60) NOT NULL,
      "subject_type" varchar(40) NOT NULL,
      "subject_id" uuid NOT NULL,
      "details" jsonb NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(
      `CREATE INDEX "audit_log_created_idx" ON "audit_log" ("created_at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "audit_log_subject_idx" ON "audit_log" ("subject_type", "subject_id")`,
    );
    await q.query(`ALTER TABLE "contacts" ADD COLUMN "erased_at" timestamptz`);
    // Files whose rows an erasure deleted: removed from storage after its commit, by whoever hears
    // `contact.erased` (relayed even if the erasing process dies), then forgotten.
    await q.query(`CREATE TABLE "file_removals" (
      "storage_key" varchar(500) PRIMARY KEY,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "file_removals"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "erased_at"`);
    await q.query(`DROP TABLE "audit_log"`);
  }
}
