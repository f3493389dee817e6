import type { ContactListDto, ContactListParams, IdentityKind } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { InvalidContactCursorException } from './customers.exception';

/**
 * Contacts a user may see (one of their conversations visible to the user; supervisors and admins:
 * all), the latest active first (their newest conversation's last activity, else when they were
 * created), by keyset on (that time, id). `q` matches name, company and any identity,
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
    where.push(`(${ACTIVE_AT}, k.id) < (${bind(at)}::timestamptz, ${bind(id)}::uuid)`);
  }
  const rows: {
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    company: string | null;
    active_at: string;
    kinds: IdentityKind[] | null;
    open: number;
    last_activity_at: Date | null;
  }[] = await db.query(
    `SELECT k.id, k.name, k.email, k.phone, k.company,
            to_char(${ACTIVE_AT} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS active_at,
            (SELECT array_agg(DISTINCT i.kind) FROM contact_identities i WHERE i.contact_id = k.id) AS kinds,
            (SELECT count(*)::int FROM conversations c WHERE c.contact_id = k.id
               AND c.status IN ('open', 'pending', 'snoozed')) AS open,
            a.at AS last_activity_at
       FROM contacts k
       LEFT JOIN (SELECT contact_id, max(last_activity_at) AS at FROM conversations
                   WHERE merged_into_id IS NULL GROUP BY contact_id) a ON a.contact_id = k.id
      WHERE ${where.join(' AND ')}
      ORDER BY ${ACTIVE_AT} DESC, k.id DESC
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
        ? Buffer.from(`${last.active_at}|${last.id}`).toString('base64url')
        : null,
  };
}

/** The list's order: the newest conversation's last activity, else when the contact was created. */
const ACTIVE_AT = 'coalesce(a.at, k.created_at)';

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
