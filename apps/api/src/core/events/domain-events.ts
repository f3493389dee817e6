import { Injectable, Logger } from '@nestjs/common';

/**
 * The one catalogue of domain events. Payloads carry ids; listeners read what they need after commit.
 * Services collect events in an `EventBatch` during their transaction and publish it after commit, so
 * nothing is announced that was rolled back.
 */
export interface DomainEventMap {
  'message.created': { conversationId: string; messageId: string };
  'message.updated': { conversationId: string; messageId: string };
  'conversation.updated': { conversationId: string };
  /** The unassigned queue of a team changed (a conversation arrived, was claimed, moved). */
  'queue.changed': { teamId: string };
  /** A team's settings changed (its policy: SLAs, automatic assignment, ...). */
  'team.updated': { teamId: string };
  'handoff.created': { conversationId: string; handoffId: string };
  'notification.created': { notificationId: string; userId: string };
  'handoff.updated': { conversationId: string; handoffId: string };
  /** A participant's access now ends at `expiresAt` (ISO time; now or later): grace, removal, mention. */
  'participant.expiring': { participantId: string; expiresAt: string };
  /** A staff member came online or went offline (first socket opened, last one closed). */
  'presence.changed': { userId: string };
  /** A staff member types a reply to the customer (never a note) in a conversation. */
  'staff.typing': { conversationId: string; userId: string; name: string; typing: boolean };
}
export type DomainEventName = keyof DomainEventMap;
export type DomainEvent = {
  [K in DomainEventName]: { name: K; payload: DomainEventMap[K] };
}[DomainEventName];

export class EventBatch {
  readonly events: DomainEvent[] = [];

  /** A batch of one event, for writes outside a larger transaction. */
  static of<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): EventBatch {
    const batch = new EventBatch();
    batch.add(name, payload);
    return batch;
  }

  add<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    const key = JSON.stringify([name, payload]);
    // The same fact twice in one transaction is announced once.
    if (!this.events.some((e) => JSON.stringify([e.name, e.payload]) === key)) {
      this.events.push({ name, payload } as DomainEvent);
    }
  }
}

type Listener<K extends DomainEventName> = (payload: DomainEventMap[K]) => Promise<void> | void;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('DomainEvents');
  private readonly listeners = new Map<DomainEventName, Listener<DomainEventName>[]>();

  on<K extends DomainEventName>(name: K, listener: Listener<K>): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<DomainEventName>);
    this.listeners.set(name, list);
  }

  /** Call after commit. A failing listener is logged and does not stop the others. */
  async publish(batch: EventBatch): Promise<void> {
    for (const event of batch.events) {
      for (const listener of this.listeners.get(event.name) ?? []) {
        try {
          await listener(event.payload);
        } catch (err) {
          this.logger.warn(`Listener of ${event.name} failed: ${(err as Error).message}`);
        }
      }
    }
  }
}
