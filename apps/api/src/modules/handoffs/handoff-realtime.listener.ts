import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REALTIME_EVENTS, rooms } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { RealtimePublisher } from '../../core/realtime/realtime-publisher';
import { HANDOFF_RELATIONS, toHandoffDto } from './handoff.mapper';
import { Handoff } from './handoff.entity';

/** Handoffs reach the conversation, the owner, the requested team or person, the requester and supervisors. */
@Injectable()
export class HandoffRealtimeListener implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
    private readonly publisher: RealtimePublisher,
  ) {}

  onModuleInit(): void {
    this.events.on('handoff.created', ({ handoffId }) =>
      this.announce(handoffId, REALTIME_EVENTS.handoffCreated),
    );
    this.events.on('handoff.updated', ({ handoffId }) =>
      this.announce(handoffId, REALTIME_EVENTS.handoffUpdated),
    );
  }

  private async announce(
    handoffId: string,
    event: 'handoff.created' | 'handoff.updated',
  ): Promise<void> {
    const h = await this.db.getRepository(Handoff).findOne({
      where: { id: handoffId },
      relations: HANDOFF_RELATIONS,
    });
    if (!h) return;
    const targets = new Set([
      rooms.conversation(h.conversationId),
      rooms.supervisors(),
      rooms.user(h.requestedById),
      ...(h.teamId ? [rooms.team(h.teamId)] : []),
      ...(h.assigneeId ? [rooms.user(h.assigneeId)] : []),
      ...(h.conversation?.ownerId ? [rooms.user(h.conversation.ownerId)] : []),
    ]);
    this.publisher.toStaff([...targets], event, {
      conversationId: h.conversationId,
      handoff: toHandoffDto(h),
    });
  }
}
