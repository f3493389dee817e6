import type { EntityManager } from 'typeorm';
import { NotFoundException } from '../../core/errors/app.exception';
import { LINK_COLUMNS, type TableDecision } from './privacy-catalogue';

/** What belongs to a contact: the ids and addresses the catalogue's conditions speak of. */
export interface ContactScope {
  contactId: string;
  conversationIds: string[];
  messageIds: string[];
  /** Their email and identity addresses, lowercased. */
  addresses: string[];
}

export interface ColumnInfo {
  name: string;
  /** As `information_schema` names it: `text`, `character varying`, `jsonb`, `ARRAY`, ... */
  dataType: string;
  udtName: string;
  nullable: boolean;
  hasDefault: boolean;
  generated: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
}

/** Types that hold text a person wrote or that describes them. */
const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea'];

export function isTextColumn(column: ColumnInfo): boolean {
  return TEXT_TYPES.includes(column.dataType) && !column.generated;
}

/** Every table of the schema with its columns, by name. */
export async function readSchema(m: EntityManager): Promise<TableInfo[]> {
  const rows: {
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: string;
    column_default: string | null;
    is_generated: string;
  }[] = await m.query(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default,
            c.is_generated
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of rows) {
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [] };
    table.columns.push({
      name: row.column_name,
      dataType: row.data_type,
      udtName: row.udt_name,
      nullable: row.is_nullable === 'YES',
      hasDefault: row.column_default !== null,
      generated: row.is_generated === 'ALWAYS',
    });
    tables.set(row.table_name, table);
  }
  return [...tables.values()];
}

/** `"name"`, for identifiers read from the schema. */
export function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * The condition that picks a table's rows of the contact (on the row `t`), or null if it has none:
 * its link columns and the catalogue's `also`.
 */
export function rowsOfContact(
  table: TableInfo,
  decision: TableDecision | undefined,
): string | null {
  // Only uuid columns point at our rows (`demo_mails.message_id` is an email's Message-ID).
  const names = new Set(table.columns.filter((c) => c.udtName === 'uuid').map((c) => c.name));
  const conditions: string[] = Object.entries(LINK_COLUMNS)
    .filter(([column]) => names.has(column))
    .map(([, condition]) => condition);
  if (decision?.also) conditions.push(decision.also);
  return conditions.length ? conditions.map((c) => `(${c})`).join(' OR ') : null;
}

/**
 * Makes the four scope parameters known to PostgreSQL whichever of them a statement uses (an
 * unused parameter has no type otherwise): put it before the statement.
 */
export const SCOPE_PARAMETERS =
  'WITH scope_parameters AS (SELECT $1::uuid, $2::uuid[], $3::uuid[], $4::text[])';

export function scopeValues(scope: ContactScope): [string, string[], string[], string[]] {
  return [scope.contactId, scope.conversationIds, scope.messageIds, scope.addresses];
}

/** The contact's scope; 404 when there is no such contact. */
export async function contactScope(m: EntityManager, contactId: string): Promise<ContactScope> {
  const [contact]: { email: string | null }[] = await m.query(
    'SELECT email FROM contacts WHERE id = $1',
    [contactId],
  );
  if (!contact) throw new NotFoundException('Contact', contactId);
  const conversations: { id: string }[] = await m.query(
    'SELECT id FROM conversations WHERE contact_id = $1 ORDER BY created_at, id',
    [contactId],
  );
  const conversationIds = conversations.map((c) => c.id);
  const messages: { id: string }[] = await m.query(
    `SELECT id FROM messages WHERE conversation_id = ANY($1::uuid[]) OR contact_id = $2
      ORDER BY conversation_id, seq`,
    [conversationIds, contactId],
  );
  const identities: { address: string }[] = await m.query(
    'SELECT address FROM contact_identities WHERE contact_id = $1',
    [contactId],
  );
  const addresses = [contact.email, ...identities.map((i) => i.address)]
    .filter((a): a is string => Boolean(a))
    .map((a) => a.toLowerCase());
  return {
    contactId,
    conversationIds,
    messageIds: messages.map((m) => m.id),
    addresses: [...new Set(addresses)],
  };
}
