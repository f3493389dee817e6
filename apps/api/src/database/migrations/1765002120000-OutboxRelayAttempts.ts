import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A stored event whose listener failed (a database or Redis blip while it ran) stays unrelayed and
 * is relayed again at `next_relay_at`, later each time; `relay_attempts` counts the tries so one that
 * keeps failing is given up on after a bounded number.
 */
export class OutboxRelayAttempts1765002120000 implements MigrationInterface {
  name = 'OutboxRelayAttempts1765002120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "outbox_events" ADD COLUMN "relay_attempts" smallint NOT NULL DEFAULT 0,
         ADD COLUMN "next_relay_at" timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "outbox_events" DROP COLUMN "next_relay_at", DROP COLUMN "relay_attempts"`,
    );
  }
}
