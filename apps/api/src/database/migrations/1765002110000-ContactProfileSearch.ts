import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search reaches the contact's profile too: its company and custom attribute values join the
 * contact's `simple` vector (the vector is generated, so it is dropped and made anew), and notes on
 * the contact get a vector stemmed in German and English, as messages have.
 */
export class ContactProfileSearch1765002110000 implements MigrationInterface {
  name = 'ContactProfileSearch1765002110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "contacts_search_idx"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "search_vector"`);
    await q.query(
      `ALTER TABLE "contacts" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
         to_tsvector('simple'::regconfig,
           coalesce("name", '') || ' ' || coalesce("email", '') || ' '
           || translate(coalesce("email", ''), '@.+_-', '     ') || ' '
           || coalesce("phone", '') || ' ' || translate(coalesce("phone", ''), '+', '') || ' '
           || coalesce("company", '') || ' ' || left("attributes"::text, 10000))
       ) STORED`,
    );
    await q.query(`CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search_vector")`);
    await q.query(
      `ALTER TABLE "contact_notes" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
         to_tsvector('german'::regconfig, left("body", 100000))
         || to_tsvector('english'::regconfig, left("body", 100000))
       ) STORED`,
    );
    await q.query(
      `CREATE INDEX "contact_notes_search_idx" ON "contact_notes" USING gin ("search_vector")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "contact_notes_search_idx"`);
    await q.query(`ALTER TABLE "contact_notes" DROP COLUMN "search_vector"`);
    await q.query(`DROP INDEX "contacts_search_idx"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "search_vector"`);
    await q.query(
      `ALTER TABLE "contacts" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
         to_tsvector('simple'::regconfig,
           coalesce("name", '') || ' ' || coalesce("email", '') || ' '
           || translate(coalesce("email", ''), '@.+_-', '     ') || ' '
           || coalesce("phone", '') || ' ' || translate(coalesce("phone", ''), '+', ''))
       ) STORED`,
    );
    await q.query(`CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search_vector")`);
  }
}
