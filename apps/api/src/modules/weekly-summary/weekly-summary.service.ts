import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  channelConfigSchemas,
  DEFAULT_TIME_ZONE,
  SEES_ALL_ROLES,
  type ChannelKind,
  type JourneyOverviewDto,
  type Role,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { withTimeout } from '../../core/queue/enqueue';
import { ensureJob } from '../../core/queue/ensure-job';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { PermanentDeliveryError } from '../channels/channel-adapter';
import { EmailSender } from '../channels/adapters/email';
import { GoalsService } from '../goals/goals.service';
import { JourneysQuery } from '../journeys/journeys.query';
import { SatisfactionResultsQuery } from '../satisfaction/satisfaction-results.query';
import {
  composeSummary,
  summaryLocale,
  type SummaryFigures,
  type SummaryMoment,
} from './summary-mail';
import { lastDueWeek, stillPlannable, weekFrom, type SummaryWeek } from './summary-week';

export interface SendWeeklySummaryData {
  summaryId: string;
}

/**
 * `sent`; `skipped` (no email channel, or the person no longer wants it); `failed` for good (the
 * relay refused it, or the last try failed); `stale` (already done); `busy` (another worker is
 * sending it right now).
 */
export type SummaryOutcome = 'sent' | 'skipped' | 'failed' | 'stale' | 'busy';

/** A worker sending a summary holds it this long; a worker that died lets it go after that. */
const CLAIM_SECONDS = 300;
/** Unsent summaries the sweep looks after per run. */
const SWEEP_BATCH = 500;

interface ClaimedRow {
  id: string;
  user_id: string;
  week_start: string;
  time_zone: string;
  message_id: string;
}

interface Recipient {
  email: string;
  name: string;
  locale: string;
  role: Role;
  active: boolean;
  weekly_summary: boolean;
}

export const summaryJobId = (summaryId: string) => `weekly-summary.${summaryId}`;

/**
 * The weekly summary email to those who asked for it (supervisors, touchpoint managers, admins):
 * every Monday at 07:00 in the workspace's time zone, the week before in figures. `weekly_summaries`
 * is the record: a row per person and week is written first (unique, so two workers or a repeated
 * run plan it once), a job on the outbound queue sends it, and the sweep plans due weeks and puts
 * back jobs Redis lost. Delivery is at least once: a send that may have gone out before its worker
 * died goes out again with the same Message-ID, so a mail client shows the repeat as one message.
 */
/** How long a week's figures serve further recipients of the same round. */
const FIGURES_KEPT_MS = 15 * 60_000;

@Injectable()
export class WeeklySummaryService {
  private readonly logger = new Logger('WeeklySummary');
  /** Weeks for which "no email channel" was logged already: once per week and process. */
  private readonly noChannelLogged = new Set<string>();
  /**
   * A week's figures are the same for every recipient: worked out once per week and zone in this
   * process and kept for the sending round (a retry later in the day works them out again).
   */
  private readonly weekFigures = new Map<
    string,
    { at: number; figures: Promise<SummaryFigures> }
  >();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
    private readonly sender: EmailSender,
    private readonly journeys: JourneysQuery,
    private readonly satisfaction: SatisfactionResultsQuery,
    private readonly goals: GoalsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The workspace's time zone: the one most teams' business hours are kept in (the SLA's
   * calendars), Europe/Berlin without any.
   */
  async timeZone(): Promise<string> {
    const [row]: { zone: string }[] = await this.db.query(
      `SELECT business_hours->>'timeZone' AS zone FROM teams
        WHERE business_hours ? 'timeZone'
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    return row && IANAZone.isValidZone(row.zone) ? row.zone : DEFAULT_TIME_ZONE;
  }

  /**
   * Writes the summaries due at `now` (the week before the last Monday 07:00, within a day of it)
   * for everyone who asked, and queues them. Idempotent: a week already planned for a person is
   * left as it is. Answers the ids of the rows written now.
   */
  async plan(now = new Date()): Promise<string[]> {
    const timeZone = await this.timeZone();
    const week = lastDueWeek(now, timeZone);
    if (!stillPlannable(week, now)) return [];
    const domain = new URL(this.config.http.publicUrl).hostname || 'touchpoint';
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO weekly_summaries (user_id, week_start, time_zone, message_id)
       SELECT u.id, $1::date, $2, '<weekly-summary.' || u.id || '.' || $1 || '@' || $3 || '>'
         FROM users u
        WHERE u.weekly_summary AND u.active AND u.joined_at IS NOT NULL AND u.role = ANY($4)
       ON CONFLICT (user_id, week_start) DO NOTHING
       RETURNING id`,
      [week.from, timeZone, domain, SEES_ALL_ROLES],
    );
    for (const { id } of rows) {
      try {
        await withTimeout(
          this.outbound.add(JOBS.sendWeeklySummary, { summaryId: id }, { jobId: summaryJobId(id) }),
        );
      } catch (err) {
        this.logger.warn(`Summary ${id} planned, not yet queued: ${(err as Error).message}`);
      }
    }
    if (rows.length)
      this.logger.log(`Planned ${rows.length} weekly summaries for the week from ${week.from}`);
    return rows.map((r) => r.id);
  }

  /** Plans what is due and puts back the jobs of unsent summaries that Redis lost. */
  async sweep(now = new Date()): Promise<{ planned: number; restored: number }> {
    const planned = (await this.plan(now)).length;
    const pending: { id: string }[] = await this.db.query(
      `SELECT id FROM weekly_summaries WHERE status = 'pending' ORDER BY created_at LIMIT $1`,
      [SWEEP_BATCH],
    );
    let restored = 0;
    for (const { id } of pending)
      if (
        (await ensureJob(
          this.outbound,
          JOBS.sendWeeklySummary,
          { summaryId: id },
          summaryJobId(id),
        )) !== 'present'
      )
        restored++;
    if (restored) this.logger.log(`Queued ${restored} weekly summaries again`);
    return { planned, restored };
  }

  /**
   * Sends one summary if it is still unsent and no other worker holds it. A failure that a retry
   * may cure lets it go and throws (the job retries); a refusal, or the last try, ends it `failed`.
   */
  async send(summaryId: string, lastAttempt = false): Promise<SummaryOutcome> {
    // An UPDATE answers its rows and their count.
    const [[claimed]]: [ClaimedRow[], number] = await this.db.query(
      `UPDATE weekly_summaries
          SET claimed_until = now() + make_interval(secs => $2), attempts = attempts + 1,
              updated_at = now()
        WHERE id = $1 AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < now())
        RETURNING id, user_id, week_start::text AS week_start, time_zone, message_id`,
      [summaryId, CLAIM_SECONDS],
    );
    if (!claimed) {
      const [row]: { status: string }[] = await this.db.query(
        'SELECT status FROM weekly_summaries WHERE id = $1',
        [summaryId],
      );
      return row?.status === 'pending' ? 'busy' : 'stale';
    }

    const [user]: Recipient[] = await this.db.query(
      'SELECT email, name, locale, role, active, weekly_summary FROM users WHERE id = $1',
      [claimed.user_id],
    );
    if (!user?.active || !user.weekly_summary || !SEES_ALL_ROLES.includes(user.role))
      return this.finish(claimed.id, 'skipped', 'no longer asked for');

    const via = await this.emailChannel();
    if ('skip' in via) {
      if (!this.noChannelLogged.has(claimed.week_start)) {
        this.noChannelLogged.add(claimed.week_start);
        this.logger.warn(
          `Weekly summaries of the week from ${claimed.week_start} skipped: ${via.skip}`,
        );
      }
      return this.finish(claimed.id, 'skipped', via.skip);
    }

    const week = weekFrom(claimed.week_start, claimed.time_zone);
    const mail = composeSummary(
      await this.figuresOnce(week, claimed.time_zone),
      { name: user.name, locale: summaryLocale(user.locale) },
      this.config.http.publicUrl,
    );
    try {
      await this.sender.send(via.smtp, {
        from: { name: 'Touchpoint', address: via.address },
        to: { name: user.name, address: user.email },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: claimed.message_id,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    } catch (err) {
      const reason = (err as Error).message.slice(0, 500);
      if (err instanceof PermanentDeliveryError || lastAttempt)
        return this.finish(claimed.id, 'failed', reason);
      await this.db.query(
        `UPDATE weekly_summaries SET claimed_until = NULL, reason = $2, updated_at = now()
          WHERE id = $1`,
        [claimed.id, reason],
      );
      throw err;
    }
    return this.finish(claimed.id, 'sent', null);
  }

  private figuresOnce(week: SummaryWeek, timeZone: string): Promise<SummaryFigures> {
    const key = `${week.from}|${timeZone}`;
    const now = Date.now();
    for (const [k, v] of this.weekFigures)
      if (now - v.at > FIGURES_KEPT_MS) this.weekFigures.delete(k);
    const kept = this.weekFigures.get(key);
    if (kept) return kept.figures;
    const figures = this.figures(week, timeZone);
    this.weekFigures.set(key, { at: now, figures });
    // A failed read is not kept: the next recipient's try reads again.
    figures.catch(() => this.weekFigures.delete(key));
    return figures;
  }

  /** The figures of one week, as the journeys, satisfaction results and goals count them. */
  async figures(week: SummaryWeek, timeZone: string): Promise<SummaryFigures> {
    const range = { from: week.from, to: week.to, timeZone };
    const [journeys, csat, goals] = await Promise.all([
      this.journeys.overview(range),
      this.satisfaction.results(range),
      // As of the week's end: the trend's last week is this week.
      this.goals.list(week.endsAt),
    ]);
    return {
      from: week.from,
      to: week.to,
      conversations: journeys.conversations,
      outcomes: {
        oneTouch: journeys.outcomes.one_touch,
        afterHandoffs: journeys.outcomes.after_handoffs,
        abandoned: journeys.outcomes.abandoned,
        reopened: journeys.outcomes.reopened,
      },
      moments: worstMoments(journeys),
      csat: {
        requested: csat.totals.requested,
        rated: csat.totals.rated,
        average: csat.totals.average,
        responseRate: csat.totals.responseRate,
      },
      goals: goals.map((g) => {
        const value = g.trend.at(-1)?.value ?? null;
        return {
          name: g.name,
          kind: g.kind,
          target: g.target,
          value,
          holds:
            value === null
              ? null
              : g.direction === 'at_least'
                ? value >= g.target
                : value <= g.target,
        };
      }),
    };
  }

  /** The first enabled email channel's relay and address, or why there is none to send through. */
  private async emailChannel(): Promise<
    | { smtp: ReturnType<typeof channelConfigSchemas.email.parse>['smtp']; address: string }
    | { skip: string }
  > {
    const [row]: { id: string; config: unknown }[] = await this.db.query(
      `SELECT id, config FROM channels WHERE kind = 'email' AND enabled
        ORDER BY created_at, id LIMIT 1`,
    );
    if (!row) return { skip: 'no email channel' };
    const parsed = channelConfigSchemas.email.safeParse(row.config);
    if (!parsed.success) return { skip: `email channel ${row.id} has an invalid config` };
    return { smtp: parsed.data.smtp, address: parsed.data.address };
  }

  private async finish(
    id: string,
    status: 'sent' | 'skipped' | 'failed',
    reason: string | null,
  ): Promise<SummaryOutcome> {
    await this.db.query(
      `UPDATE weekly_summaries
          SET status = $2::varchar, reason = $3, claimed_until = NULL, updated_at = now(),
              sent_at = CASE WHEN $2::varchar = 'sent' THEN now() END
        WHERE id = $1`,
      [id, status, reason],
    );
    return status;
  }
}

/** The three worst moments of the journeys (they come worst first), their ends named. */
function worstMoments(overview: JourneyOverviewDto): SummaryMoment[] {
  const teams = new Map(
    overview.nodes.filter((n) => n.type === 'team').map((n) => [n.key, n.team?.name ?? null]),
  );
  const team = (key: string) => (key === 'team:none' ? null : (teams.get(key) ?? null));
  return overview.moments.slice(0, 3).map((m) => ({
    kind: m.kind,
    ...(m.from.startsWith('entry:')
      ? {
          fromChannel:
            m.from === 'entry:none' ? null : (m.from.slice('entry:'.length) as ChannelKind),
        }
      : { fromTeam: team(m.from) }),
    toTeam: team(m.to),
    count: m.count,
    medianSeconds: m.medianSeconds,
    unansweredShare: m.unansweredShare,
  }));
}
