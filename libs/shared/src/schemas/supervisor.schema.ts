import type { ChannelKind, ConversationPriority } from '../constants/channels';
import type { Role } from '../constants/roles';
import type { PresenceStatus } from '../realtime/events';
import type { UserRefDto } from './conversation.schema';
import type { HandoffKind } from './handoff.schema';
import type { SlaMetric } from './sla.schema';

/** Share of an SLA window (a conversation's target, a consult's step) after which it is at risk. */
export const AT_RISK_SHARE = 0.8;

/** How a consult stands against its window: accept by `acceptDueAt`, answer by `answerDueAt`. */
export type BoardRisk = 'ok' | 'at_risk' | 'breached';

export interface BoardTeamRefDto {
  id: string;
  name: string;
}

/** A conversation waiting in a team's queue, oldest wait first. */
export interface BoardWaitingDto {
  id: string;
  contactName: string;
  subject: string | null;
  channelKind: ChannelKind | null;
  priority: ConversationPriority;
  /** Since the customer waits for an answer; null when they were answered and it lost its owner. */
  waitingSince: string | null;
  createdAt: string;
  /** Its most urgent running SLA target, if any. */
  sla: BoardSlaDto | null;
}

/** How a conversation stands against its most urgent SLA target. */
export interface BoardSlaDto {
  metric: SlaMetric;
  /** Null while the clock stands still (pending, snoozed) after it breached. */
  dueAt: string | null;
  risk: BoardRisk;
}

/** An open conversation at risk of or in breach of an SLA target, owned or not. */
export interface BoardSlaConversationDto {
  id: string;
  contactName: string;
  subject: string | null;
  team: BoardTeamRefDto | null;
  owner: UserRefDto | null;
  sla: BoardSlaDto;
}

/** A consult or transfer still open: waiting for acceptance, or accepted and not yet answered. */
export interface BoardHandoffDto {
  id: string;
  conversationId: string;
  contactName: string;
  kind: HandoffKind;
  status: 'requested' | 'accepted';
  /** The team of the conversation that asked; null when it has none. */
  fromTeam: BoardTeamRefDto | null;
  /** The team asked; null when a person was asked. */
  toTeam: BoardTeamRefDto | null;
  /** The person asked, or the one who accepted: who holds it. */
  assignee: UserRefDto | null;
  requestedBy: UserRefDto;
  createdAt: string;
  acceptedAt: string | null;
  /** The due time of its current step (accept while requested, answer once accepted). */
  dueAt: string | null;
  risk: BoardRisk;
  lastNudgedAt: string | null;
}

export interface BoardTeamDto {
  /** Null for the conversations that have no team (listed only while any of them waits). */
  id: string | null;
  name: string;
  /** Open conversations of the team without an owner. */
  unassigned: number;
  /** The longest a customer in the unassigned queue has waited for an answer. */
  oldestWaitingSince: string | null;
  /** The oldest unassigned conversations (at most BOARD_WAITING_LIMIT). */
  waiting: BoardWaitingDto[];
  /** Open conversations of the team with an owner. */
  owned: number;
  /** Open conversations of the team past AT_RISK_SHARE of an SLA target, not yet in breach. */
  slaAtRisk: number;
  /** Open conversations of the team in breach of an SLA target. */
  slaBreached: number;
  /** Consults and transfers asked of the team, not yet accepted (those asked of a person are listed, not counted here). */
  handoffsWaiting: number;
  /** Accepted by the team and not yet answered. */
  handoffsUnanswered: number;
  handoffsAtRisk: number;
  handoffsBreached: number;
  members: { online: number; away: number; offline: number };
}

/** Open consults between two teams: who waits on whom, and for how long. */
export interface BoardFlowDto {
  fromTeam: BoardTeamRefDto | null;
  toTeam: BoardTeamRefDto;
  waiting: number;
  oldestWaitingSince: string | null;
  unanswered: number;
  oldestAcceptedAt: string | null;
  breached: number;
}

export interface BoardAgentDto {
  id: string;
  name: string;
  role: Role;
  teamIds: string[];
  presence: PresenceStatus;
  /** Open conversations they own. */
  open: number;
  /** The most open conversations automatic assignment gives them: their own, else their teams' largest. */
  capacity: number | null;
  /** Consults and transfers they hold (asked of them, or accepted by them). */
  handoffs: number;
}

/** `GET /api/supervisor/queues`: the live board, as of `at`. */
export interface SupervisorBoardDto {
  at: string;
  teams: BoardTeamDto[];
  flow: BoardFlowDto[];
  /** Conversations at risk or in breach, most urgent first (at most BOARD_SLA_LIMIT). */
  sla: BoardSlaConversationDto[];
  handoffs: BoardHandoffDto[];
  agents: BoardAgentDto[];
}

export const BOARD_WAITING_LIMIT = 10;
export const BOARD_SLA_LIMIT = 50;
/** Open handoffs listed on the board, most urgent first. */
export const BOARD_HANDOFF_LIMIT = 200;
/** A supervisor may nudge the holder of a consult once in this many seconds. */
export const NUDGE_INTERVAL_SECONDS = 300;
