import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CSAT_LINK_DAYS,
  toWidgetMessage,
  type WidgetMessageDto,
  type WidgetSurveyDto,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { PresenceService } from '../../../../core/realtime/presence.service';
import { FileLinks } from '../../../../core/storage/file-links';
import { clientMessageIdOf } from './webchat-payload';

/** Messages a widget shows on (re)connect. */
const HISTORY_LIMIT = 100;

/** The survey a message of the chat asks (read from `csat_surveys`, which satisfaction owns). */
const SURVEY_OF_MESSAGE = `
  SELECT json_build_object('rating', s.rating, 'comment', s.comment,
           'closesAt', s.requested_at + make_interval(days => ${CSAT_LINK_DAYS}))
    FROM csat_surveys s
   WHERE s.message_id = m.id AND s.channel_kind = 'webchat' AND s.status IN ('requested', 'rated')`;

export interface VisitorContact {
  contactId: string;
  contactName: string;
}

/**
 * Reads about website visitors. A visitor's contact is the one owning the identity `webchat:<visitorId>`
 * (recorded by the inbound worker with the visitor's first message).
 */
@Injectable()
export class WebchatVisitors {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly presence: PresenceService,
    private readonly links: FileLinks,
  ) {}

  async contactOf(visitorId: string): Promise<VisitorContact | null> {
    const [row]: VisitorContact[] = await this.db.query(
      `SELECT k.id AS "contactId", k.name AS "contactName"
         FROM contact_identities i JOIN contacts k ON k.id = i.contact_id
        WHERE i.kind = 'webchat' AND i.address = $1`,
      [visitorId],
    );
    return row ?? null;
  }

  /** The conversation the visitor's next message would join (the same rule as the inbound worker). */
  async activeConversationOf(visitorId: string): Promise<(VisitorContact & { id: string }) | null> {
    const [row]: (VisitorContact & { id: string })[] = await this.db.query(
      `SELECT c.id, k.id AS "contactId", k.name AS "contactName"
         FROM contact_identities i
         JOIN contacts k ON k.id = i.contact_id
         JOIN conversations c ON c.contact_id = k.id AND c.status <> 'resolved'
        WHERE i.kind = 'webchat' AND i.address = $1
        ORDER BY c.last_activity_at DESC LIMIT 1`,
      [visitorId],
    );
    return row ?? null;
  }

  /**
   * What the visitor sees of its conversations: only the messages it exchanged through this channel
   * (its own messages and the replies sent to it), never notes or timeline events, and nothing the
   * contact wrote or received on other channels.
   */
  async history(channelId: string, visitorId: string): Promise<WidgetMessageDto[]> {
    const rows: {
      id: string;
      type: 'inbound' | 'outbound';
      text: string;
      createdAt: Date;
      providerMessageId: string | null;
      clientMessageId: string | null;
      authorName: string | null;
      attachments: { id: string; name: string; contentType: string; size: number }[];
      survey: WidgetSurveyDto | null;
    }[] = await this.db.query(
      `SELECT m.id, m.type, m.text, m.created_at AS "createdAt",
              m.provider_message_id AS "providerMessageId", m.client_message_id AS "clientMessageId",
              u.name AS "authorName",
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.filename,
                                 'contentType', a.content_type, 'size', a.size) ORDER BY a.filename, a.id)
                          FROM attachments a WHERE a.message_id = m.id), '[]') AS attachments,
              CASE WHEN m.metadata->>'system' = 'csat' THEN (${SURVEY_OF_MESSAGE}) END AS survey
         FROM contact_identities i
         JOIN conversations c ON c.contact_id = i.contact_id
         JOIN messages m ON m.conversation_id = c.id
         LEFT JOIN users u ON u.id = m.author_user_id
        WHERE i.kind = 'webchat' AND i.address = $2
          AND m.channel_id = $1
          AND m.type IN ('inbound', 'outbound')
          AND m.metadata->>'address' = $2
          AND (m.type = 'inbound' OR m.delivery_status IN ('sent', 'delivered', 'read'))
        ORDER BY m.created_at DESC, m.seq DESC
        LIMIT ${HISTORY_LIMIT}`,
      [channelId, visitorId],
    );
    return rows.reverse().map((r) =>
      withSurvey(
        toWidgetMessage(
          {
            id: r.id,
            type: r.type,
            text: r.text,
            author: {
              type: r.type === 'inbound' ? 'contact' : 'user',
              id: null,
              name: r.authorName ?? '',
            },
            createdAt: new Date(r.createdAt).toISOString(),
            clientMessageId:
              r.type === 'inbound'
                ? clientMessageIdOf(r.providerMessageId, visitorId)
                : r.clientMessageId,
          },
          r.attachments.map(({ id, ...a }) => ({ ...a, url: this.links.absoluteUrl(id) })),
        ),
        r.survey,
      ),
    );
  }

  /** The survey a message asks the visitor to rate in the chat, or null for any other message. */
  async surveyOf(messageId: string): Promise<WidgetSurveyDto | null> {
    const [row]: { survey: WidgetSurveyDto | null }[] = await this.db.query(
      `SELECT (${SURVEY_OF_MESSAGE}) AS survey FROM messages m WHERE m.id = $1`,
      [messageId],
    );
    return row?.survey ? normalSurvey(row.survey) : null;
  }

  /** The website visitors taking part in a conversation (to reach them with agent typing). */
  async visitorsOfConversation(
    conversationId: string,
  ): Promise<{ channelId: string; visitorId: string }[]> {
    return this.db.query(
      `SELECT DISTINCT m.channel_id AS "channelId", m.metadata->>'address' AS "visitorId"
         FROM messages m JOIN channels ch ON ch.id = m.channel_id
        WHERE m.conversation_id = $1 AND m.type = 'inbound' AND ch.kind = 'webchat'
          AND m.metadata ? 'address'`,
      [conversationId],
    );
  }

  /** Whether a member of the team has the inbox open (staff presence). */
  async agentsOnline(teamId: string): Promise<boolean> {
    const members: { userId: string }[] = await this.db.query(
      `SELECT tm.user_id AS "userId" FROM team_memberships tm JOIN users u ON u.id = tm.user_id
        WHERE tm.team_id = $1 AND u.active`,
      [teamId],
    );
    const online = await Promise.all(members.map(({ userId }) => this.presence.isOnline(userId)));
    return online.includes(true);
  }
}

function normalSurvey(s: WidgetSurveyDto): WidgetSurveyDto {
  return { rating: s.rating, comment: s.comment, closesAt: new Date(s.closesAt).toISOString() };
}

/** The message with its survey, when it asks one. */
export function withSurvey(
  message: WidgetMessageDto,
  survey: WidgetSurveyDto | null | undefined,
): WidgetMessageDto {
  return survey ? { ...message, survey: normalSurvey(survey) } : message;
}
