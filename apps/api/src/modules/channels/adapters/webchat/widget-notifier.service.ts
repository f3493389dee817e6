import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  WIDGET_EVENTS,
  type WidgetAvailabilityPayload,
  type WidgetTypingPayload,
} from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../../../core/events/domain-events';
import { RealtimePublisher } from '../../../../core/realtime/realtime-publisher';
import { WebchatVisitors } from './webchat-visitors.service';
import { widgetRooms } from './widget-rooms';

/**
 * What staff activity website visitors see, from any process: an agent typing a reply, and whether
 * anybody of the channel's team is online. Replies themselves reach visitors only through the
 * adapter's `send`, so nothing here can carry a note.
 */
@Injectable()
export class WidgetNotifier implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly publisher: RealtimePublisher,
    private readonly visitors: WebchatVisitors,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('staff.typing', ({ conversationId, name, typing }) =>
      this.agentTyping(conversationId, name, typing),
    );
    this.events.on('presence.changed', ({ userId }) => this.staffPresenceChanged(userId));
  }

  /**
   * An agent types (or stopped typing) a reply in the conversation: every website visitor of it sees
   * "<agentName> is typing". Call it for the reply composer only, never while a note is written.
   */
  async agentTyping(conversationId: string, agentName: string, typing: boolean): Promise<void> {
    const payload: WidgetTypingPayload = { typing, authorName: agentName || null };
    for (const { channelId, visitorId } of await this.visitors.visitorsOfConversation(
      conversationId,
    ))
      this.publisher.toWidget(
        widgetRooms.visitor(channelId, visitorId),
        WIDGET_EVENTS.typing,
        payload,
      );
  }

  /** A staff member came online or went offline: visitors of their teams' chats learn the availability. */
  async staffPresenceChanged(userId: string): Promise<void> {
    const channels: { id: string; teamId: string }[] = await this.db.query(
      `SELECT ch.id, ch.team_id AS "teamId" FROM channels ch
         JOIN team_memberships tm ON tm.team_id = ch.team_id
        WHERE tm.user_id = $1 AND ch.kind = 'webchat' AND ch.enabled`,
      [userId],
    );
    const online = new Map<string, boolean>();
    for (const { id, teamId } of channels) {
      if (!online.has(teamId)) online.set(teamId, await this.visitors.agentsOnline(teamId));
      const payload: WidgetAvailabilityPayload = { agentsOnline: online.get(teamId) === true };
      this.publisher.toWidget(widgetRooms.channel(id), WIDGET_EVENTS.availability, payload);
    }
  }
}
