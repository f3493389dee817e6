import type { DataSource } from 'typeorm';
import { waitFor } from './wait';

/** The conversations of the contact with this email address, oldest first. */
export function conversationsOfContact(db: DataSource, email: string): Promise<{ id: string }[]> {
  return db.query(
    `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id
      WHERE k.email = $1 ORDER BY c.created_at`,
    [email],
  );
}

/** Waits until the contact with this email address has a conversation; returns the oldest's id. */
export async function waitForConversationOf(db: DataSource, email: string): Promise<string> {
  const [{ id }] = await waitFor(`a conversation of ${email}`, async () => {
    const rows = await conversationsOfContact(db, email);
    return rows.length ? rows : null;
  });
  return id;
}

/** Waits until a contact holds this identity (e.g. `email`, `api`); returns the contact's id. */
export async function waitForContactOf(
  db: DataSource,
  kind: string,
  address: string,
): Promise<string> {
  const { contactId } = await waitFor(`the contact of ${kind} ${address}`, async () => {
    const rows: { contactId: string }[] = await db.query(
      'SELECT contact_id AS "contactId" FROM contact_identities WHERE kind = $1 AND address = $2',
      [kind, address],
    );
    return rows[0];
  });
  return contactId;
}
