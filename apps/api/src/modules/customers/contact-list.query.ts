import type { ContactListDto, ContactListParams, IdentityKind } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { InvalidContactCursorException } from './customers.exception';

/**
 * Contacts a user may see (one of their conversations visible to the user; supervisors and admins:
 * all), newest first, by keyset on (created_at, id). `q` matches name, company and any identity,
 * case-insensitively; `only` limits the page to those ids (merge suggestions).
 */
export async function listContacts(
  db: DataSource,
  visibility: { where: string; params: Record<string, unknown> },
  params: ContactListParams,
  only?: string[],
): Promise<ContactListDto> {
  const limit = Number(params.limit ?? 50);
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = ['k.merged_into_id IS NULL'];
  if (visibility.where !== 'TRUE') {
    // The filter is written with named parameters for the query builder; bind them here.
    const condition = visibility.where.replace(/:(\w+)/g, (_, name: string) =>
      bind(visibility.params[name]),
    );
    where.push(`EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = k.id AND ${condition})`);
  }
  const q = params.q?.trim();
  if (q) {
    const like = bind(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(k.name ILIKE ${like} OR k.company ILIKE ${like}
      OR EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = k.id AND i.address ILIKE ${like}))`);
  }
  if (only) where.push(`k.id = ANY(${bind(only)}::uuid[])`);
  if (params.cursor) {
    const [at, id] = decodeCursor(params.cursor);
    where.push(`(k.created_at, k.id) < (${bind(at)}::timestamptz, ${bind(id)}::uuid)`);
  }
  const rows: {
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    company: string | null;
    created_at: Date;
    kinds: IdentityKind[] | null;
    open: number;
    last_activity_at: Date | null;
  }[] = await db.query(
    `SELECT k.id, k.name, k.email, k.phone, k.company, k.created_at,
            (SELECT array_agg(DISTINCT i.kind) FROM contact_identities i WHERE i.contact_id = k.id) AS kinds,
            (SELECT count(*)::int FROM conversations c WHERE c.contact_id = k.id
               AND c.status IN ('open', 'pending', 'snoozed')) AS open,
            (SELECT max(c.last_activity_at) FROM conversations c WHERE c.contact_id = k.id) AS last_activity_at
       FROM contacts k
      WHERE ${where.join(' AND ')}
      ORDER BY k.created_at DESC, k.id DESC
      LIMIT ${bind(limit + 1)}`,
    values,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    contacts: page.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      company: r.company,
      identityKinds: r.kinds ?? [],
      openConversations: r.open,
      lastActivityAt: r.last_activity_at?.toISOString() ?? null,
    })),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (
    !at ||
    Number.isNaN(Date.parse(at)) ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id ?? '')
  )
    throw new InvalidContactCursorException();
  return [at, id];
}
