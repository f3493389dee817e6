import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { dueJob, restoreDueJobs, scheduleDueJob, type DueJob } from '../../core/queue/due-job';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { NotificationsService } from '../notifications/notifications.service';
import type { SlaClockName } from '../sla/sla-clock';
import {
  fireSlaStep,
  planSlaClocks,
  slaMomentSql,
  slaStepAheadSql,
  slaStepDueSql,
  type SlaStep,
} from './conversation-writer';

export interface SlaTimerData {
  conversationId: string;
  clock: SlaClockName;
}

/** 'early': the database's clock has not reached the moment yet; 'stale': nothing (more) to do. */
export type SlaTimerOutcome = 'fired' | 'early' | 'stale';

/** Lost delayed jobs of steps due this soon are put back by the sweep, so they fire on time. */
export const SLA_TIMER_LOOKAHEAD_SECONDS = 600;
/** Conversations replanned per transaction when a team's hours or policies change. */
const REPLAN_CHUNK = 200;

const JOB_OF_STEP = { risk: JOBS.slaRisk, breach: JOBS.slaBreach } as const;
const STEPS: readonly SlaStep[] = ['breach', 'risk'];

interface ClockMoments {
  conversation_id: string;
  clock: SlaClockName;
  risk_at: Date | null;
  due_at: Date | null;
  risk_fired_at: Date | null;
  breached_at: Date | null;
}

/**
 * The timers of conversations' SLA clocks: a delayed job per step (at risk, breached; job id =
 * conversation, clock, step and moment, so scheduling twice is one job), and a sweep that fires
 * what Redis lost, from PostgreSQL, where each clock records the steps that fired. Firing records
 * the step on the timeline and tells the owner and the supervisors.
 */
@Injectable()
export class SlaTimerService {
  private readonly logger = new Logger('SlaTimer');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.timers) private readonly timers: Queue,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  private static jobOf(conversationId: string, clock: SlaClockName, step: SlaStep, at: Date) {
    const data: SlaTimerData = { conversationId, clock };
    return dueJob(JOB_OF_STEP[step], `${conversationId}.${clock}-${step}`, at.getTime(), data);
  }

  private static jobsOf(row: ClockMoments): DueJob<SlaTimerData>[] {
    const jobs: DueJob<SlaTimerData>[] = [];
    if (row.breached_at) return jobs;
    if (row.risk_at && !row.risk_fired_at)
      jobs.push(SlaTimerService.jobOf(row.conversation_id, row.clock, 'risk', row.risk_at));
    if (row.due_at)
      jobs.push(SlaTimerService.jobOf(row.conversation_id, row.clock, 'breach', row.due_at));
    return jobs;
  }

  /** Schedules the steps still ahead of a conversation's clocks (after `sla.planned`). */
  async schedule(conversationId: string): Promise<void> {
    const rows: ClockMoments[] = await this.db.query(
      `SELECT conversation_id, clock, risk_at, due_at, risk_fired_at, breached_at
         FROM sla_clocks WHERE conversation_id = $1`,
      [conversationId],
    );
    for (const job of rows.flatMap(SlaTimerService.jobsOf))
      await scheduleDueJob(this.timers, job, this.logger);
  }

  /** Carries out one step, once: idempotent under concurrent workers and the sweep. */
  async fire(conversationId: string, clock: SlaClockName, step: SlaStep): Promise<SlaTimerOutcome> {
    return this.events.transaction(async (m, batch): Promise<SlaTimerOutcome> => {
      const fired = await fireSlaStep(m, conversationId, clock, step, batch);
      if (fired === 'early' || fired === 'stale') return fired;
      await this.notifications.notify(
        m,
        [...(await this.notifications.overseerIds(m)), ...(fired.ownerId ? [fired.ownerId] : [])],
        {
          kind: step === 'risk' ? 'sla.at_risk' : 'sla.breached',
          conversationId,
          text: fired.subject ?? '',
        },
        batch,
      );
      return 'fired';
    });
  }

  /**
   * Fires the steps that are due without having fired (their job was lost with Redis, or failed),
   * breaches first, and puts back the lost jobs of steps due soon.
   */
  async sweep(): Promise<{ fired: number; rescheduled: number }> {
    let fired = 0;
    for (const step of STEPS) {
      const due: { conversation_id: string; clock: SlaClockName }[] = await this.db.query(
        `SELECT k.conversation_id, k.clock FROM sla_clocks k WHERE ${slaStepDueSql(step)}
          ORDER BY ${slaMomentSql(step)} LIMIT 500`,
      );
      for (const row of due)
        if ((await this.fire(row.conversation_id, row.clock, step)) === 'fired') fired++;
    }
    const soon: DueJob<SlaTimerData>[] = [];
    for (const step of STEPS) {
      const ahead: ClockMoments[] = await this.db.query(
        `SELECT k.conversation_id, k.clock, k.risk_at, k.due_at, k.risk_fired_at, k.breached_at
           FROM sla_clocks k
          WHERE ${slaStepAheadSql(step)}
            AND ${slaMomentSql(step)} <= now() + make_interval(secs => $1)
          ORDER BY ${slaMomentSql(step)} LIMIT 1000`,
        [SLA_TIMER_LOOKAHEAD_SECONDS],
      );
      for (const row of ahead) {
        const moment = step === 'risk' ? row.risk_at : row.due_at;
        if (moment) soon.push(SlaTimerService.jobOf(row.conversation_id, row.clock, step, moment));
      }
    }
    const rescheduled = await restoreDueJobs(this.timers, soon);
    if (fired || rescheduled)
      this.logger.log(`Fired ${fired} SLA steps of conversations, rescheduled ${rescheduled}`);
    return { fired, rescheduled };
  }

  /**
   * A team's business hours or policies changed (`teams.sla_changed_at`): every open conversation
   * of the team is planned again under them, a chunk per transaction with the chunk's
   * conversations locked; then the team records which change it has applied. A change made
   * meanwhile leaves the team behind, for the next run or the sweep.
   */
  async replanTeam(teamId: string): Promise<number> {
    // As text: the database keeps microseconds, which a Date would round away.
    const [team]: { changed: string | null }[] = await this.db.query(
      `SELECT sla_changed_at::text AS changed FROM teams
        WHERE id = $1 AND sla_changed_at > COALESCE(sla_replanned_at, '-infinity')`,
      [teamId],
    );
    if (!team?.changed) return 0;
    let after = '00000000-0000-0000-0000-000000000000';
    let planned = 0;
    for (;;) {
      const ids = await this.events.transaction(async (m, batch) => {
        const rows: { id: string }[] = await m.query(
          `SELECT id FROM conversations WHERE team_id = $1 AND status <> 'resolved' AND id > $2
            ORDER BY id LIMIT ${REPLAN_CHUNK} FOR UPDATE`,
          [teamId, after],
        );
        await planSlaClocks(
          m,
          rows.map((r) => r.id),
          batch,
        );
        return rows.map((r) => r.id);
      });
      planned += ids.length;
      if (ids.length < REPLAN_CHUNK) break;
      after = ids[ids.length - 1] ?? after;
    }
    await this.db.query(
      `UPDATE teams SET sla_replanned_at = $2::timestamptz
        WHERE id = $1 AND COALESCE(sla_replanned_at, '-infinity') < $2::timestamptz`,
      [teamId, team.changed],
    );
    return planned;
  }

  /**
   * Brings these conversations' clocks in line with their facts, in chunks, each locked as every
   * writer locks them (a deleted team's conversations: their clocks stop). Idempotent.
   */
  async replanConversations(conversationIds: readonly string[]): Promise<number> {
    for (let i = 0; i < conversationIds.length; i += REPLAN_CHUNK) {
      const chunk = conversationIds.slice(i, i + REPLAN_CHUNK);
      await this.events.transaction(async (m, batch) => {
        const rows: { id: string }[] = await m.query(
          'SELECT id FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
          [chunk],
        );
        await planSlaClocks(
          m,
          rows.map((r) => r.id),
          batch,
        );
      });
    }
    return conversationIds.length;
  }

  /** Replans every team whose settings changed since its last replan (a lost job, a crash). */
  async replanChangedTeams(): Promise<number> {
    const teams: { id: string }[] = await this.db.query(
      `SELECT id FROM teams WHERE sla_changed_at > COALESCE(sla_replanned_at, '-infinity')`,
    );
    let planned = 0;
    for (const { id } of teams) planned += await this.replanTeam(id);
    return planned;
  }
}
