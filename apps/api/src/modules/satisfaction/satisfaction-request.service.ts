import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChannelKind, QuietHours } from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { DomainEvents, type EventBatch } from '../../core/events/domain-events';
import { dueJob, restoreDueJobs, scheduleDueJob } from '../../core/queue/due-job';
import { withTimeout } from '../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { RateLimiter } from '../../core/rate-limit/rate-limiter';
import { ChannelRegistry } from '../channels/channel-registry';
import { appendSystemReply } from '../conversations/conversation-writer';
import { loadReplyWindow, loadRouting, routeReply } from '../conversations/reply-routing';
import { quietHoursEnd } from './quiet-hours';
import { surveyLanguage, surveyText } from './satisfaction-texts';

export interface RequestCsatData {
  surveyId: string;
  /** The due time (epoch ms) the job was scheduled for. */
  due: number;
}

export type RequestOutcome = 'requested' | 'deferred' | 'cancelled' | 'skipped' | 'stale' | 'early';

/**
 * Surveys one channel may send per minute. A day's resolutions would otherwise go out as one blast
 * (the issue rules that out); over the limit a survey waits for room, still scheduled.
 */
export const CSAT_PER_CHANNEL = { count: 20, windowMs: 60_000 } as const;

/** Lost delayed jobs of surveys due this soon are put back by the sweep. */
export const CSAT_SWEEP_LOOKAHEAD_SECONDS = 900;

/** The hash stored for a survey link's token; the token itself is only in the message sent. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

interface SurveyFacts {
  id: string;
  conversation_id: string;
  is_due: boolean;
  status: string;
  conversation_status: string;
  merged_into_id: string | null;
  last_inbound_channel_id: string | null;
  contact_id: string;
  has_inbound: boolean;
  language: string | null;
  quiet_hours: QuietHours | null;
  erased_at: Date | null;
  enabled: boolean;
}

type Step =
  | { outcome: 'requested'; messageId: string }
  | { outcome: 'deferred'; dueAt: Date }
  | { outcome: Exclude<RequestOutcome, 'requested' | 'deferred'> };

/**
 * Asks customers how satisfied they were, once per conversation, a short delay after it was
 * resolved (a reopen within the delay cancels it). `csat_surveys` is the record: the resolution
 * writes the row in its transaction, a delayed job per due time acts on it, and a sweep does what
 * Redis forgot. The survey is a service message about the customer's own conversation, not
 * marketing: marketing holds and the suppression list do not apply; quiet hours do (it waits for
 * their end), and a per-channel rate spreads a busy day's surveys out.
 */
@Injectable()
export class SatisfactionRequestService {
  private readonly logger = new Logger('Satisfaction');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.timers) private readonly timers: Queue,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
    private readonly events: DomainEvents,
    private readonly registry: ChannelRegistry,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  private static jobOf(surveyId: string, due: number) {
    const data: RequestCsatData = { surveyId, due };
    return dueJob(JOBS.requestCsat, surveyId, due, data);
  }

  /**
   * In the resolving transaction: plans the survey `delay_seconds` from now, unless surveys are
   * off. A conversation asked (or decided against) already keeps its row: once per conversation.
   */
  async planAfterResolution(m: EntityManager, conversationId: string): Promise<void> {
    await m.query(
      `INSERT INTO csat_surveys (conversation_id, contact_id, status, due_at, team_id, owner_id, resolved_at)
       SELECT c.id, c.contact_id, 'scheduled', now() + make_interval(secs => s.delay_seconds),
              c.team_id, c.owner_id, now()
         FROM conversations c CROSS JOIN csat_settings s
        WHERE c.id = $1 AND s.enabled AND c.merged_into_id IS NULL
       ON CONFLICT (conversation_id) DO UPDATE
         SET due_at = EXCLUDED.due_at, team_id = EXCLUDED.team_id, owner_id = EXCLUDED.owner_id,
             resolved_at = EXCLUDED.resolved_at, updated_at = now()
         WHERE csat_surveys.status = 'scheduled'`,
      [conversationId],
    );
  }

  /** After commit (on `conversation.updated`): the delayed jobs of those conversations' planned surveys. */
  async scheduleFor(conversationIds: string[]): Promise<void> {
    if (conversationIds.length === 0) return;
    const rows: { id: string; due_at: Date }[] = await this.db.query(
      `SELECT id, due_at FROM csat_surveys
        WHERE conversation_id = ANY($1::uuid[]) AND status = 'scheduled' AND due_at IS NOT NULL`,
      [conversationIds],
    );
    for (const row of rows)
      await scheduleDueJob(
        this.timers,
        SatisfactionRequestService.jobOf(row.id, row.due_at.getTime()),
        this.logger,
      );
  }

  /**
   * Idempotent: acts only on a survey still scheduled for `due` (any time when omitted) and due.
   * Sends it, defers it (quiet hours, the channel's rate), cancels it (reopened: a later resolution
   * plans it again) or skips it for good with the reason.
   */
  async request(surveyId: string, due?: number): Promise<RequestOutcome> {
    const step = await this.events.transaction((m, batch) => this.decide(m, surveyId, due, batch));
    if (step.outcome === 'requested') {
      try {
        await withTimeout(
          this.outbound.add(
            JOBS.deliverOutbound,
            { messageId: step.messageId },
            { jobId: step.messageId },
          ),
        );
      } catch (err) {
        this.logger.warn(`Survey ${surveyId} stored, not yet queued: ${(err as Error).message}`);
      }
    }
    if (step.outcome === 'deferred')
      await scheduleDueJob(
        this.timers,
        SatisfactionRequestService.jobOf(surveyId, step.dueAt.getTime()),
        this.logger,
      );
    return step.outcome;
  }

  private async decide(
    m: EntityManager,
    surveyId: string,
    due: number | undefined,
    batch: EventBatch,
  ): Promise<Step> {
    const [locked]: { due_at: Date | null; status: string }[] = await m.query(
      'SELECT due_at, status FROM csat_surveys WHERE id = $1 FOR UPDATE',
      [surveyId],
    );
    if (!locked || locked.status !== 'scheduled' || !locked.due_at) return { outcome: 'stale' };
    if (due !== undefined && locked.due_at.getTime() !== due) return { outcome: 'stale' };
    const [s]: SurveyFacts[] = await m.query(
      `SELECT s.id, s.conversation_id, s.status, s.due_at <= now() AS is_due,
              c.status AS conversation_status, c.merged_into_id, c.last_inbound_channel_id,
              c.contact_id, ct.language, ct.quiet_hours, ct.erased_at,
              EXISTS (SELECT 1 FROM messages WHERE conversation_id = c.id AND type = 'inbound')
                AS has_inbound,
              (SELECT enabled FROM csat_settings) AS enabled
         FROM csat_surveys s
         JOIN conversations c ON c.id = s.conversation_id
         JOIN contacts ct ON ct.id = c.contact_id
        WHERE s.id = $1`,
      [surveyId],
    );
    if (!s.is_due) return { outcome: 'early' };
    if (s.conversation_status !== 'resolved') {
      await m.query(`UPDATE csat_surveys SET due_at = NULL, updated_at = now() WHERE id = $1`, [
        surveyId,
      ]);
      return { outcome: 'cancelled' };
    }
    const skip = async (reason: string): Promise<Step> => {
      await m.query(
        `UPDATE csat_surveys SET status = 'skipped', skip_reason = $2, due_at = NULL,
                updated_at = now() WHERE id = $1`,
        [surveyId, reason],
      );
      return { outcome: 'skipped' };
    };
    if (!s.enabled) return skip('disabled');
    if (s.merged_into_id) return skip('merged');
    if (s.erased_at) return skip('contact_erased');
    // Nobody outside wrote: a note-only or outbound-only thread has no customer to ask.
    if (!s.has_inbound) return skip('internal_only');

    const quietEnd = quietHoursEnd(s.quiet_hours, new Date());
    if (quietEnd) return this.defer(m, surveyId, quietEnd);

    // The channel the customer used last, to the address they wrote from on it.
    const routing = await loadRouting(m, this.registry, {
      id: s.conversation_id,
      contactId: s.contact_id,
      lastInboundChannelId: s.last_inbound_channel_id,
    });
    const decision = s.last_inbound_channel_id
      ? routeReply(routing.facts, routing.channels, {
          type: 'reply',
          channelId: s.last_inbound_channel_id,
        })
      : null;
    if (decision?.kind !== 'route') return skip('no_customer_reply_channel');
    const { channel, address } = decision.route;
    // A survey is asked unprompted: a contact who refused service messages here is not asked.
    const [consent]: { granted: boolean }[] = await m.query(
      `SELECT granted FROM contact_consents
        WHERE contact_id = $1 AND purpose = 'service' AND channel IN ($2, 'all')
        ORDER BY recorded_at DESC LIMIT 1`,
      [s.contact_id, channel.kind],
    );
    if (consent && !consent.granted) return skip('service_consent_refused');
    const window = await loadReplyWindow(m, this.registry, channel, s.contact_id);
    if (window && !window.open) return skip('reply_window_closed');

    const hit = await this.limiter.hit([
      {
        key: `csat:channel:${channel.id}`,
        limit: CSAT_PER_CHANNEL.count,
        windowMs: CSAT_PER_CHANNEL.windowMs,
      },
    ]);
    // Spread over the next window, so that a batch held back does not come back as one again.
    if (!hit.allowed) {
      const spread = Math.floor(Math.random() * CSAT_PER_CHANNEL.windowMs);
      return this.defer(m, surveyId, new Date(Date.now() + hit.retryAfterMs + spread));
    }

    const token = randomBytes(24).toString('base64url');
    const link = `${this.config.http.publicUrl}/csat/${token}`;
    const message = await appendSystemReply(
      m,
      s.conversation_id,
      {
        text: surveyText(channel.kind, surveyLanguage(s.language), link),
        clientMessageId: randomUUID(),
        channel,
        address,
        purpose: 'csat',
      },
      batch,
    );
    await m.query(
      `UPDATE csat_surveys SET status = 'requested', due_at = NULL, requested_at = now(),
              channel_id = $2, channel_kind = $3, address = $4, message_id = $5, token_hash = $6,
              updated_at = now()
        WHERE id = $1`,
      [
        surveyId,
        channel.id,
        channel.kind satisfies ChannelKind,
        address,
        message.id,
        tokenHash(token),
      ],
    );
    return { outcome: 'requested', messageId: message.id };
  }

  private async defer(m: EntityManager, surveyId: string, dueAt: Date): Promise<Step> {
    await m.query('UPDATE csat_surveys SET due_at = $2, updated_at = now() WHERE id = $1', [
      surveyId,
      dueAt,
    ]);
    return { outcome: 'deferred', dueAt };
  }

  /** Carries out the surveys that are due without having run, and puts back lost jobs of those due soon. */
  async sweep(): Promise<{ handled: number; rescheduled: number }> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM csat_surveys WHERE status = 'scheduled' AND due_at <= now()
        ORDER BY due_at LIMIT 200`,
    );
    let handled = 0;
    for (const { id } of due) if ((await this.request(id)) !== 'stale') handled++;
    const soon: { id: string; due_at: Date }[] = await this.db.query(
      `SELECT id, due_at FROM csat_surveys
        WHERE status = 'scheduled' AND due_at > now()
          AND due_at <= now() + make_interval(secs => $1)
        ORDER BY due_at LIMIT 1000`,
      [CSAT_SWEEP_LOOKAHEAD_SECONDS],
    );
    const rescheduled = await restoreDueJobs(
      this.timers,
      soon.map((row) => SatisfactionRequestService.jobOf(row.id, row.due_at.getTime())),
    );
    if (handled || rescheduled)
      this.logger.log(`Handled ${handled} due surveys, rescheduled ${rescheduled}`);
    return { handled, rescheduled };
  }
}
