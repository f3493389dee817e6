import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  COMPOSER_ATTACHMENT_MAX_BYTES,
  COMPOSER_ATTACHMENTS_MAX_COUNT,
  COMPOSER_UPLOAD_KEEP_HOURS,
  attachmentRefusal,
  type ComposerUploadDto,
} from '@touchpoint/shared';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../../core/auth/auth-user';
import { NotFoundException } from '../../../core/errors/app.exception';
import { FileStorage } from '../../../core/storage/file-storage';
import { ConversationAccess } from '../conversation-access.service';
import type { StoredAttachment } from '../conversation-writer';
import { ComposerUpload } from './composer-upload.entity';
import {
  TooManyUploadsException,
  UploadNameMissingException,
  UploadRefusedException,
  UploadsUnavailableException,
} from './composer-uploads.exception';

/** One file as it arrives: its name and type as the browser knew them, and the bytes. */
export interface IncomingUpload {
  filename?: string;
  contentType?: string;
  /** The request's Content-Length, when given: a file too large is refused before it is read. */
  declaredSize?: number;
  body: Readable;
}

/**
 * Files an agent attaches in the composer. They are stored at once (so Send only waits for the
 * upload) and kept as uploads of that agent and conversation until a reply takes them over or they
 * expire; the maintenance sweep removes expired ones with their bytes.
 */
@Injectable()
export class ComposerUploadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
    private readonly storage: FileStorage,
  ) {}

  async upload(
    user: AuthUser,
    conversationId: string,
    file: IncomingUpload,
  ): Promise<ComposerUploadDto> {
    await this.access.assertCanSee(user, conversationId);
    const filename = cleanName(file.filename);
    if (!filename) throw new UploadNameMissingException();
    const early = attachmentRefusal({ name: filename, size: file.declaredSize ?? 1 });
    if (early) throw new UploadRefusedException(early.reason, early.message);
    const waiting = await this.db.getRepository(ComposerUpload).count({
      where: { conversationId, userId: user.id, expiresAt: MoreThan(new Date()) },
    });
    if (waiting >= COMPOSER_ATTACHMENTS_MAX_COUNT)
      throw new TooManyUploadsException(filename, COMPOSER_ATTACHMENTS_MAX_COUNT);

    const content = await readAtMost(file.body, COMPOSER_ATTACHMENT_MAX_BYTES, filename);
    const refusal = attachmentRefusal({ name: filename, size: content.length });
    if (refusal) throw new UploadRefusedException(refusal.reason, refusal.message);
    const contentType = cleanType(file.contentType);
    const storageKey = await this.storage.put(content, { filename, contentType });
    const row = await this.db.getRepository(ComposerUpload).save({
      conversationId,
      userId: user.id,
      filename,
      contentType,
      size: content.length,
      storageKey,
      expiresAt: new Date(Date.now() + COMPOSER_UPLOAD_KEEP_HOURS * 3600_000),
    });
    return {
      id: row.id,
      filename: row.filename,
      contentType: row.contentType,
      size: row.size,
      expiresAt: row.expiresAt.toISOString(),
    };
  }

  /** The agent took a file off the reply: it is removed now rather than at expiry. */
  async remove(user: AuthUser, id: string): Promise<void> {
    const rows: { storage_key: string }[][] = await this.db.query(
      'DELETE FROM composer_uploads WHERE id = $1 AND user_id = $2 RETURNING storage_key',
      [id, user.id],
    );
    const [row] = rows[0] ?? [];
    if (!row) throw new NotFoundException('Upload', id);
    await this.storage.remove(row.storage_key);
  }

  /**
   * The writer's own uploads on this conversation become the reply's files, in the caller's
   * transaction: the rows go (so a sweep cannot remove the bytes any more) and the files are answered
   * in the given order. Any id that is not such an upload refuses the whole reply.
   */
  async take(
    m: EntityManager,
    user: AuthUser,
    conversationId: string,
    ids: string[],
  ): Promise<StoredAttachment[]> {
    if (ids.length === 0) return [];
    const wanted = [...new Set(ids)];
    const [rows]: [ComposerUploadRow[], number] = await m.query(
      `DELETE FROM composer_uploads
        WHERE id = ANY($1::uuid[]) AND user_id = $2 AND conversation_id = $3 AND expires_at > now()
        RETURNING id, filename, content_type, size, storage_key`,
      [wanted, user.id, conversationId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length) throw new UploadsUnavailableException(missing);
    return wanted.map((id) => {
      const r = byId.get(id) as ComposerUploadRow;
      return {
        filename: r.filename,
        contentType: r.content_type,
        size: r.size,
        storageKey: r.storage_key,
      };
    });
  }
}

interface ComposerUploadRow {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
}

/** The last path segment, without control characters, at most 255 characters. */
function cleanName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f').join('');
  return printable.trim().slice(-255);
}

function cleanType(type: string | undefined): string {
  const t = (type ?? '').trim().toLowerCase();
  return /^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(t) && t.length <= 255 ? t : 'application/octet-stream';
}

/**
 * The whole body, refused (naming the file) when it is larger than the limit. Bytes past the limit
 * are read and dropped, so the sender still gets the answer instead of a broken connection.
 */
async function readAtMost(body: Readable, max: number, filename: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size <= max) chunks.push(buf);
  }
  if (size > max) {
    const refusal = attachmentRefusal({ name: filename, size });
    throw new UploadRefusedException('size', refusal?.message ?? filename);
  }
  return Buffer.concat(chunks);
}
