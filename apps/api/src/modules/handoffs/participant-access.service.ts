import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REALTIME_EVENTS, rooms, type Role } from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { dueJob, restoreDueJobs, scheduleDueJob } from '../../core/queue/due-job';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { markParticipantAccessEnded } from '../conversations/conversation-writer';

export interface EndParticipantAccessData {
  participantId: string;
  /** The expiry (epoch ms) the job was scheduled for. */
  expiresAt: number;
}

export type AccessEndOutcome = 'ended' | 'ahead' | 'early' | 'gone';

/** Lost delayed jobs of access ending this soon are put back by the sweep, so they end on time. */
export const ACCESS_SWEEP_LOOKAHEAD_SECONDS = 600;

/**
 * Carries out the end of a participant's access at the moment it ends: a delayed job per expiry
 * (job id = participant and expiry, so scheduling twice is one job) takes the user's sockets out
 * of the conversation's room and tells the inbox. The database holds the truth; a sweep ends what
 * Redis forgot.
 */
@Injectable()
export class ParticipantAccessService implements OnModuleInit {
  private readonly logger = new Logger('ParticipantAccess');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.timers) private readonly timers: Queue,
    private readonly events: DomainEvents,
    private readonly publisher: RealtimePublisher,
    private readonly access: ConversationAccess,
  ) {}

  onModuleInit(): void {
    this.events.on('participant.expiring', ({ participantId, expiresAt }) =>
      this.schedule(participantId, new Date(expiresAt).getTime()),
    );
  }

  private static jobOf(participantId: string, expiresAt: number) {
    const data: EndParticipantAccessData = { participantId, expiresAt };
    return dueJob(JOBS.endParticipantAccess, participantId, expiresAt, data);
  }

  async schedule(participantId: string, expiresAt: number): Promise<void> {
    await scheduleDueJob(
      this.timers,
      ParticipantAccessService.jobOf(participantId, expiresAt),
      this.logger,
    );
  }

  /**
   * Idempotent. Nothing happens if the access was extended or given back meanwhile (its new expiry
   * has its own job) or if the user may still see the conversation otherwise (owner, team queue).
   */
  async end(participantId: string, scheduledFor?: number): Promise<AccessEndOutcome> {
    const [row]: {
      conversation_id: string;
      user_id: string;
      email: string;
      name: string;
      role: Role;
      expires_at: Date | null;
      due: boolean;
    }[] = await this.db.query(
      `SELECT p.conversation_id, p.user_id, u.email, u.name, u.role, p.expires_at,
              (p.expires_at IS NOT NULL AND p.expires_at <= now()) AS due
       FROM conversation_participants p JOIN users u ON u.id = p.user_id WHERE p.id = $1`,
      [participantId],
    );
    if (!row) return 'gone';
    if (!row.due) return row.expires_at?.getTime() === scheduledFor ? 'early' : 'ahead';
    const conversationId = row.conversation_id;
    const user = { id: row.user_id, email: row.email, name: row.name, role: row.role };
    if (!(await this.access.canSee(user, conversationId))) {
      // Out of the room at once, on every api process; then the inbox closes the conversation.
      this.publisher.moveUser(user.id, { join: [], leave: [rooms.conversation(conversationId)] });
      this.publisher.toStaff([rooms.user(user.id)], REALTIME_EVENTS.conversationAccessEnded, {
        conversationId,
      });
    }
    // Who still sees it learns who takes part now (and its room keeps only them).
    await this.events.transaction(async (m, batch) => {
      await markParticipantAccessEnded(m, participantId);
      batch.add('conversation.updated', { conversationId });
    });
    return 'ended';
  }

  /**
   * Ends the accesses that ran out without being carried out (their job was lost with Redis, or
   * failed), and puts back the lost jobs of those ending soon.
   */
  async sweep(): Promise<{ ended: number; rescheduled: number }> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM conversation_participants
       WHERE expires_at <= now() AND (ended_at IS NULL OR ended_at < expires_at)
       ORDER BY expires_at LIMIT 500`,
    );
    let ended = 0;
    for (const { id } of due) if ((await this.end(id)) === 'ended') ended++;
    const soon: { id: string; expires_at: Date }[] = await this.db.query(
      `SELECT id, expires_at FROM conversation_participants
       WHERE expires_at > now() AND expires_at <= now() + make_interval(secs => $1)
         AND (ended_at IS NULL OR ended_at < expires_at)
       ORDER BY expires_at LIMIT 1000`,
      [ACCESS_SWEEP_LOOKAHEAD_SECONDS],
    );
    const rescheduled = await restoreDueJobs(
      this.timers,
      soon.map((row) => ParticipantAccessService.jobOf(row.id, row.expires_at.getTime())),
    );
    if (ended || rescheduled)
      this.logger.log(`Ended ${ended} participant accesses, rescheduled ${rescheduled}`);
    return { ended, rescheduled };
  }
}
