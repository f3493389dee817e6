import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditLogEntryDto, AuditLogPageDto } from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { InvalidAuditCursorException } from './privacy.exception';
import { AuditLogEntry } from './audit-log.entity';

export interface AuditRecord {
  actorId: string;
  action: AuditAction;
  subjectType: 'contact' | 'goal';
  subjectId: string;
  /** Ids and figures only: the log outlives the data it speaks of. */
  details: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_name: string | null;
  action: AuditAction;
  subject_type: AuditRecord['subjectType'];
  subject_id: string;
  details: Record<string, unknown>;
  created_at: Date;
}

function encodeCursor(row: AuditRow): string {
  return Buffer.from(`${row.created_at.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw new InvalidAuditCursorException();
  return { at, id };
}

/** The audit log: written in the transaction of what it records, read by admins newest first. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(m: EntityManager, entry: AuditRecord): Promise<void> {
    await m.getRepository(AuditLogEntry).save(m.getRepository(AuditLogEntry).create(entry));
  }

  async list(query: {
    cursor?: string;
    limit: number;
    subjectId?: string;
  }): Promise<AuditLogPageDto> {
    const params: unknown[] = [query.limit + 1];
    const where: string[] = [];
    if (query.cursor) {
      const { at, id } = decodeCursor(query.cursor);
      params.push(at, id);
      where.push(
        `(a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    if (query.subjectId) {
      params.push(query.subjectId);
      where.push(`a.subject_id = $${params.length}`);
    }
    const rows: AuditRow[] = await this.db.query(
      `SELECT a.id, a.actor_id, u.name AS actor_name, a.action, a.subject_type, a.subject_id,
              a.details, a.created_at
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT $1`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row): AuditLogEntryDto => ({
        id: row.id,
        actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        details: row.details,
        createdAt: row.created_at.toISOString(),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }
}
