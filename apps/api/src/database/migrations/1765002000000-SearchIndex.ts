import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search over every message and contact.
 *
 * Messages: a stored vector of subject and text, stemmed both in German and in English (a team
 * writes in either, often in one thread), so "Rechnungen" finds "Rechnung" and "invoices" finds
 * "invoice". Both configurations are named, which makes the expression immutable, as a generated
 * column needs. Quoted history is left out: the quoted messages are in the thread themselves, and
 * every reply would otherwise match the words of all before it. Only the first 100,000 characters
 * count, so that no text, however long, exceeds what a tsvector holds (1 MB) and fails its insert.
 *
 * Contacts: names, addresses and numbers are no words of a language, so they are not stemmed
 * ("Müller" stays "müller"): a `simple` vector of the name, the address whole and in its parts
 * ("anna", "example") and the number with and without its "+". Substrings while typing stay with
 * the inbox list's filter; search matches whole words through the index.
 *
 * Adding the columns rewrites both tables once (a lock for the time it takes); the GIN indexes let
 * a search read only the matching rows however many there are.
 */
export class SearchIndex1765002000000 implements MigrationInterface {
  name = 'SearchIndex1765002000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
         to_tsvector('german'::regconfig, left(coalesce("subject", '') || ' ' || "text", 100000))
         || to_tsvector('english'::regconfig, left(coalesce("subject", '') || ' ' || "text", 100000))
       ) STORED`,
    );
    await q.query(`CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector")`);
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

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "contacts_search_idx"`);
    await q.query(`ALTER TABLE "contacts" DROP COLUMN "search_vector"`);
    await q.query(`DROP INDEX "messages_search_idx"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "search_vector"`);
  }
}
