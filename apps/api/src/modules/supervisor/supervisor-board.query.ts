import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BOARD_HANDOFF_LIMIT,
  BOARD_SLA_LIMIT,
  BOARD_WAITING_LIMIT,
  type BoardAgentDto,
  type BoardFlowDto,
  type BoardHandoffDto,
  type BoardSlaConversationDto,
  type BoardSlaDto,
  type BoardTeamDto,
  type BoardTeamRefDto,
  type ChannelKind,
  type ConversationPriority,
  type HandoffKind,
  type PresenceStatus,
  type Role,
  type SlaMetric,
  type SupervisorBoardDto,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { sharedFreshRead } from '../../core/concurrency/shared-fresh-read';
import { PresenceService } from '../../core/realtime/presence.service';
import { byUrgency, handoffRisk } from './board-risk';

interface TeamRow {
  id: string | null;
  name: string | null;
  unassigned: number;
  oldest_waiting_since: Date | null;
  owned: number;
}

interface WaitingRow {
  team_id: string | null;
  id: string;
  subject: string | null;
  priority: ConversationPriority;
  waiting_since: Date | null;
  created_at: Date;
  channel_kind: ChannelKind | null;
  contact_name: string;
  sla_metric: SlaMetric | null;
  sla_risk_at: Date | null;
  sla_due_at: Date | null;
  sla_breached: boolean | null;
}

/** The most urgent clock of a conversation: a breach first, then the nearest deadline. */
interface SlaClockRow {
  sla_metric: SlaMetric | null;
  sla_risk_at: Date | null;
  sla_due_at: Date | null;
  sla_breached: boolean | null;
}

interface SlaConversationRow extends SlaClockRow {
  id: string;
  subject: string | null;
  team_id: string | null;
  team_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  contact_name: string;
}

interface SlaCountRow {
  team_id: string | null;
  at_risk: number;
  breached: number;
}

interface HandoffRow {
  id: string;
  conversation_id: string;
  kind: HandoffKind;
  status: 'requested' | 'accepted';
  to_team_id: string | null;
  to_team_name: string | null;
  from_team_id: string | null;
  from_team_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  requested_by_id: string;
  requested_by_name: string;
  created_at: Date;
  accepted_at: Date | null;
  accept_due_at: Date | null;
  answer_due_at: Date | null;
  accept_risk_at: Date | null;
  answer_risk_at: Date | null;
  breached: boolean;
  last_nudged_at: Date | null;
  contact_name: string;
  now: Date;
}

interface AgentRow {
  id: string;
  name: string;
  role: Role;
  team_ids: string[];
  open: number;
  capacity: number | null;
}

/** Clocks a conversation can have: response and resolution (one row each at most). */
const CLOCKS_PER_CONVERSATION = 2;

/** SQL: a clock row `s` is in breach (it ran out, whether or not its timer fired yet). */
const BREACHED = `(s.breached_at IS NOT NULL OR s.due_at <= now())`;

/** The longest-waiting unowned conversations matching `team` (the queue's partial index), each with
 * the copy of its most urgent clock the conversation writer keeps on the row. */
const waitingOf = (team: string) => `
  SELECT c.id, c.subject, c.priority, c.waiting_since, c.created_at, ch.kind AS channel_kind,
         COALESCE(NULLIF(btrim(k.name), ''), k.email, k.phone, '') AS contact_name,
         c.sla_metric, c.sla_risk_at, c.sla_due_at,
         (c.sla_breached_at IS NOT NULL OR c.sla_due_at <= now()) AS sla_breached
    FROM conversations c
    JOIN contacts k ON k.id = c.contact_id
    LEFT JOIN channels ch ON ch.id = c.last_inbound_channel_id
   WHERE ${team} AND c.owner_id IS NULL AND c.status <> 'resolved'
   ORDER BY c.waiting_since ASC NULLS LAST, c.created_at ASC
   LIMIT ${BOARD_WAITING_LIMIT}`;

/** A contact known only by an address is shown by it, as in the inbox. */
const CONTACT_NAME = `COALESCE(NULLIF(btrim(k.name), ''), k.email, k.phone, '')`;
const iso = (d: Date | null) => d?.toISOString() ?? null;
const ms = (d: Date | null) => d?.getTime() ?? null;
const ref = (id: string | null, name: string | null): BoardTeamRefDto | null =>
  id ? { id, name: name ?? '' } : null;

/** How a conversation's most urgent clock stands at `now`; null without a clock. */
export function slaOf(row: SlaClockRow, now: number): BoardSlaDto | null {
  if (!row.sla_metric) return null;
  const risk = row.sla_breached
    ? 'breached'
    : row.sla_risk_at && row.sla_risk_at.getTime() <= now
      ? 'at_risk'
      : 'ok';
  return { metric: row.sla_metric, dueAt: iso(row.sla_due_at), risk };
}

/**
 * The supervisors' live board, read in seven statements through partial indexes on open work and
 * the small clock table, so it stays fast however much resolved history there is. Conversations
 * without a team appear as a team row with a null id when any of them waits.
 */
@Injectable()
export class SupervisorBoardQuery {
  /**
   * The board is the same for every supervisor: those who ask while it is being read share the
   * next read (started after they asked, so nothing they were told of is missing), and a room of
   * supervisors refetching on the same change costs one read, not one each.
   */
  readonly board: () => Promise<SupervisorBoardDto> = sharedFreshRead(() => this.read());

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly presence: PresenceService,
  ) {}

  private async read(): Promise<SupervisorBoardDto> {
    const [teams, waiting, handoffs, agents, slaCounts, slaRows] = await Promise.all([
      this.teams(),
      this.waiting(),
      this.handoffs(),
      this.agents(),
      this.slaCounts(),
      this.slaConversations(),
    ]);
    const presence = await this.presence.statusAmong(agents.map((a) => a.id));
    const presenceOf = (id: string): PresenceStatus => presence.get(id) ?? 'offline';
    const now = handoffs[0]?.now.getTime() ?? Date.now();

    const open = handoffs
      .map((h) => {
        const clock = {
          status: h.status,
          createdAt: h.created_at.getTime(),
          acceptedAt: ms(h.accepted_at),
          acceptDueAt: ms(h.accept_due_at),
          answerDueAt: ms(h.answer_due_at),
          acceptRiskAt: ms(h.accept_risk_at),
          answerRiskAt: ms(h.answer_risk_at),
          breached: h.breached,
        };
        return { row: h, ...clock, risk: handoffRisk(clock, now) };
      })
      .sort(byUrgency);

    const teamDtos: BoardTeamDto[] = teams.map((t) => {
      const asked = open.filter((h) => t.id !== null && h.row.to_team_id === t.id);
      const members = agents.filter((a) => t.id !== null && a.team_ids.includes(t.id));
      const count = (s: PresenceStatus) => members.filter((a) => presenceOf(a.id) === s).length;
      const sla = slaCounts.find((c) => c.team_id === t.id);
      return {
        id: t.id,
        name: t.name ?? '',
        unassigned: t.unassigned,
        oldestWaitingSince: iso(t.oldest_waiting_since),
        waiting: waiting
          .filter((w) => w.team_id === t.id)
          .map((w) => ({
            id: w.id,
            contactName: w.contact_name,
            subject: w.subject,
            channelKind: w.channel_kind,
            priority: w.priority,
            waitingSince: iso(w.waiting_since),
            createdAt: w.created_at.toISOString(),
            sla: slaOf(w, now),
          })),
        owned: t.owned,
        slaAtRisk: sla?.at_risk ?? 0,
        slaBreached: sla?.breached ?? 0,
        handoffsWaiting: asked.filter((h) => h.status === 'requested').length,
        handoffsUnanswered: asked.filter((h) => h.status === 'accepted').length,
        handoffsAtRisk: asked.filter((h) => h.risk === 'at_risk').length,
        handoffsBreached: asked.filter((h) => h.risk === 'breached').length,
        members: { online: count('online'), away: count('away'), offline: count('offline') },
      };
    });

    return {
      at: new Date(now).toISOString(),
      teams: teamDtos,
      flow: flowOf(open.map((h) => ({ ...h.row, risk: h.risk }))),
      sla: slaRows.flatMap((r): BoardSlaConversationDto[] => {
        const sla = slaOf(r, now);
        return sla
          ? [
              {
                id: r.id,
                contactName: r.contact_name,
                subject: r.subject,
                team: ref(r.team_id, r.team_name),
                owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
                sla,
              },
            ]
          : [];
      }),
      handoffs: open.slice(0, BOARD_HANDOFF_LIMIT).map(({ row: h, risk }) => ({
        id: h.id,
        conversationId: h.conversation_id,
        contactName: h.contact_name,
        kind: h.kind,
        status: h.status,
        fromTeam: ref(h.from_team_id, h.from_team_name),
        toTeam: ref(h.to_team_id, h.to_team_name),
        assignee: h.assignee_id ? { id: h.assignee_id, name: h.assignee_name ?? '' } : null,
        requestedBy: { id: h.requested_by_id, name: h.requested_by_name },
        createdAt: h.created_at.toISOString(),
        acceptedAt: iso(h.accepted_at),
        dueAt: iso(h.status === 'requested' ? h.accept_due_at : h.answer_due_at),
        risk,
        lastNudgedAt: iso(h.last_nudged_at),
      })),
      agents: agents.map((a): BoardAgentDto => ({
        id: a.id,
        name: a.name,
        role: a.role,
        teamIds: a.team_ids,
        presence: presenceOf(a.id),
        open: a.open,
        capacity: a.capacity,
        handoffs: open.filter((h) => h.row.assignee_id === a.id).length,
      })),
    };
  }

  /** Every team, and the conversations without a team when any of them is open and unowned. */
  private teams(): Promise<TeamRow[]> {
    return this.db.query(
      `WITH open AS (
         SELECT c.team_id, count(*) FILTER (WHERE c.owner_id IS NULL)::int AS unassigned,
                count(*) FILTER (WHERE c.owner_id IS NOT NULL)::int AS owned,
                min(c.waiting_since) FILTER (WHERE c.owner_id IS NULL) AS oldest_waiting_since
           FROM conversations c WHERE c.status <> 'resolved' GROUP BY c.team_id)
       SELECT t.id, t.name, COALESCE(o.unassigned, 0) AS unassigned, COALESCE(o.owned, 0) AS owned,
              o.oldest_waiting_since
         FROM teams t LEFT JOIN open o ON o.team_id = t.id
       UNION ALL
       SELECT NULL, NULL, o.unassigned, o.owned, o.oldest_waiting_since
         FROM open o WHERE o.team_id IS NULL AND o.unassigned > 0
       ORDER BY 2 NULLS LAST`,
    );
  }

  /**
   * Open conversations at risk or in breach per team, each counted once by its most urgent clock.
   * Clocks exist only for open conversations with a target, so this reads a small table; saying so
   * in the join lets their teams come from the index of open conversations, not from all of them.
   */
  private slaCounts(): Promise<SlaCountRow[]> {
    return this.db.query(
      `WITH worst AS (
         SELECT s.conversation_id, bool_or(${BREACHED}) AS breached
           FROM sla_clocks s WHERE s.breached_at IS NOT NULL OR s.risk_at <= now()
          GROUP BY s.conversation_id)
       SELECT c.team_id, count(*) FILTER (WHERE w.breached)::int AS breached,
              count(*) FILTER (WHERE NOT w.breached)::int AS at_risk
         FROM worst w
         JOIN conversations c ON c.id = w.conversation_id AND c.status <> 'resolved'
        GROUP BY c.team_id`,
    );
  }

  /**
   * The most urgent conversations at risk or in breach, owned or not: breaches, then nearest due.
   * A conversation ranks by its most urgent clock and has at most CLOCKS_PER_CONVERSATION, so the
   * page's conversations are all among that many times its length of the most urgent clocks: only
   * those are ranked per conversation, and only the page's conversations are read.
   */
  private slaConversations(): Promise<SlaConversationRow[]> {
    return this.db.query(
      `WITH urgent AS (
         SELECT s.conversation_id, s.metric AS sla_metric, s.risk_at AS sla_risk_at,
                s.due_at AS sla_due_at, ${BREACHED} AS sla_breached
           FROM sla_clocks s WHERE s.breached_at IS NOT NULL OR s.risk_at <= now()
          ORDER BY ${BREACHED} DESC, s.due_at ASC NULLS LAST
          LIMIT ${CLOCKS_PER_CONVERSATION * BOARD_SLA_LIMIT}),
       worst AS (
         SELECT DISTINCT ON (u.conversation_id) u.* FROM urgent u
          ORDER BY u.conversation_id, u.sla_breached DESC, u.sla_due_at ASC NULLS LAST),
       top AS (
         SELECT * FROM worst ORDER BY sla_breached DESC, sla_due_at ASC NULLS LAST
          LIMIT ${BOARD_SLA_LIMIT})
       SELECT w.*, c.id, c.subject, c.team_id, t.name AS team_name, c.owner_id,
              u.name AS owner_name, ${CONTACT_NAME} AS contact_name
         FROM top w
         JOIN conversations c ON c.id = w.conversation_id
         JOIN contacts k ON k.id = c.contact_id
         LEFT JOIN teams t ON t.id = c.team_id
         LEFT JOIN users u ON u.id = c.owner_id
        ORDER BY w.sla_breached DESC, w.sla_due_at ASC NULLS LAST`,
    );
  }

  /** The longest-waiting unowned conversations of each team. */
  private waiting(): Promise<WaitingRow[]> {
    return this.db.query(
      `WITH q(team_id) AS (SELECT id FROM teams)
       SELECT q.team_id, w.* FROM q CROSS JOIN LATERAL (${waitingOf('c.team_id = q.team_id')}) w
       UNION ALL
       SELECT NULL, w.* FROM (${waitingOf('c.team_id IS NULL')}) w`,
    );
  }

  /** Every open consult and transfer, with the team of the conversation that asked. */
  private handoffs(): Promise<HandoffRow[]> {
    return this.db.query(
      `SELECT h.id, h.conversation_id, h.kind, h.status, h.team_id AS to_team_id,
              tt.name AS to_team_name, c.team_id AS from_team_id, ft.name AS from_team_name,
              h.assignee_id, au.name AS assignee_name, h.requested_by_id,
              ru.name AS requested_by_name, h.created_at, h.accepted_at, h.accept_due_at,
              h.answer_due_at, h.accept_risk_at, h.answer_risk_at, h.breached, h.last_nudged_at, ${CONTACT_NAME} AS contact_name,
              now() AS now
         FROM handoffs h
         JOIN conversations c ON c.id = h.conversation_id
         JOIN contacts k ON k.id = c.contact_id
         JOIN users ru ON ru.id = h.requested_by_id
         LEFT JOIN users au ON au.id = h.assignee_id
         LEFT JOIN teams tt ON tt.id = h.team_id
         LEFT JOIN teams ft ON ft.id = c.team_id
        WHERE h.status IN ('requested', 'accepted')`,
    );
  }

  /**
   * Staff who have joined (invitees have not chosen a password yet) and are active, with their open
   * conversations and the capacity automatic assignment allows them.
   */
  private agents(): Promise<AgentRow[]> {
    return this.db.query(
      `SELECT u.id, u.name, u.role,
              ARRAY(SELECT tm.team_id::text FROM team_memberships tm WHERE tm.user_id = u.id) AS team_ids,
              (SELECT count(*)::int FROM conversations c
                WHERE c.owner_id = u.id AND c.status <> 'resolved') AS open,
              COALESCE(u.max_open, (SELECT max(t.max_open_per_agent)::int FROM team_memberships tm
                 JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = u.id)) AS capacity
         FROM users u WHERE u.active AND u.joined_at IS NOT NULL ORDER BY u.name`,
    );
  }
}

/**
 * Open handoffs grouped by the team that asked and the team asked (handoffs to a person are not a
 * flow between teams and stay in the list); the pairs waiting longest first.
 */
export function flowOf(
  handoffs: (Pick<
    HandoffRow,
    | 'status'
    | 'from_team_id'
    | 'from_team_name'
    | 'to_team_id'
    | 'to_team_name'
    | 'created_at'
    | 'accepted_at'
  > & { risk: BoardHandoffDto['risk'] })[],
): BoardFlowDto[] {
  const pairs = new Map<string, BoardFlowDto>();
  const earlier = (a: string | null, b: Date | null) =>
    b && (!a || b.toISOString() < a) ? b.toISOString() : a;
  for (const h of handoffs) {
    if (!h.to_team_id) continue;
    const key = `${h.from_team_id ?? ''}>${h.to_team_id}`;
    const pair = pairs.get(key) ?? {
      fromTeam: ref(h.from_team_id, h.from_team_name),
      toTeam: { id: h.to_team_id, name: h.to_team_name ?? '' },
      waiting: 0,
      oldestWaitingSince: null,
      unanswered: 0,
      oldestAcceptedAt: null,
      breached: 0,
    };
    if (h.status === 'requested') {
      pair.waiting++;
      pair.oldestWaitingSince = earlier(pair.oldestWaitingSince, h.created_at);
    } else {
      pair.unanswered++;
      pair.oldestAcceptedAt = earlier(pair.oldestAcceptedAt, h.accepted_at);
    }
    if (h.risk === 'breached') pair.breached++;
    pairs.set(key, pair);
  }
  const oldest = (f: BoardFlowDto) =>
    [f.oldestWaitingSince, f.oldestAcceptedAt].filter(Boolean).sort()[0] ?? '';
  return [...pairs.values()].sort((a, b) => oldest(a).localeCompare(oldest(b)));
}
