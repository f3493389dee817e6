import {
  CONVERSATION_LIST_ORDER,
  listCondition,
  type ConversationCountsDto,
  type ConversationListDto,
  type ConversationListParams,
  type ListCondition,
  type ListFilters,
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

/**
 * The last row's place in the order, to the microsecond as PostgreSQL keeps it: a JavaScript date
 * would cut it to milliseconds, and rows between the cut and the real time would be skipped.
 */
const CURSOR_AT = `to_char(c.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
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
    case 'hasLabel':
      return `:${param(condition.label)}::uuid = ANY(c.label_ids)`;
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
  // Only many-to-one joins: LIMIT cannot cut a conversation's rows apart, so raw rows and entities
  // pair up one to one.
  const { entities, raw } = await qb
    .addSelect(CURSOR_AT, 'cursor_at')
    .limit(query.limit + 1)
    .getRawAndEntities<{ cursor_at: string }>();
  const page = entities.slice(0, query.limit);
  const last = page.length - 1;
  return {
    items: page.map(toConversationSummary),
    nextCursor:
      entities.length > query.limit ? encodeCursor(raw[last].cursor_at, page[last].id) : null,
  };
}

/**
 * The sidebar's counts: how many conversations each list holds for `viewer`, by the same rule as
 * the lists (a list the viewer may not open counts 0). `team` counts the viewer's teams together.
 */
export async function countConversations(
  db: DataSource,
  viewer: ListViewer,
): Promise<ConversationCountsDto> {
  const conditionOf = (filters: ListFilters): ListCondition => {
    const condition = listCondition(filters, viewer);
    return 'refused' in condition ? { kind: 'never' } : condition;
  };
  const perTeam = viewer.teamIds.map((teamId) => conditionOf({ view: 'team', teamId }));
  const counted: [string, ListCondition][] = [
    ['mine', conditionOf({ view: 'mine' })],
    ['unassigned', conditionOf({ view: 'unassigned' })],
    ['team', { kind: 'any', of: perTeam }],
    ['participating', conditionOf({ view: 'participating' })],
    ['all', conditionOf({ view: 'all' })],
    ...perTeam.map((condition, i): [string, ListCondition] => [`team${i}`, condition]),
  ];
  const params: Record<string, unknown> = {};
  const qb = db
    .getRepository(Conversation)
    .createQueryBuilder('c')
    .select(
      counted.map(
        ([key, condition]) =>
          `count(*) FILTER (WHERE ${listConditionSql(condition, params)})::int AS "${key}"`,
      ),
    );
  const row = (await qb.setParameters(params).getRawOne<Record<string, number>>()) ?? {};
  return {
    mine: row['mine'],
    unassigned: row['unassigned'],
    team: row['team'],
    participating: row['participating'],
    all: row['all'],
    teams: Object.fromEntries(viewer.teamIds.map((id, i) => [id, row[`team${i}`]])),
  };
}
