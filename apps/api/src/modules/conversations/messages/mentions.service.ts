import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import { NotificationsService } from '../../notifications/notifications.service';
import { admitByMention } from '../conversation-writer';
import type { Conversation } from '../conversation.entity';
import { parseMentions } from './mentions';

@Injectable()
export class MentionsService {
  constructor(private readonly notifications: NotificationsService) {}

  /**
   * `@colleague` in a note notifies them and lets them in as a consult would: for their grace period,
   * never lifting or lengthening access they have (see admitByMention). Mentioning yourself changes
   * nothing, and the owner needs no letting in. `@team` notifies its members.
   * Only unambiguous names count: a first name shared by two people mentions nobody.
   */
  async apply(
    m: EntityManager,
    authorId: string,
    conversation: Pick<Conversation, 'id' | 'ownerId'>,
    text: string,
    batch: EventBatch,
  ): Promise<void> {
    const conversationId = conversation.id;
    const tokens = parseMentions(text);
    if (tokens.length === 0) return;
    const users: { id: string; token: string }[] = await m.query(
      `SELECT u.id, t AS token FROM unnest($1::text[]) t
       JOIN users u ON u.active AND (lower(split_part(u.name, ' ', 1)) = t OR lower(replace(u.name, ' ', '.')) = t
                                    OR lower(replace(u.name, ' ', '')) = t OR split_part(u.email, '@', 1) = t)`,
      [tokens],
    );
    const mentioned = [
      ...new Set(
        users.filter((u) => users.filter((x) => x.token === u.token).length === 1).map((u) => u.id),
      ),
    ].filter((id) => id !== authorId); // mentioning yourself changes nothing
    await admitByMention(
      m,
      conversationId,
      mentioned.filter((id) => id !== conversation.ownerId),
      batch,
    );
    const excerpt = text.slice(0, 300);
    await this.notifications.notify(
      m,
      mentioned,
      { kind: 'mention', conversationId, actorId: authorId, text: excerpt },
      batch,
    );
    const teams: { id: string }[] = await m.query(
      'SELECT id FROM teams WHERE lower(name) = ANY($1::text[])',
      [tokens],
    );
    for (const team of teams) {
      const members = (await this.notifications.teamMemberIds(m, team.id)).filter(
        (id) => !mentioned.includes(id),
      );
      await this.notifications.notify(
        m,
        members,
        { kind: 'team_mention', conversationId, actorId: authorId, text: excerpt },
        batch,
      );
    }
  }
}
