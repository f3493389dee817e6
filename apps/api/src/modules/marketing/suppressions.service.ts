import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  IdentityKind,
  SuppressionEntryDto,
  SuppressionPageDto,
  SuppressionsParams,
} from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import {
  decodeChangeCursor,
  decodePageCursor,
  encodeChangeCursor,
  encodePageCursor,
} from './suppression-cursor';

interface EntryRow {
  contact_id: string;
  suppressed: boolean;
  since: Date;
  changed_at: Date;
  email: string | null;
  phone: string | null;
  identities: { kind: IdentityKind; address: string }[];
}

/** The addresses a marketing tool matches on, of the contact `x.contact_id` (now). */
const ADDRESSES = `k.email, k.phone,
  COALESCE((SELECT json_agg(json_build_object('kind', i.kind, 'address', i.address)
                            ORDER BY i.kind, i.address)
              FROM contact_identities i WHERE i.contact_id = x.contact_id), '[]'::json) AS identities`;

function toEntry(row: EntryRow): SuppressionEntryDto {
  return {
    contactId: row.contact_id,
    suppressed: row.suppressed,
    reason: 'support_open',
    since: row.since.toISOString(),
    changedAt: row.changed_at.toISOString(),
    email: row.email,
    phone: row.phone,
    identities: row.identities,
  };
}

/**
 * The suppression list for marketing tools: the contacts on hold now, and every change (put on
 * hold, released) after a position, in the order they happened. Reads only.
 */
@Injectable()
export class SuppressionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  read(params: SuppressionsParams): Promise<SuppressionPageDto> {
    return params.since !== undefined
      ? this.changes(decodeChangeCursor(params.since), params.limit)
      : this.current(
          params.cursor === undefined ? null : decodePageCursor(params.cursor),
          params.limit,
        );
  }

  /**
   * A page of the contacts on hold now, by contact id, with the position among the changes this
   * list stands at: both read in one snapshot, so polling from that position misses nothing and
   * repeats nothing the list already showed.
   */
  private current(after: string | null, limit: number): Promise<SuppressionPageDto> {
    return this.db.transaction('REPEATABLE READ', async (m: EntityManager) => {
      const [{ position }]: { position: string }[] = await m.query(
        'SELECT COALESCE(max(id), 0)::text AS position FROM marketing_suppression_changes',
      );
      const rows: EntryRow[] = await m.query(
        `SELECT x.contact_id, true AS suppressed, x.started_at AS since,
                x.started_at AS changed_at,
                ${ADDRESSES}
           FROM marketing_holds x LEFT JOIN contacts k ON k.id = x.contact_id
          WHERE x.ended_at IS NULL AND ($1::uuid IS NULL OR x.contact_id > $1::uuid)
          ORDER BY x.contact_id
          LIMIT $2`,
        [after, limit + 1],
      );
      const page = rows.slice(0, limit);
      return {
        items: page.map(toEntry),
        nextCursor: rows.length > limit ? encodePageCursor(page[page.length - 1].contact_id) : null,
        since: encodeChangeCursor(position),
        hasMore: rows.length > limit,
      };
    });
  }

  /** Every change after position `after`, oldest first; `nextCursor` is where to poll next. */
  private async changes(after: string, limit: number): Promise<SuppressionPageDto> {
    const rows: (EntryRow & { id: string })[] = await this.db.query(
      `SELECT x.id::text AS id, x.contact_id, x.suppressed, h.started_at AS since, x.changed_at,
              ${ADDRESSES}
         FROM marketing_suppression_changes x
         JOIN marketing_holds h ON h.id = x.hold_id
         LEFT JOIN contacts k ON k.id = x.contact_id
        WHERE x.id > $1::bigint
        ORDER BY x.id
        LIMIT $2`,
      [after, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(toEntry),
      nextCursor: encodeChangeCursor(page.length ? page[page.length - 1].id : after),
      since: null,
      hasMore: rows.length > limit,
    };
  }
}
