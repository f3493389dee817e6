import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import { PresenceService } from '../../core/realtime/presence.service';
import { changeOwner } from '../conversations/conversation-writer';
import { NotificationsService } from '../notifications/notifications.service';

const POLICY_CACHE_MS = 5000;

/** Upper bound of conversations handed out per run, so one run never holds a worker for long. */
const MAX_PER_RUN = 200;

interface Candidate {
  id: string;
  name: string;
}

/**
 * Round-robin assignment for teams that switch it on: the oldest waiting conversation goes to the
 * online agent of the team whose turn it is (longest since their last automatic assignment) and
 * who owns fewer open conversations than the team's capacity. Supervisors and admins are never
 * picked. Runs are safe to repeat and to run in parallel: the team row lock orders them, and a
 * conversation is only taken while it has no owner.
 */
@Injectable()
export class AutoAssignmentService {
  private autoTeams?: { at: number; ids: Set<string> };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly presence: PresenceService,
    private readonly notifications: NotificationsService,
    private readonly events: DomainEvents,
  ) {}

  /** Hands out what it can; returns how many conversations got an owner. */
  async assignTeam(teamId: string): Promise<number> {
    let assigned = 0;
    while (assigned < MAX_PER_RUN) {
      const done = await this.events.transaction((m, batch) => this.assignOne(m, teamId, batch));
      if (!done) break;
      assigned++;
    }
    return assigned;
  }

  /** Teams with automatic assignment and at least one conversation waiting in their queue. */
  async teamsWithWaitingWork(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT t.id FROM teams t WHERE t.auto_assign AND EXISTS (
         SELECT 1 FROM conversations c WHERE c.team_id = t.id AND c.owner_id IS NULL AND c.status <> 'resolved')`,
    );
    return rows.map((r) => r.id);
  }

  /** Teams of `userId` that assign automatically (when they come online, it may be their turn). */
  async autoAssigningTeamsOf(userId: string): Promise<string[]> {
    const rows: { team_id: string }[] = await this.db.query(
      `SELECT tm.team_id FROM team_memberships tm JOIN teams t ON t.id = tm.team_id
       WHERE tm.user_id = $1 AND t.auto_assign`,
      [userId],
    );
    return rows.map((r) => r.team_id);
  }

  /**
   * Whether the team assigns automatically. Asked on every queue change, so the answer is kept for
   * a few seconds (dropped at once in this process when a team changes; the minute sweep covers
   * other processes meanwhile).
   */
  async autoAssigns(teamId: string): Promise<boolean> {
    if (!this.autoTeams || Date.now() - this.autoTeams.at > POLICY_CACHE_MS) {
      const rows: { id: string }[] = await this.db.query('SELECT id FROM teams WHERE auto_assign');
      this.autoTeams = { at: Date.now(), ids: new Set(rows.map((r) => r.id)) };
    }
    return this.autoTeams.ids.has(teamId);
  }

  forgetPolicies(): void {
    this.autoTeams = undefined;
  }

  private async assignOne(m: EntityManager, teamId: string, batch: EventBatch): Promise<boolean> {
    const [team]: { max_open_per_agent: number }[] = await m.query(
      'SELECT max_open_per_agent FROM teams WHERE id = $1 AND auto_assign FOR UPDATE',
      [teamId],
    );
    if (!team) return false;
    const [conversation]: { id: string }[] = await m.query(
      `SELECT id FROM conversations WHERE team_id = $1 AND owner_id IS NULL AND status <> 'resolved'
       ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [teamId],
    );
    if (!conversation) return false;
    const agent = await this.nextAgent(m, teamId, team.max_open_per_agent);
    if (!agent) return false;

    await changeOwner(
      m,
      { id: conversation.id, ownerId: null, teamId },
      { ownerId: agent.id, actorId: null, details: { automatic: true }, touch: false },
      batch,
    );
    await m.query(
      'UPDATE team_memberships SET last_assigned_at = now() WHERE team_id = $1 AND user_id = $2',
      [teamId, agent.id],
    );
    await this.notifications.notify(
      m,
      [agent.id],
      { kind: 'conversation.assigned', conversationId: conversation.id, text: '' },
      batch,
    );
    return true;
  }

  /**
   * In turn: longest without an automatic assignment first; online and under capacity only (their
   * own capacity when they have one, else the team's).
   */
  private async nextAgent(
    m: EntityManager,
    teamId: string,
    capacity: number,
  ): Promise<Candidate | null> {
    const candidates: Candidate[] = await m.query(
      `SELECT u.id, u.name FROM team_memberships tm JOIN users u ON u.id = tm.user_id
       WHERE tm.team_id = $1 AND u.active AND u.role = 'agent'
         AND (SELECT count(*) FROM conversations c WHERE c.owner_id = u.id AND c.status <> 'resolved')
             < COALESCE(u.max_open, $2)
       ORDER BY tm.last_assigned_at ASC NULLS FIRST, tm.created_at, u.id`,
      [teamId, capacity],
    );
    if (candidates.length === 0) return null;
    const online = await this.presence.onlineAmong(candidates.map((c) => c.id));
    return candidates.find((c) => online.has(c.id)) ?? null;
  }
}
