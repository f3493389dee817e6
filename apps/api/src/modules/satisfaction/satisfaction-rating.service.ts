import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CSAT_LINK_DAYS, type WidgetSurveyDto } from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { limitSubjectOf } from '../../core/http/client-address';
import { RateLimiter } from '../../core/rate-limit/rate-limiter';
import { WidgetSurveyRatings } from '../channels/adapters/webchat';
import {
  SurveyClosedException,
  SurveyNotFoundException,
  TooManySurveyAttemptsException,
} from './satisfaction.exception';
import { tokenHash } from './satisfaction-request.service';
import {
  DIGIT_REPLY_KINDS,
  ratingOfReply,
  surveyLanguage,
  type SurveyLanguage,
} from './satisfaction-texts';

/** A digit reply counts as the rating this long after the survey was sent. */
export const CSAT_REPLY_DAYS = 3;
export const CSAT_COMMENT_MAX = 1000;
/** Requests to survey links one client address may make per window (public, unauthenticated). */
export const CSAT_REQUESTS_PER_ADDRESS = { count: 60, windowMs: 15 * 60_000 } as const;

export interface SurveyView {
  language: SurveyLanguage;
  rating: number | null;
  comment: string | null;
}

/**
 * Ratings arrive by the survey's link (`/csat/<token>`: page and form), in the website chat (the
 * visitor's own session proves it is theirs) or, on messaging channels, as a reply that is just a
 * digit. The reply stays a normal message of the conversation; the rating is taken from it besides.
 */
@Injectable()
export class SatisfactionRatingService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly limiter: RateLimiter,
    private readonly chatRatings: WidgetSurveyRatings,
  ) {}

  onModuleInit(): void {
    this.chatRatings.handle((visitor, messageId, rating, comment) =>
      this.rateInChat(visitor, messageId, rating, comment),
    );
  }

  /** The survey behind a link, for its page; 404 unknown, 410 closed. */
  async view(token: string, clientAddress: string): Promise<SurveyView> {
    await this.limit(clientAddress);
    const s = await this.open(token);
    return { language: surveyLanguage(s.language), rating: s.rating, comment: s.comment };
  }

  /** Stores the rating (and comment) of a link; a second one within the link's days replaces it. */
  async rate(
    token: string,
    clientAddress: string,
    rating: number,
    comment: string | null,
  ): Promise<SurveyView> {
    await this.limit(clientAddress);
    const s = await this.open(token);
    await this.db.query(
      `UPDATE csat_surveys SET status = 'rated', rating = $2, comment = $3, rated_at = now(),
              rated_via = 'link', updated_at = now()
        WHERE id = $1`,
      [s.id, rating, comment?.trim().slice(0, CSAT_COMMENT_MAX) || null],
    );
    return { language: surveyLanguage(s.language), rating, comment };
  }

  /**
   * A rating given in the website chat to the survey `messageId` asked there: only the visitor it
   * was sent to (`channelId` + `visitorId`, from the visitor's signed session) may give it, within
   * the link's days, and a second one replaces it like on the link's page. 404 for any other
   * visitor or message (nobody learns whether it exists), 410 once closed.
   */
  async rateInChat(
    visitor: { channelId: string; visitorId: string },
    messageId: string,
    rating: number,
    comment: string | null,
  ): Promise<WidgetSurveyDto> {
    const [s]: { id: string; open: boolean; closes_at: Date }[] = await this.db.query(
      `SELECT s.id, s.requested_at > now() - make_interval(days => $4) AS open,
              s.requested_at + make_interval(days => $4) AS closes_at
         FROM csat_surveys s
        WHERE s.message_id = $1 AND s.channel_id = $2 AND s.channel_kind = 'webchat'
          AND s.address = $3 AND s.status IN ('requested', 'rated')`,
      [messageId, visitor.channelId, visitor.visitorId, CSAT_LINK_DAYS],
    );
    if (!s) throw new SurveyNotFoundException();
    if (!s.open) throw new SurveyClosedException();
    const kept = comment?.trim().slice(0, CSAT_COMMENT_MAX) || null;
    await this.db.query(
      `UPDATE csat_surveys SET status = 'rated', rating = $2, comment = $3, rated_at = now(),
              rated_via = 'widget', updated_at = now()
        WHERE id = $1`,
      [s.id, rating, kept],
    );
    return { rating, comment: kept, closesAt: new Date(s.closes_at).toISOString() };
  }

  /**
   * For intake: the conversation a customer's reply answers when it is only a rating (a digit 1–5)
   * on the channel a survey of theirs went through within `CSAT_REPLY_DAYS`. Intake stores it there
   * without reopening the conversation (a rating is no new issue); null for any other message.
   */
  async surveyedConversation(
    m: EntityManager,
    contactId: string,
    channelId: string,
    text: string | null | undefined,
  ): Promise<string | null> {
    if (ratingOfReply(text) === null) return null;
    const [row]: { conversation_id: string }[] = await m.query(
      `SELECT s.conversation_id FROM csat_surveys s
         JOIN conversations c ON c.id = s.conversation_id
        WHERE s.contact_id = $1 AND s.channel_id = $2 AND s.status IN ('requested', 'rated')
          AND s.channel_kind = ANY($3::varchar[]) AND c.status = 'resolved'
          AND s.requested_at > now() - make_interval(days => $4)
        ORDER BY s.requested_at DESC LIMIT 1`,
      [contactId, channelId, DIGIT_REPLY_KINDS, CSAT_REPLY_DAYS],
    );
    return row?.conversation_id ?? null;
  }

  /**
   * Inbound messages that are only a digit 1–5, in a surveyed conversation on the channel its
   * survey went through within `CSAT_REPLY_DAYS` before: the survey takes the rating (a digit in
   * another, open conversation answers that one's question, not the survey). A replay, or
   * an older reply arriving late, changes nothing.
   */
  async rateByReplies(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    const candidates: { id: string; text: string | null; created_at: Date; survey_id: string }[] =
      await this.db.query(
        `SELECT m.id, m.text, m.created_at, s.id AS survey_id
           FROM messages m
           JOIN LATERAL (
             SELECT s.id FROM csat_surveys s
              WHERE s.conversation_id = m.conversation_id AND s.channel_id = m.channel_id
                AND s.status IN ('requested', 'rated') AND s.channel_kind = ANY($2::varchar[])
                AND s.requested_at < m.created_at
                AND s.requested_at > m.created_at - make_interval(days => $3)
              ORDER BY s.requested_at DESC LIMIT 1) s ON true
          WHERE m.id = ANY($1::uuid[]) AND m.type = 'inbound' AND length(m.text) <= 8`,
        [messageIds, DIGIT_REPLY_KINDS, CSAT_REPLY_DAYS],
      );
    for (const c of candidates) {
      const rating = ratingOfReply(c.text);
      if (rating === null) continue;
      await this.db.query(
        `UPDATE csat_surveys SET status = 'rated', rating = $2, rated_at = $3, rated_via = 'reply',
                updated_at = now()
          WHERE id = $1 AND (rated_at IS NULL OR rated_at <= $3)`,
        [c.survey_id, rating, c.created_at],
      );
    }
  }

  private async open(token: string) {
    const [s]: {
      id: string;
      language: string | null;
      rating: number | null;
      comment: string | null;
      open: boolean;
    }[] = await this.db.query(
      `SELECT s.id, ct.language, s.rating, s.comment,
              s.requested_at > now() - make_interval(days => $2) AS open
         FROM csat_surveys s JOIN contacts ct ON ct.id = s.contact_id
        WHERE s.token_hash = $1 AND s.status IN ('requested', 'rated')`,
      [tokenHash(token), CSAT_LINK_DAYS],
    );
    if (!s) throw new SurveyNotFoundException();
    if (!s.open) throw new SurveyClosedException();
    return s;
  }

  private async limit(clientAddress: string): Promise<void> {
    const hit = await this.limiter.hit([
      {
        key: `csat:address:${limitSubjectOf(clientAddress)}`,
        limit: CSAT_REQUESTS_PER_ADDRESS.count,
        windowMs: CSAT_REQUESTS_PER_ADDRESS.windowMs,
      },
    ]);
    if (!hit.allowed) throw new TooManySurveyAttemptsException(hit.retryAfterMs);
  }
}
