import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { FileStorage } from '../../core/storage/file-storage';
import { AuditLog } from './audit-log.service';
import {
  contactScope,
  quoted,
  readSchema,
  rowsOfContact,
  SCOPE_PARAMETERS,
  scopeValues,
  type ContactScope,
  type TableInfo,
} from './contact-scope';
import { archiveFileName, zipArchive, type ArchiveEntry } from './export-archive';
import { PRIVACY_CATALOGUE } from './privacy-catalogue';

type Row = Record<string, unknown>;

/** `contact.json`: the contact, what hangs off them, and their conversations with what hangs off those. */
export interface ContactExportDocument {
  format: 'touchpoint-contact-export/1';
  exportedAt: string;
  contact: Row;
  /** Rows of the other tables, by table: the contact's own (identities, notes, consents, ...). */
  [table: string]: unknown;
  conversations: (Row & Record<string, unknown>)[];
  /** The stored files of the messages' attachments, as they are in the archive. */
  files: { attachmentId: string; path: string | null; missing?: true }[];
}

interface AttachmentFile {
  id: string;
  filename: string;
  storageKey: string;
}

export interface ContactExport {
  filename: string;
  stream: Readable;
}

/**
 * "Everything about the contact" (GDPR access, Art. 15 and 20): every table with rows of them,
 * found through the schema and the privacy catalogue, read in one snapshot and audited in it; then
 * a zip of `contact.json` and the stored files under `attachments/<id>-<name>`.
 */
@Injectable()
export class ContactExportService {
  private readonly logger = new Logger('ContactExport');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly storage: FileStorage,
    private readonly audit: AuditLog,
  ) {}

  async export(user: AuthUser, contactId: string): Promise<ContactExport> {
    const { document, files } = await this.db.transaction('REPEATABLE READ', async (m) => {
      const scope = await contactScope(m, contactId);
      const read = await this.read(m, scope);
      await this.audit.record(m, {
        actorId: user.id,
        action: 'contact.exported',
        subjectType: 'contact',
        subjectId: contactId,
        details: {
          conversations: scope.conversationIds.length,
          messages: scope.messageIds.length,
          attachments: read.files.length,
        },
      });
      return read;
    });
    const day = new Date().toISOString().slice(0, 10);
    return {
      filename: `contact-${contactId}-${day}.zip`,
      stream: zipArchive(this.entries(document, files)),
    };
  }

  /** The archive's entries: the files first (noting those storage lost), then `contact.json`. */
  private async *entries(
    document: ContactExportDocument,
    files: AttachmentFile[],
  ): AsyncGenerator<ArchiveEntry> {
    for (const file of files) {
      const path = `attachments/${file.id}-${archiveFileName(file.filename)}`;
      let data: Buffer;
      try {
        data = await this.storage.get(file.storageKey);
      } catch (err) {
        this.logger.warn(`Attachment ${file.id} is missing from storage: ${String(err)}`);
        document.files.push({ attachmentId: file.id, path: null, missing: true });
        continue;
      }
      document.files.push({ attachmentId: file.id, path });
      yield { name: path, data, compress: false };
    }
    yield {
      name: 'contact.json',
      data: Buffer.from(`${JSON.stringify(document, null, 2)}\n`),
      compress: true,
    };
  }

  private async read(
    m: EntityManager,
    scope: ContactScope,
  ): Promise<{ document: ContactExportDocument; files: AttachmentFile[] }> {
    const schema = await readSchema(m);
    const rowsOf = new Map<string, Row[]>();
    for (const table of schema) {
      const decision = PRIVACY_CATALOGUE[table.name];
      if (decision && decision.export !== true) continue;
      const condition = rowsOfContact(table, decision);
      if (!condition) continue;
      rowsOf.set(table.name, await this.rows(m, table, condition, scope));
    }
    const byName = new Map(schema.map((t) => [t.name, t]));
    const has = (table: string, column: string) =>
      byName.get(table)?.columns.some((c) => c.name === column) ?? false;
    const conversationOfMessage = new Map(
      (rowsOf.get('messages') ?? []).map((r) => [r['id'], r['conversation_id']]),
    );

    const conversations = (rowsOf.get('conversations') ?? []).map((conversation) => ({
      ...conversation,
    })) as (Row & Record<string, unknown>)[];
    const conversationById = new Map(conversations.map((c) => [c['id'], c]));
    const document: ContactExportDocument = {
      format: 'touchpoint-contact-export/1',
      exportedAt: new Date().toISOString(),
      contact: rowsOf.get('contacts')?.[0] ?? {},
      conversations,
      files: [],
    };
    for (const [table, rows] of rowsOf) {
      if (table === 'contacts' || table === 'conversations') continue;
      // Rows of one conversation go with it; the contact's own rows stand beside the contact.
      const nestBy: ((row: Row) => unknown) | null = has(table, 'conversation_id')
        ? (row) => row['conversation_id']
        : has(table, 'message_id')
          ? (row) => conversationOfMessage.get(row['message_id'])
          : null;
      const loose: Row[] = [];
      for (const row of rows) {
        const conversation = nestBy ? conversationById.get(nestBy(row)) : undefined;
        if (!conversation) {
          loose.push(row);
          continue;
        }
        const list = (conversation[table] as Row[] | undefined) ?? [];
        list.push(row);
        conversation[table] = list;
      }
      if (loose.length) document[table] = loose;
    }
    const files = (rowsOf.get('attachments') ?? []).map((row) => ({
      id: String(row['id']),
      filename: String(row['filename'] ?? 'file'),
      storageKey: String(row['storage_key']),
    }));
    return { document, files };
  }

  /** The table's rows of the contact as JSON, without search vectors (derived, not data). */
  private async rows(
    m: EntityManager,
    table: TableInfo,
    condition: string,
    scope: ContactScope,
  ): Promise<Row[]> {
    const derived = table.columns.filter((c) => c.udtName === 'tsvector').map((c) => c.name);
    const order = table.columns.some((c) => c.name === 'seq')
      ? 'ORDER BY t.seq'
      : table.columns.some((c) => c.name === 'created_at')
        ? 'ORDER BY t.created_at'
        : '';
    const result: { row: Row }[] = await m.query(
      `${SCOPE_PARAMETERS}
       SELECT to_jsonb(t) - $5::text[] AS row FROM ${quoted(table.name)} t
        WHERE ${condition} ${order}`,
      [...scopeValues(scope), derived],
    );
    return result.map((r) => r.row);
  }
}
