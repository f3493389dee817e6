import {
  AT_RISK_SHARE,
  type BusinessCalendar,
  type ChannelKind,
  type ConversationPriority,
} from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import { calendarOf } from '../conversations/conversation-writer';
import { addBusinessSeconds } from '../sla/business-time';
import { consultTargetsFor, type ConsultTargets } from '../sla/consult-targets';
import type { SlaPhase } from './handoff-sla.service';

/** Targets of a handoff that names no team and whose conversation has none either. */
const WITHOUT_TEAM: ConsultTargets = { acceptSeconds: 900, answerSeconds: 7200 };

interface TeamRow {
  consult_accept_seconds: number;
  consult_answer_seconds: number;
  business_hours: unknown;
  channel_kind: ChannelKind | null;
  priority: ConversationPriority | null;
}

interface PolicyRow {
  channel_kind: ChannelKind | null;
  priority: ConversationPriority | null;
  consult_accept_seconds: number | null;
  consult_answer_seconds: number | null;
}

/** The moments of a phase: its reminder at half the target, at risk, and its deadline. */
export interface HandoffMoments {
  remindAt: Date;
  riskAt: Date;
  dueAt: Date;
}

function momentsOf(calendar: BusinessCalendar, from: Date, target: number): HandoffMoments {
  return {
    remindAt: addBusinessSeconds(calendar, from, target / 2),
    riskAt: addBusinessSeconds(calendar, from, target * AT_RISK_SHARE),
    dueAt: addBusinessSeconds(calendar, from, target),
  };
}

/**
 * When a handoff must be accepted (`accept`, counted from its request) or a consult answered
 * (`answer`, counted from its acceptance): the target of the team that must act (see
 * `consultTargetsFor`: its SLA policy for the conversation's channel kind and priority, else the
 * team's own), counted from `from` in that team's business time, as the conversation's clocks
 * count (a team without hours counts around the clock), with the reminder and at-risk moments in
 * the same business time. `teamId` null (a handoff to a person
 * from a conversation without a team): the built-in targets, around the clock.
 */
export async function handoffMoments(
  m: EntityManager,
  phase: SlaPhase,
  teamId: string | null,
  conversationId: string,
  from: Date,
): Promise<HandoffMoments> {
  const team: TeamRow | undefined = teamId
    ? (
        await m.query(
          `SELECT t.consult_accept_seconds, t.consult_answer_seconds, t.business_hours,
                  ch.kind AS channel_kind, c.priority
             FROM teams t
             LEFT JOIN conversations c ON c.id = $2
             LEFT JOIN channels ch ON ch.id = c.last_inbound_channel_id
            WHERE t.id = $1`,
          [teamId, conversationId],
        )
      )[0]
    : undefined;
  if (!team) return momentsOf(calendarOf(null), from, seconds(WITHOUT_TEAM, phase));
  const policies: PolicyRow[] = await m.query(
    `SELECT channel_kind, priority, consult_accept_seconds, consult_answer_seconds
       FROM sla_policies
      WHERE team_id = $1 AND (consult_accept_seconds IS NOT NULL OR consult_answer_seconds IS NOT NULL)`,
    [teamId],
  );
  const targets = consultTargetsFor(
    policies.map((p) => ({
      channelKind: p.channel_kind,
      priority: p.priority,
      consultAcceptSeconds: p.consult_accept_seconds,
      consultAnswerSeconds: p.consult_answer_seconds,
    })),
    { channelKind: team.channel_kind, priority: team.priority },
    { acceptSeconds: team.consult_accept_seconds, answerSeconds: team.consult_answer_seconds },
  );
  return momentsOf(calendarOf(team.business_hours), from, seconds(targets, phase));
}

const seconds = (targets: ConsultTargets, phase: SlaPhase) =>
  phase === 'accept' ? targets.acceptSeconds : targets.answerSeconds;
