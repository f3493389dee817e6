import {
  ALWAYS_OPEN_CALENDAR,
  businessCalendarSchema,
  type BusinessCalendar,
  type ChannelKind,
  type ConversationPriority,
  type ConversationStatus,
  type SlaMetric,
  type SlaPolicyRule,
} from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import {
  nextClock,
  sameClock,
  SLA_CLOCKS,
  slaWindows,
  type SlaClock,
  type SlaClockName,
} from '../../sla/sla-clock';
import { addTimelineEvent } from './timeline';

interface FactsRow {
  id: string;
  status: ConversationStatus;
  team_id: string | null;
  priority: ConversationPriority;
  waiting_since: Date | null;
  first_response_at: Date | null;
  created_at: Date;
  reopened_at: Date | null;
  channel_kind: ChannelKind | null;
  business_hours: unknown;
  now: Date;
}

interface ClockRow {
  conversation_id: string;
  clock: SlaClockName;
  metric: SlaMetric;
  target_seconds: number;
  window_start: Date;
  counting_since: Date | null;
  used_seconds: number;
  risk_at: Date | null;
  due_at: Date | null;
  risk_fired_at: Date | null;
  breached_at: Date | null;
}

interface PolicyRow {
  team_id: string;
  channel_kind: ChannelKind | null;
  priority: ConversationPriority | null;
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
}

const toClock = (r: ClockRow): SlaClock => ({
  metric: r.metric,
  targetSeconds: r.target_seconds,
  windowStart: r.window_start,
  countingSince: r.counting_since,
  usedSeconds: r.used_seconds,
  riskAt: r.risk_at,
  dueAt: r.due_at,
  riskFiredAt: r.risk_fired_at,
  breachedAt: r.breached_at,
});

const toRule = (r: PolicyRow): SlaPolicyRule => ({
  channelKind: r.channel_kind,
  priority: r.priority,
  firstResponseSeconds: r.first_response_seconds,
  nextResponseSeconds: r.next_response_seconds,
  resolutionSeconds: r.resolution_seconds,
});

/**
 * A team's stored hours (`teams.business_hours`); none, or a value the schema would refuse (never
 * written so), is around the clock.
 */
export function calendarOf(stored: unknown): BusinessCalendar {
  if (stored === null || stored === undefined) return ALWAYS_OPEN_CALENDAR;
  const parsed = businessCalendarSchema.safeParse(stored);
  return parsed.success ? parsed.data : ALWAYS_OPEN_CALENDAR;
}

/** Whether a clock has a step still to come, so its timers must be scheduled. */
const hasStepAhead = (c: SlaClock) =>
  (c.riskAt !== null && c.riskFiredAt === null && c.breachedAt === null) ||
  (c.dueAt !== null && c.breachedAt === null);

/**
 * Brings the SLA clocks of these conversations in line with their facts (status, team, priority,
 * channel, the customer's wait, the first reply), inside the caller's transaction, after the
 * caller wrote those facts with the conversations locked. Idempotent: planning twice changes
 * nothing. Conversations whose team has no policy and that have no clock cost one statement.
 * Announces `sla.planned` for clocks with a step ahead, so their timers get scheduled.
 */
export async function planSlaClocks(
  m: EntityManager,
  conversationIds: readonly string[],
  batch: EventBatch,
): Promise<void> {
  if (!conversationIds.length) return;
  const facts: FactsRow[] = await m.query(
    `SELECT c.id, c.status, c.team_id, c.priority, c.waiting_since, c.first_response_at,
            c.created_at, c.reopened_at, ch.kind AS channel_kind, t.business_hours, now() AS now
       FROM conversations c
       LEFT JOIN channels ch ON ch.id = c.last_inbound_channel_id
       LEFT JOIN teams t ON t.id = c.team_id
      WHERE c.id = ANY($1::uuid[])
        AND (EXISTS (SELECT 1 FROM sla_policies p WHERE p.team_id = c.team_id)
             OR EXISTS (SELECT 1 FROM sla_clocks k WHERE k.conversation_id = c.id))`,
    [[...new Set(conversationIds)]],
  );
  if (!facts.length) return;
  const teamIds = [...new Set(facts.map((f) => f.team_id).filter((id): id is string => !!id))];
  const policyRows: PolicyRow[] = teamIds.length
    ? await m.query(
        `SELECT team_id, channel_kind, priority, first_response_seconds, next_response_seconds,
                resolution_seconds
           FROM sla_policies WHERE team_id = ANY($1::uuid[])`,
        [teamIds],
      )
    : [];
  const clockRows: ClockRow[] = await m.query(
    `SELECT conversation_id, clock, metric, target_seconds, window_start, counting_since,
            used_seconds, risk_at, due_at, risk_fired_at, breached_at
       FROM sla_clocks WHERE conversation_id = ANY($1::uuid[])`,
    [facts.map((f) => f.id)],
  );
  const stored = new Map(clockRows.map((r) => [`${r.conversation_id}/${r.clock}`, toClock(r)]));

  const upserts: { conversationId: string; clock: SlaClockName; state: SlaClock }[] = [];
  const stops: { conversationId: string; clock: SlaClockName }[] = [];
  const scheduled = new Set<string>();
  for (const f of facts) {
    const policies = policyRows.filter((p) => p.team_id === f.team_id).map(toRule);
    const windows = slaWindows(
      {
        status: f.status,
        channelKind: f.channel_kind,
        priority: f.priority,
        waitingSince: f.waiting_since,
        firstResponseAt: f.first_response_at,
        createdAt: f.created_at,
        reopenedAt: f.reopened_at,
      },
      policies,
    );
    const calendar = calendarOf(f.business_hours);
    for (const clock of SLA_CLOCKS) {
      const current = stored.get(`${f.id}/${clock}`) ?? null;
      const next = nextClock(current, windows[clock], calendar, f.now);
      if (sameClock(current, next)) continue;
      if (next === null) stops.push({ conversationId: f.id, clock });
      else {
        upserts.push({ conversationId: f.id, clock, state: next });
        if (hasStepAhead(next)) scheduled.add(f.id);
      }
    }
  }

  if (stops.length)
    await m.query(
      `DELETE FROM sla_clocks k USING unnest($1::uuid[], $2::varchar[]) AS s(conversation_id, clock)
        WHERE k.conversation_id = s.conversation_id AND k.clock = s.clock`,
      [stops.map((s) => s.conversationId), stops.map((s) => s.clock)],
    );
  if (upserts.length) {
    const col = <T>(f: (u: (typeof upserts)[number]) => T) => upserts.map(f);
    await m.query(
      `INSERT INTO sla_clocks (conversation_id, clock, metric, target_seconds, window_start,
         counting_since, used_seconds, risk_at, due_at, risk_fired_at, breached_at)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::int[], $5::timestamptz[],
         $6::timestamptz[], $7::float8[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[],
         $11::timestamptz[])
       ON CONFLICT (conversation_id, clock) DO UPDATE SET metric = EXCLUDED.metric,
         target_seconds = EXCLUDED.target_seconds, window_start = EXCLUDED.window_start,
         counting_since = EXCLUDED.counting_since, used_seconds = EXCLUDED.used_seconds,
         risk_at = EXCLUDED.risk_at, due_at = EXCLUDED.due_at,
         risk_fired_at = EXCLUDED.risk_fired_at, breached_at = EXCLUDED.breached_at,
         updated_at = now()`,
      [
        col((u) => u.conversationId),
        col((u) => u.clock),
        col((u) => u.state.metric),
        col((u) => u.state.targetSeconds),
        col((u) => u.state.windowStart),
        col((u) => u.state.countingSince),
        col((u) => u.state.usedSeconds),
        col((u) => u.state.riskAt),
        col((u) => u.state.dueAt),
        col((u) => u.state.riskFiredAt),
        col((u) => u.state.breachedAt),
      ],
    );
  }
  const changed = [...new Set([...stops, ...upserts].map((c) => c.conversationId))];
  await copyMostUrgent(m, changed);
  for (const conversationId of scheduled) batch.add('sla.planned', { conversationId });
}

/**
 * The conversation row carries a copy of its most urgent clock (a breach first, then the nearest
 * deadline), so lists and live updates show it without reading the clocks.
 */
async function copyMostUrgent(m: EntityManager, conversationIds: string[]): Promise<void> {
  if (!conversationIds.length) return;
  await m.query(
    `UPDATE conversations c
        SET (sla_metric, sla_risk_at, sla_due_at, sla_breached_at) = (
          SELECT k.metric, k.risk_at, k.due_at, k.breached_at FROM sla_clocks k
           WHERE k.conversation_id = c.id
           ORDER BY (k.breached_at IS NOT NULL) DESC, k.due_at ASC NULLS LAST LIMIT 1)
      WHERE c.id = ANY($1::uuid[])`,
    [conversationIds],
  );
}

/** `risk`: AT_RISK_SHARE of the target is used up; `breach`: all of it. */
export type SlaStep = 'risk' | 'breach';

export interface SlaStepFired {
  conversationId: string;
  teamId: string | null;
  ownerId: string | null;
  subject: string | null;
  metric: SlaMetric;
}

/** SQL for a clock row `k`: the step may still fire. */
function pendingSql(step: SlaStep): string {
  return step === 'risk'
    ? 'k.risk_fired_at IS NULL AND k.breached_at IS NULL AND k.risk_at IS NOT NULL AND k.due_at > now()'
    : 'k.breached_at IS NULL AND k.due_at IS NOT NULL';
}

/** SQL for a clock row `k`: the moment of the step. */
export function slaMomentSql(step: SlaStep): string {
  return step === 'risk' ? 'k.risk_at' : 'k.due_at';
}

/** SQL for a clock row `k`: the step is due and has not fired (for sweeps). */
export function slaStepDueSql(step: SlaStep): string {
  return `${pendingSql(step)} AND ${slaMomentSql(step)} <= now()`;
}

/** SQL for a clock row `k`: the step is still ahead (for sweeps that put back lost timers). */
export function slaStepAheadSql(step: SlaStep): string {
  return `${pendingSql(step)} AND ${slaMomentSql(step)} > now()`;
}

/**
 * A clock reached a step: recorded once on the clock and on the timeline, inside the caller's
 * transaction. 'early': the database's clock has not reached the moment; 'stale': nothing to do
 * (fired already, answered, paused, or moved). The conversation is locked first, as every writer
 * does before touching its clocks.
 */
export async function fireSlaStep(
  m: EntityManager,
  conversationId: string,
  clock: SlaClockName,
  step: SlaStep,
  batch: EventBatch,
): Promise<SlaStepFired | 'early' | 'stale'> {
  const [c]: { team_id: string | null; owner_id: string | null; subject: string | null }[] =
    await m.query('SELECT team_id, owner_id, subject FROM conversations WHERE id = $1 FOR UPDATE', [
      conversationId,
    ]);
  if (!c) return 'stale';
  // Without a team no target applies: its team was deleted and the replan that stops the clocks
  // has not run (a lost job). Planning now stops them instead of firing.
  if (!c.team_id) await planSlaClocks(m, [conversationId], batch);
  const [rows]: [{ metric: SlaMetric; due_at: Date; target_seconds: number }[], number] =
    await m.query(
      `UPDATE sla_clocks k SET ${step === 'risk' ? 'risk_fired_at' : 'breached_at'} = now(),
              updated_at = now()
        WHERE k.conversation_id = $1 AND k.clock = $2 AND ${slaStepDueSql(step)}
        RETURNING k.metric, k.due_at, k.target_seconds`,
      [conversationId, clock],
    );
  const fired = rows[0];
  if (!fired) {
    const [ahead]: unknown[] = await m.query(
      `SELECT 1 FROM sla_clocks k WHERE k.conversation_id = $1 AND k.clock = $2
          AND ${slaStepAheadSql(step)}`,
      [conversationId, clock],
    );
    return ahead ? 'early' : 'stale';
  }
  if (step === 'breach') await copyMostUrgent(m, [conversationId]);
  await addTimelineEvent(
    m,
    conversationId,
    step === 'risk' ? 'sla.at_risk' : 'sla.breached',
    null,
    {
      metric: fired.metric,
      dueAt: fired.due_at.toISOString(),
      targetSeconds: fired.target_seconds,
    },
  );
  batch.add('conversation.updated', { conversationId });
  if (c.team_id) batch.add('queue.changed', { teamId: c.team_id });
  return {
    conversationId,
    teamId: c.team_id,
    ownerId: c.owner_id,
    subject: c.subject,
    metric: fired.metric,
  };
}
