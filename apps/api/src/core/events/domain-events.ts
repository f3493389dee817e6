import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The one catalogue of domain events. Payloads carry ids; listeners read what they need after commit.
 *
 * Durable events announce a database change: they are stored in the transaction of that change
 * (`outbox_events`) and relayed after commit, by the process that made the change or, should it die
 * first, by the relay sweeper. Delivery is at least once, so every listener must be harmless on a
 * replay (realtime emits, idempotent job scheduling; nothing that inserts twice).
 */
export interface DurableEventMap {
  'message.created': { conversationId: string; messageId: string };
  'message.updated': { conversationId: string; messageId: string };
  'conversation.updated': { conversationId: string };
  /** A conversation was opened (a customer's new issue). */
  'conversation.created': { conversationId: string };
  /** `sourceConversationId` was merged into `conversationId`; `mergeId` is the record that can undo it. */
  'conversation.merged': { conversationId: string; sourceConversationId: string; mergeId: string };
  /** The merge `mergeId` was undone: `restoredConversationId` has its own thread again. */
  'conversation.unmerged': {
    conversationId: string;
    restoredConversationId: string;
    mergeId: string;
  };
  /** A message of `conversationId` and what followed it became `splitConversationId`. */
  'conversation.split': { conversationId: string; splitConversationId: string };
  /** The unassigned queue of a team changed (a conversation arrived, was claimed, moved). */
  'queue.changed': { teamId: string };
  /** A team's settings changed (its policy: SLAs, automatic assignment, ...). */
  'team.updated': { teamId: string };
  /**
   * A team was deleted; its conversations have no team now. `conversationIds`: those that had SLA
   * clocks running under its policies, which stop.
   */
  'team.deleted': { teamId: string; conversationIds: string[] };
  /** A conversation's SLA clocks have a step ahead whose timer must be scheduled. */
  'sla.planned': { conversationId: string };
  'handoff.created': { conversationId: string; handoffId: string };
  'notification.created': { notificationId: string; userId: string };
  'handoff.updated': { conversationId: string; handoffId: string };
  /** A participant's access now ends at `expiresAt` (ISO time; now or later): grace, removal, mention. */
  'participant.expiring': { participantId: string; expiresAt: string };
  /** A contact's profile, identities or consent changed (by staff, or an identity added). */
  'contact.updated': { contactId: string };
  /** `mergedContactId` was merged into `contactId`; `mergeId` is the record that can undo it. */
  'contact.merged': { contactId: string; mergedContactId: string; mergeId: string };
  /** The merge `mergeId` was undone: `restoredContactId` exists again beside `contactId`. */
  'contact.unmerged': { contactId: string; restoredContactId: string; mergeId: string };
  /** A contact went on hold for marketing (an open support problem); `holdId` names the hold. */
  'contact.hold.started': { contactId: string; holdId: string };
  /** A contact's marketing hold ended. */
  'contact.hold.ended': { contactId: string; holdId: string };
  /** A contact's personal data was erased (GDPR); only aggregate numbers remain. */
  'contact.erased': { contactId: string };
}

/** Events about live state that is not stored (sockets, keystrokes): published at once, never stored. */
export interface TransientEventMap {
  /** A staff member came online or went offline (first socket opened, last one closed). */
  'presence.changed': { userId: string };
  /** A staff member types a reply to the customer (never a note) in a conversation. */
  'staff.typing': { conversationId: string; userId: string; name: string; typing: boolean };
}

export interface DomainEventMap extends DurableEventMap, TransientEventMap {}
export type DomainEventName = keyof DomainEventMap;
export type DomainEvent = {
  [K in DomainEventName]: { name: K; payload: DomainEventMap[K] };
}[DomainEventName];

const TRANSIENT_EVENTS: { readonly [K in keyof TransientEventMap]: true } = {
  'presence.changed': true,
  'staff.typing': true,
};

/** Whether an event is stored with its change (everything but the transient ones). */
export function isDurableEvent(name: DomainEventName): boolean {
  return !Object.hasOwn(TRANSIENT_EVENTS, name);
}

export class EventBatch {
  readonly events: DomainEvent[] = [];
  /** The `outbox_events` rows of this batch, once recorded; marked relayed when published. */
  readonly outboxIds: string[] = [];
  private recorded = false;
  private readonly keys = new Set<string>();

  /** A batch of one event, for writes outside a larger transaction and for transient events. */
  static of<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): EventBatch {
    const batch = new EventBatch();
    batch.add(name, payload);
    return batch;
  }

  add<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    // Added after recording, a durable event would not be stored with its change.
    if (this.recorded && isDurableEvent(name))
      throw new Error(`${name} added to a batch already recorded: add events before recording`);
    const key = JSON.stringify([name, payload]);
    // The same fact twice in one transaction is announced once.
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.events.push({ name, payload } as DomainEvent);
  }

  /** Whether the batch holds durable events not yet stored with their change. */
  get unrecorded(): boolean {
    return !this.recorded && this.events.some((e) => isDurableEvent(e.name));
  }

  /** Closes the batch to durable events and answers those to store. A batch is recorded once. */
  seal(): DomainEvent[] {
    if (this.recorded) throw new Error('This event batch was recorded already');
    this.recorded = true;
    return this.events.filter((e) => isDurableEvent(e.name));
  }
}

/** What a listener learns about the event besides its payload. */
export interface EventMeta {
  /**
   * The stored event's id (`outbox_events`), the same on every relay of it: a listener that must
   * act once per event keys on it. Undefined for transient events.
   */
  eventId?: string;
}

type Listener<K extends DomainEventName> = (
  payload: DomainEventMap[K],
  meta: EventMeta,
) => Promise<void> | void;
type ManyListener<K extends DomainEventName> = (
  payloads: DomainEventMap[K][],
) => Promise<void> | void;

/** Stored events not relayed this long after their write are relayed by the sweeper. */
export const OUTBOX_RELAY_AGE_MS = 5_000;
/**
 * A stored event whose listener failed is relayed again after `OUTBOX_RELAY_AGE_MS`, doubled with
 * each try up to five minutes, at most this many times (about two hours); then it is given up on
 * (logged as an error).
 */
export const OUTBOX_RELAY_MAX_ATTEMPTS = 30;
const OUTBOX_RETRY_CAP_SECONDS = 300;

/** Relayed events are kept this long (for inspection after an incident), then purged. */
export const OUTBOX_KEEP_RELAYED_HOURS = 24;

@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('DomainEvents');
  private readonly listeners = new Map<DomainEventName, Listener<DomainEventName>[]>();
  private readonly manyListeners = new Map<DomainEventName, ManyListener<DomainEventName>[]>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  on<K extends DomainEventName>(name: K, listener: Listener<K>): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<DomainEventName>);
    this.listeners.set(name, list);
  }

  /**
   * Hears every `name` event of a published batch at once, in their order (a batch of inbound messages
   * is announced with one read instead of one per message). Called after the one-by-one listeners.
   */
  onMany<K extends DomainEventName>(name: K, listener: ManyListener<K>): void {
    const list = this.manyListeners.get(name) ?? [];
    list.push(listener as ManyListener<DomainEventName>);
    this.manyListeners.set(name, list);
  }

  /**
   * The usual write: runs `work` in a transaction, stores the events it adds to `batch` in that same
   * transaction, and publishes them after commit. A rollback announces nothing.
   */
  async transaction<T>(work: (m: EntityManager, batch: EventBatch) => Promise<T>): Promise<T> {
    const batch = new EventBatch();
    const result = await this.db.transaction(async (m) => {
      const value = await work(m, batch);
      await this.record(m, batch);
      return value;
    });
    await this.publish(batch);
    return result;
  }

  /**
   * Stores the batch's durable events with the change, in the transaction of `m` (last thing before
   * commit); `publish(batch)` after commit then relays them. Transient events are only published.
   */
  async record(m: EntityManager, batch: EventBatch): Promise<void> {
    if (!m.queryRunner?.isTransactionActive)
      throw new Error('Events are recorded inside the transaction of the change they announce');
    const durable = batch.seal();
    if (durable.length === 0) return;
    const rows: { id: string }[] = await m.query(
      `INSERT INTO outbox_events (name, payload)
       SELECT * FROM unnest($1::varchar[], $2::jsonb[]) RETURNING id`,
      [durable.map((e) => e.name), durable.map((e) => JSON.stringify(e.payload))],
    );
    batch.outboxIds.push(...rows.map((r) => r.id));
  }

  /**
   * Call after commit: runs the listeners, then marks the batch's stored events relayed. A failing
   * listener is logged and does not stop the others; its event stays unrelayed, so the sweeper
   * relays it again (every listener tolerates a replay). Only transient events may skip `record`: a
   * durable event published unstored would be lost to a crash, so that is refused.
   */
  async publish(batch: EventBatch): Promise<void> {
    if (batch.unrecorded)
      throw new Error(
        `Events ${batch.events.map((e) => e.name).join(', ')} must be recorded in the transaction of their change`,
      );
    // Stored events got their ids in the order `seal` answered them: the durable ones, in order.
    let stored = 0;
    const failed = await this.dispatch(
      batch.events.map((event) => ({
        event,
        eventId: isDurableEvent(event.name) ? batch.outboxIds[stored++] : undefined,
      })),
    );
    const done = batch.outboxIds.filter((id) => !failed.has(id));
    if (done.length === 0) return;
    try {
      // Rows the sweeper holds right now are left to it, which marks them itself.
      await this.db.query(
        `UPDATE outbox_events SET relayed_at = now() WHERE id IN (
           SELECT id FROM outbox_events WHERE id = ANY($1::bigint[]) AND relayed_at IS NULL
           FOR UPDATE SKIP LOCKED)`,
        [done],
      );
    } catch (err) {
      // The events went out; the sweeper will announce them once more, which listeners tolerate.
      this.logger.warn(`Marking published events relayed failed: ${(err as Error).message}`);
    }
  }

  /**
   * Publishes up to `limit` stored events still unrelayed `olderThanMs` after their write (their
   * process died between commit and publish, or a listener failed: then later with each try),
   * oldest first, and marks them relayed; one whose listener fails again stays for another try,
   * up to `OUTBOX_RELAY_MAX_ATTEMPTS`. Rows another sweeper holds are skipped. Answers how many
   * were published.
   */
  async relayPending(olderThanMs: number, limit = 500): Promise<number> {
    return this.db.transaction(async (m) => {
      const rows: {
        id: string;
        name: DomainEventName;
        payload: DomainEvent['payload'];
        relay_attempts: number;
      }[] = await m.query(
        `SELECT id, name, payload, relay_attempts FROM outbox_events
          WHERE relayed_at IS NULL AND created_at <= now() - make_interval(secs => $1)
            AND (next_relay_at IS NULL OR next_relay_at <= now())
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [olderThanMs / 1000, limit],
      );
      if (rows.length === 0) return 0;
      const failed = await this.dispatch(
        rows.map(({ id, name, payload }) => ({
          event: { name, payload } as DomainEvent,
          eventId: String(id),
        })),
      );
      const retry = rows.filter(
        (r) => failed.has(String(r.id)) && r.relay_attempts + 1 < OUTBOX_RELAY_MAX_ATTEMPTS,
      );
      for (const r of rows)
        if (failed.has(String(r.id)) && !retry.includes(r))
          this.logger.error(
            `Event ${r.id} (${r.name}) given up on after ${OUTBOX_RELAY_MAX_ATTEMPTS} failed relays`,
          );
      await m.query(
        `UPDATE outbox_events SET relay_attempts = relay_attempts + 1,
                relayed_at = CASE WHEN id = ANY($2::bigint[]) THEN NULL ELSE now() END,
                next_relay_at = CASE WHEN id = ANY($2::bigint[])
                  THEN now() + make_interval(secs => least($3 * power(2, relay_attempts), $4))
                  END
          WHERE id = ANY($1::bigint[])`,
        [
          rows.map((r) => r.id),
          retry.map((r) => r.id),
          OUTBOX_RELAY_AGE_MS / 1000,
          OUTBOX_RETRY_CAP_SECONDS,
        ],
      );
      return rows.length;
    });
  }

  /** Deletes relayed events older than `hours`, in bounded batches; answers how many. */
  async purgeRelayed(hours: number, batchSize = 10_000): Promise<number> {
    let deleted = 0;
    for (;;) {
      // For a DELETE the driver answers [rows, affected].
      const [, count]: [unknown[], number] = await this.db.query(
        `DELETE FROM outbox_events WHERE id IN (
           SELECT id FROM outbox_events WHERE relayed_at < now() - make_interval(hours => $1)
           LIMIT $2)`,
        [hours, batchSize],
      );
      deleted += count;
      if (count < batchSize) return deleted;
    }
  }

  /** Runs the listeners; answers the stored events one of whose listeners failed. */
  private async dispatch(events: { event: DomainEvent; eventId?: string }[]): Promise<Set<string>> {
    const failed = new Set<string>();
    const byName = new Map<
      DomainEventName,
      { payloads: DomainEvent['payload'][]; ids: string[] }
    >();
    for (const { event, eventId } of events) {
      const same = byName.get(event.name) ?? { payloads: [], ids: [] };
      same.payloads.push(event.payload);
      if (eventId) same.ids.push(eventId);
      byName.set(event.name, same);
      for (const listener of this.listeners.get(event.name) ?? []) {
        try {
          await listener(event.payload, { eventId });
        } catch (err) {
          this.logger.warn(`Listener of ${event.name} failed: ${(err as Error).message}`);
          if (eventId) failed.add(eventId);
        }
      }
    }
    for (const [name, { payloads, ids }] of byName) {
      for (const listener of this.manyListeners.get(name) ?? []) {
        try {
          await listener(payloads);
        } catch (err) {
          this.logger.warn(`Listener of ${name} failed: ${(err as Error).message}`);
          for (const id of ids) failed.add(id);
        }
      }
    }
    return failed;
  }
}
