import {
  CONVERSATION_LIST_ORDER,
  listCondition,
  type ConversationListDto,
  type ConversationListParams,
  type ListCondition,
  type ListViewer,
  uuidSchema,
} from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { takesPart } from './conversation-access.service';
import { toConversationSummary } from './conversation.mapper';
import { Conversation } from './conversation.entity';
import { InvalidCursorException, ViewNotAllowedException } from './conversations.exception';

/*
 * The inbox lists: the shared list rule (the one the web merges live updates by) translated to SQL,
 * in the shared order, paged by keyset.
 */

const ORDER_COLUMNS: Record<(typeof CONVERSATION_LIST_ORDER)[number], string> = {
  lastActivityAt: 'c.last_activity_at',
  id: 'c.id',
};

function encodeCursor(c: { lastActivityAt: Date; id: string }): string {
  return Buffer.from(`${c.lastActivityAt.toISOString()}|${c.id}`).toString('base64url');
}

/** Only what `encodeCursor` writes is accepted: an ISO time and a UUID, both safe to hand to PostgreSQL. */
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (rest.length || !z.iso.datetime().safeParse(at).success || !uuidSchema.safeParse(id).success)
    throw new InvalidCursorException();
  return { at, id };
}

/**
 * SQL (alias `c`, contact joined as `contact`) for `condition`; the values go into `params` under
 * fresh names, never into the text.
 */
export function listConditionSql(
  condition: ListCondition,
  params: Record<string, unknown>,
): string {
  const param = (value: unknown): string => {
    const name = `list${Object.keys(params).length}`;
    params[name] = value;
    return name;
  };
  switch (condition.kind) {
    case 'always':
      return 'TRUE';
    case 'never':
      return 'FALSE';
    case 'all':
      if (!condition.of.length) return 'TRUE';
      return `(${condition.of.map((c) => listConditionSql(c, params)).join(' AND ')})`;
    case 'any':
      if (!condition.of.length) return 'FALSE';
      return `(${condition.of.map((c) => listConditionSql(c, params)).join(' OR ')})`;
    case 'ownedBy':
      return `c.owner_id = :${param(condition.user)}`;
    case 'notOwnedBy':
      return `c.owner_id IS DISTINCT FROM :${param(condition.user)}`;
    case 'unowned':
      return 'c.owner_id IS NULL';
    case 'inTeams':
      if (!condition.teams.length) return 'FALSE';
      return `c.team_id IN (:...${param([...condition.teams])})`;
    case 'takesPart':
      return takesPart('c.id', `:${param(condition.user)}`);
    case 'statusIn':
      if (!condition.statuses.length) return 'FALSE';
      return `c.status IN (:...${param([...condition.statuses])})`;
    case 'hasChannel':
      return `:${param(condition.channel)} = ANY(c.channel_kinds)`;
    case 'matches': {
      const q = param(`%${condition.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      return `(contact.name ILIKE :${q} OR contact.email ILIKE :${q} OR contact.phone ILIKE :${q}
        OR c.subject ILIKE :${q} OR c.preview_text ILIKE :${q})`;
    }
  }
}

/** One page of the list `query` asks of `viewer`; 403 for a view the viewer may not open. */
export async function listConversations(
  db: DataSource,
  viewer: ListViewer,
  query: ConversationListParams,
): Promise<ConversationListDto> {
  const condition = listCondition(query, viewer);
  if ('refused' in condition) throw new ViewNotAllowedException(condition.refused);
  const params: Record<string, unknown> = {};
  const qb = db
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .innerJoinAndSelect('c.contact', 'contact')
    .leftJoinAndSelect('c.owner', 'owner')
    .leftJoinAndSelect('c.team', 'team')
    .leftJoinAndSelect('c.lastInboundChannel', 'lastInboundChannel')
    .where(listConditionSql(condition, params), params);
  const columns = CONVERSATION_LIST_ORDER.map((key) => ORDER_COLUMNS[key]);
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    qb.andWhere(`(${columns.join(', ')}) < (:cursorAt::timestamptz, :cursorId::uuid)`, {
      cursorAt: at,
      cursorId: id,
    });
  }
  for (const column of columns) qb.addOrderBy(column, 'DESC');
  // Only many-to-one joins: LIMIT cannot cut a conversation's rows apart.
  const rows = await qb.limit(query.limit + 1).getMany();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toConversationSummary),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null,
  };
}
