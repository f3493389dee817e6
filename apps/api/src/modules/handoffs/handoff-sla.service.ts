import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { dueJob, restoreDueJobs, scheduleDueJob, type DueJob } from '../../core/queue/due-job';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { addTimelineEvent } from '../conversations/conversation-writer';
import { NotificationsService } from '../notifications/notifications.service';
import { Team } from '../users/team.entity';
import { Handoff } from './handoff.entity';

/** `accept`: someone must take a requested handoff; `answer`: the specialist owes the owner an answer. */
export type SlaPhase = 'accept' | 'answer';
export type SlaStep = 'remind' | 'escalate';

export interface HandoffTimerData {
  handoffId: string;
  /** Jobs scheduled before the answer SLA existed carry no phase: they are acceptance timers. */
  phase?: SlaPhase;
}

/** 'early': the database's clock has not reached the moment yet; 'stale': nothing (more) to do. */
export type SlaOutcome = 'fired' | 'early' | 'stale';

/** Lost delayed jobs of timers due this soon are put back by the sweep, so they fire on time. */
export const SLA_SWEEP_LOOKAHEAD_SECONDS = 600;

/**
 * The columns of one phase. The window runs from `start` to `due`; the reminder comes at `remind`,
 * half the target in business time (while the deadline is still ahead; the middle of the window
 * for handoffs from before it was kept), the escalation at its end. `*_at` columns record that a
 * step fired, so it fires once, whoever carries it out (its delayed job or the sweep).
 */
const PHASES = {
  accept: {
    status: 'requested',
    start: 'created_at',
    due: 'accept_due_at',
    remind: 'accept_remind_at',
    reminded: 'accept_reminded_at',
    escalated: 'accept_escalated_at',
  },
  answer: {
    status: 'accepted',
    start: 'accepted_at',
    due: 'answer_due_at',
    remind: 'answer_remind_at',
    reminded: 'answer_reminded_at',
    escalated: 'answer_escalated_at',
  },
} as const;

/** SQL: the moment a step of a phase comes due, for a handoff row aliased `h`. */
function momentSql(phase: SlaPhase, step: SlaStep): string {
  const p = PHASES[phase];
  return step === 'escalate'
    ? `h.${p.due}`
    : `COALESCE(h.${p.remind}, h.${p.start} + (h.${p.due} - h.${p.start}) / 2)`;
}

/** SQL: the step may still fire (the handoff is in the phase and the step has not fired). */
function pendingSql(phase: SlaPhase, step: SlaStep): string {
  const p = PHASES[phase];
  const fired = step === 'remind' ? p.reminded : p.escalated;
  return `h.status = '${p.status}' AND h.${p.due} IS NOT NULL AND h.${fired} IS NULL${
    // A reminder after the deadline would only repeat the escalation.
    step === 'remind' ? ` AND h.${p.due} > now()` : ''
  }`;
}

const STEPS: { phase: SlaPhase; step: SlaStep }[] = [
  { phase: 'accept', step: 'escalate' },
  { phase: 'answer', step: 'escalate' },
  { phase: 'accept', step: 'remind' },
  { phase: 'answer', step: 'remind' },
];

const JOB_OF_STEP = { remind: JOBS.remindHandoff, escalate: JOBS.escalateHandoff } as const;

/** The moment of a step in epoch ms, the same whether scheduled at once or put back by the sweep. */
function momentOf(step: SlaStep, start: Date, due: Date, remind: Date | null): number {
  if (step === 'escalate') return due.getTime();
  return remind ? remind.getTime() : Math.ceil((start.getTime() + due.getTime()) / 2);
}

/**
 * The two deadlines of a handoff: it must be accepted within the team's accept SLA and, for a
 * consult, answered within its answer SLA. Each phase reminds at half time and escalates at its
 * end: a delayed job per step (job id = handoff, phase, step and moment), and a sweep that fires
 * what Redis lost, from PostgreSQL, which records every step that fired.
 */
@Injectable()
export class HandoffSla implements OnModuleInit {
  private readonly logger = new Logger('HandoffSla');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.timers) private readonly timers: Queue,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Every request gets its acceptance timers when announced, whoever opened it (the owner, or the
   * intake pulling in a team whose channel the customer wrote to, inside its own transaction);
   * a replayed announcement schedules the same job again, which is one job.
   */
  onModuleInit(): void {
    this.events.on('handoff.created', async ({ handoffId }) => {
      const h = await this.db.getRepository(Handoff).findOne({ where: { id: handoffId } });
      if (h?.status === 'requested') await this.schedule(h, 'accept');
    });
  }

  private static jobOf(
    handoffId: string,
    phase: SlaPhase,
    step: SlaStep,
    at: number,
  ): DueJob<HandoffTimerData> {
    return dueJob(JOB_OF_STEP[step], `${handoffId}.${phase}-${step}`, at, { handoffId, phase });
  }

  /** Schedules the reminder and the escalation of the phase a handoff has just entered. */
  async schedule(h: Handoff, phase: SlaPhase): Promise<void> {
    const start = phase === 'accept' ? h.createdAt : h.acceptedAt;
    const due = phase === 'accept' ? h.acceptDueAt : h.answerDueAt;
    const remind = phase === 'accept' ? h.acceptRemindAt : h.answerRemindAt;
    if (!start || !due) return;
    await Promise.all(
      (['remind', 'escalate'] as const).map((step) =>
        scheduleDueJob(
          this.timers,
          HandoffSla.jobOf(h.id, phase, step, momentOf(step, start, due, remind)),
          this.logger,
        ),
      ),
    );
  }

  /** Carries out one step, once. Idempotent under concurrent workers. */
  fire(handoffId: string, phase: SlaPhase, step: SlaStep): Promise<SlaOutcome> {
    return step === 'remind' ? this.remind(handoffId, phase) : this.escalate(handoffId, phase);
  }

  /**
   * Half time: the handoff is announced again to whoever must act (the team or person asked, or
   * the specialist who owes the answer), if it still waits for them.
   */
  async remind(handoffId: string, phase: SlaPhase = 'accept'): Promise<SlaOutcome> {
    const p = PHASES[phase];
    return this.events.transaction(async (m, batch): Promise<SlaOutcome> => {
      const [rows]: [{ conversation_id: string }[], number] = await m.query(
        `UPDATE handoffs h SET ${p.reminded} = now()
         WHERE h.id = $1 AND ${pendingSql(phase, 'remind')} AND ${momentSql(phase, 'remind')} <= now()
         RETURNING h.conversation_id`,
        [handoffId],
      );
      if (!rows.length) return this.notFired(m, handoffId, phase, 'remind');
      batch.add('handoff.updated', { conversationId: rows[0].conversation_id, handoffId });
      return 'fired';
    });
  }

  /**
   * Deadline passed: the handoff is marked breached, supervisors are told, and the timeline says so.
   * Not accepted in time, it widens to the team's fallback team if there is one; not answered in
   * time, the specialist is told as well.
   */
  async escalate(handoffId: string, phase: SlaPhase = 'accept'): Promise<SlaOutcome> {
    const p = PHASES[phase];
    const outcome = await this.events.transaction(async (m, batch): Promise<SlaOutcome> => {
      // The row lock makes a concurrent escalation wait, then find it fired.
      const [rows]: [
        {
          conversation_id: string;
          kind: Handoff['kind'];
          note: string;
          team_id: string | null;
          assignee_id: string | null;
        }[],
        number,
      ] = await m.query(
        `UPDATE handoffs h SET ${p.escalated} = now(), breached = true, updated_at = now()
         WHERE h.id = $1 AND ${pendingSql(phase, 'escalate')} AND ${momentSql(phase, 'escalate')} <= now()
         RETURNING h.conversation_id, h.kind, h.note, h.team_id, h.assignee_id`,
        [handoffId],
      );
      const h = rows[0];
      if (!h) return this.notFired(m, handoffId, phase, 'escalate');
      const conversationId = h.conversation_id;
      const fallback = phase === 'accept' ? await this.fallbackTeam(m, h.team_id) : null;
      if (fallback)
        await m.query('UPDATE handoffs SET team_id = $2 WHERE id = $1', [handoffId, fallback.id]);
      const assignee =
        phase === 'answer' && h.assignee_id
          ? ((await m.query('SELECT id, name FROM users WHERE id = $1', [h.assignee_id]))[0] as
              { id: string; name: string } | undefined)
          : undefined;
      await addTimelineEvent(m, conversationId, 'handoff.escalated', null, {
        handoffId,
        kind: h.kind,
        phase,
        team: fallback ? { id: fallback.id, name: fallback.name } : null,
        ...(assignee && { user: { id: assignee.id, name: assignee.name } }),
      });
      await this.notifications.notify(
        m,
        [
          ...(await this.notifications.overseerIds(m)),
          ...(fallback ? await this.notifications.teamMemberIds(m, fallback.id) : []),
          ...(assignee ? [assignee.id] : []),
        ],
        { kind: 'handoff.escalated', conversationId, handoffId, text: h.note },
        batch,
      );
      batch.add('handoff.updated', { conversationId, handoffId });
      return 'fired';
    });
    return outcome;
  }

  private async fallbackTeam(m: EntityManager, teamId: string | null): Promise<Team | null> {
    if (!teamId) return null;
    const team = await m.getRepository(Team).findOne({ where: { id: teamId } });
    return team?.fallbackTeamId
      ? m.getRepository(Team).findOne({ where: { id: team.fallbackTeamId } })
      : null;
  }

  /** Why a step did not fire: its moment is still ahead ('early'), or it is no longer due ('stale'). */
  private async notFired(
    m: EntityManager,
    handoffId: string,
    phase: SlaPhase,
    step: SlaStep,
  ): Promise<SlaOutcome> {
    const [row]: unknown[] = await m.query(
      `SELECT 1 FROM handoffs h WHERE h.id = $1 AND ${pendingSql(phase, step)}
         AND ${momentSql(phase, step)} > now()`,
      [handoffId],
    );
    return row ? 'early' : 'stale';
  }

  /**
   * Fires the steps that are due without having fired (their job was lost with Redis, or failed),
   * escalations first, and puts back the lost jobs of steps due soon.
   */
  async sweep(): Promise<{ fired: number; rescheduled: number }> {
    let fired = 0;
    const soon: DueJob<HandoffTimerData>[] = [];
    for (const { phase, step } of STEPS) {
      const due: { id: string }[] = await this.db.query(
        `SELECT h.id FROM handoffs h WHERE ${pendingSql(phase, step)} AND ${momentSql(phase, step)} <= now()
         ORDER BY ${momentSql(phase, step)} LIMIT 500`,
      );
      for (const { id } of due) if ((await this.fire(id, phase, step)) === 'fired') fired++;
      const ahead: { id: string; start: Date; due: Date; remind: Date | null }[] =
        await this.db.query(
          `SELECT h.id, h.${PHASES[phase].start} AS start, h.${PHASES[phase].due} AS due,
                h.${PHASES[phase].remind} AS remind
         FROM handoffs h
         WHERE ${pendingSql(phase, step)} AND ${momentSql(phase, step)} > now()
           AND ${momentSql(phase, step)} <= now() + make_interval(secs => $1)
         ORDER BY ${momentSql(phase, step)} LIMIT 1000`,
          [SLA_SWEEP_LOOKAHEAD_SECONDS],
        );
      for (const row of ahead)
        soon.push(
          HandoffSla.jobOf(row.id, phase, step, momentOf(step, row.start, row.due, row.remind)),
        );
    }
    const rescheduled = await restoreDueJobs(this.timers, soon);
    if (fired || rescheduled)
      this.logger.log(`Fired ${fired} handoff SLA steps, rescheduled ${rescheduled}`);
    return { fired, rescheduled };
  }
}
