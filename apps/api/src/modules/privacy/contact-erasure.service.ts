import { Injectable, Logger } from '@nestjs/common';
import type { ContactErasureDto } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { DomainEvents } from '../../core/events/domain-events';
import { NotFoundException } from '../../core/errors/app.exception';
import {
  eraseConversationContent,
  withoutPersonalData,
} from '../conversations/conversation-writer';
import { AuditLog } from './audit-log.service';
import {
  contactScope,
  isTextColumn,
  quoted,
  readSchema,
  rowsOfContact,
  SCOPE_PARAMETERS,
  scopeValues,
  type ContactScope,
  type TableInfo,
} from './contact-scope';
import { PRIVACY_CATALOGUE, type EraseAction } from './privacy-catalogue';
import { EraseConfirmationException } from './privacy.exception';

/**
 * "Erase personal data" (GDPR, Art. 17), in one transaction: the conversation writer empties the
 * contact's messages, attachments, subjects and timeline texts; every other table does what the
 * privacy catalogue says (identities, notes, consents and changes go; handoff notes and staff
 * notifications are emptied; figures stay); the contact keeps its row, empty and marked erased,
 * so conversations, counts, statuses, times and reports stay as they were. Audited in the same
 * transaction; the attachments' files go after commit (see FileRemovals), announced by
 * `contact.erased`.
 */
@Injectable()
export class ContactErasureService {
  private readonly logger = new Logger('ContactErasure');

  constructor(
    private readonly events: DomainEvents,
    private readonly audit: AuditLog,
  ) {}

  async erase(user: AuthUser, contactId: string, confirm: string): Promise<ContactErasureDto> {
    if (confirm !== contactId) throw new EraseConfirmationException();
    return this.events.transaction(async (m, batch) => {
      const [locked]: unknown[] = await m.query('SELECT 1 FROM contacts WHERE id = $1 FOR UPDATE', [
        contactId,
      ]);
      if (!locked) throw new NotFoundException('Contact', contactId);
      const scope = await contactScope(m, contactId);
      const rows: Record<string, number> = {};
      for (const table of await readSchema(m)) {
        const count = await this.eraseTable(m, table, scope);
        if (count) rows[table.name] = count;
      }
      const content = await eraseConversationContent(m, contactId, batch);
      if (content.storageKeys.length)
        await m.query(
          `INSERT INTO file_removals (storage_key) SELECT unnest($1::varchar[])
           ON CONFLICT (storage_key) DO NOTHING`,
          [content.storageKeys],
        );
      const [[erased]]: [{ erased_at: Date }[], number] = await m.query(
        'UPDATE contacts SET erased_at = now() WHERE id = $1 RETURNING erased_at',
        [contactId],
      );
      const result: ContactErasureDto = {
        contactId,
        erasedAt: erased.erased_at.toISOString(),
        conversations: content.conversationIds.length,
        messages: content.messages,
        attachments: content.storageKeys.length,
        rows,
      };
      await this.audit.record(m, {
        actorId: user.id,
        action: 'contact.erased',
        subjectType: 'contact',
        subjectId: contactId,
        details: {
          conversations: result.conversations,
          messages: result.messages,
          attachments: result.attachments,
          rows,
        },
      });
      batch.add('contact.erased', { contactId });
      return result;
    });
  }

  /** What the catalogue says for one table; how many rows it touched. */
  private async eraseTable(
    m: EntityManager,
    table: TableInfo,
    scope: ContactScope,
  ): Promise<number> {
    const decision = PRIVACY_CATALOGUE[table.name];
    const condition = rowsOfContact(table, decision);
    if (!condition) return 0;
    // A table nobody decided on yet: rows that name the contact go; others stay (and are logged).
    const linkedToContact = table.columns.some((c) => c.name === 'contact_id');
    const action: EraseAction =
      decision?.erase ??
      (linkedToContact ? { do: 'delete' } : { do: 'keep', why: 'no decision in the catalogue' });
    if (!decision) this.logger.warn(`No privacy decision for ${table.name}: ${action.do}`);
    const from = `${quoted(table.name)} t`;
    const values = scopeValues(scope);
    switch (action.do) {
      case 'keep':
      case 'owner':
        return 0;
      case 'delete': {
        const [, count]: [unknown, number] = await m.query(
          `${SCOPE_PARAMETERS} DELETE FROM ${from} WHERE ${condition}`,
          values,
        );
        return count;
      }
      case 'blank':
        return this.update(m, from, condition, values, action.set);
      case 'anonymise': {
        const set: Record<string, string> = {};
        for (const column of table.columns.filter(isTextColumn)) {
          if (action.keep.includes(column.name)) continue;
          set[column.name] = column.nullable
            ? 'NULL'
            : column.hasDefault
              ? 'DEFAULT'
              : column.dataType === 'ARRAY'
                ? `'{}'`
                : column.dataType.startsWith('json')
                  ? `'{}'`
                  : `''`;
        }
        return this.update(m, from, condition, values, set);
      }
      case 'scrub': {
        const columns = action.columns.filter((c) => table.columns.some((t) => t.name === c));
        if (!columns.length) return 0;
        const found: ({ row_id: string } & Record<string, unknown>)[] = await m.query(
          `${SCOPE_PARAMETERS} SELECT t.ctid::text AS row_id, ${columns
            .map((c) => `t.${quoted(c)}`)
            .join(', ')} FROM ${from} WHERE ${condition} FOR UPDATE`,
          values,
        );
        for (const row of found)
          await m.query(
            `UPDATE ${quoted(table.name)} SET ${columns
              .map((c, i) => `${quoted(c)} = $${i + 2}::jsonb`)
              .join(', ')} WHERE ctid = $1::tid`,
            [row.row_id, ...columns.map((c) => JSON.stringify(withoutPersonalData(row[c])))],
          );
        return found.length;
      }
    }
  }

  private async update(
    m: EntityManager,
    from: string,
    condition: string,
    values: unknown[],
    set: Record<string, string>,
  ): Promise<number> {
    const assignments = Object.entries(set).map(
      ([column, value]) => `${quoted(column)} = ${value}`,
    );
    if (!assignments.length) return 0;
    const [, count]: [unknown, number] = await m.query(
      `${SCOPE_PARAMETERS} UPDATE ${from} SET ${assignments.join(', ')} WHERE ${condition}`,
      values,
    );
    return count;
  }
}
