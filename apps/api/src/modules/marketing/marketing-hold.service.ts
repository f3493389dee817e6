import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MarketingHoldDto } from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainEvents, type EventBatch } from '../../core/events/domain-events';
import { HOLDS_CONTACT, holdLockKey, SUPPRESSION_CHANGES_LOCK } from './marketing-hold.query';

/** Contacts recomputed in one transaction by the sweep. */
const SWEEP_CHUNK = 200;
/** Contacts the sweep looks at per run at most; more wait for the next run. */
const SWEEP_LIMIT = 5_000;

export interface HoldOutcome {
  started: number;
  ended: number;
  /** Running holds whose conversations changed (no change for marketing). */
  updated: number;
}

interface Wanted {
  contact_id: string;
  conversation_ids: string[];
}

interface Running {
  id: string;
  contact_id: string;
  conversation_ids: string[];
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The marketing stop: a contact is on hold while a conversation of theirs holds them (by its
 * team's `holdsMarketing`). Holds are derived from the conversations and teams (read here, never
 * written) and recomputed whenever those change; recomputing again changes nothing.
 */
@Injectable()
export class MarketingHoldService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: DomainEvents,
  ) {}

  /** The contact's running hold, or null. */
  async holdOf(contactId: string): Promise<MarketingHoldDto | null> {
    const [row]: { started_at: Date; conversation_ids: string[] }[] = await this.db.query(
      `SELECT started_at, conversation_ids FROM marketing_holds
        WHERE contact_id = $1 AND ended_at IS NULL`,
      [contactId],
    );
    return row
      ? { since: row.started_at.toISOString(), conversationIds: row.conversation_ids }
      : null;
  }

  /**
   * Of these conversations' contacts (and the contacts whose holds cite them), those whose hold
   * does not match their conversations: a cheap look after every conversation change, so that
   * only real changes are queued for `recompute`.
   */
  async contactsToRecompute(conversationIds: string[]): Promise<string[]> {
    if (conversationIds.length === 0) return [];
    const rows: { contact_id: string }[] = await this.db.query(
      `SELECT c.contact_id FROM conversations c LEFT JOIN teams t ON t.id = c.team_id
        WHERE c.id = ANY($1::uuid[]) AND ${HOLDS_CONTACT}
          AND NOT EXISTS (SELECT 1 FROM marketing_holds h
                           WHERE h.contact_id = c.contact_id AND h.ended_at IS NULL
                             AND c.id = ANY(h.conversation_ids))
       UNION
       SELECT h.contact_id FROM marketing_holds h CROSS JOIN LATERAL unnest(h.conversation_ids) AS cited(id)
        WHERE h.ended_at IS NULL AND h.conversation_ids && $1::uuid[] AND cited.id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM conversations c LEFT JOIN teams t ON t.id = c.team_id
                           WHERE c.id = cited.id AND c.contact_id = h.contact_id AND ${HOLDS_CONTACT})`,
      [conversationIds],
    );
    return rows.map((r) => r.contact_id);
  }

  /**
   * Brings the holds of these contacts in line with their conversations, in one transaction: starts
   * a hold where a conversation holds the contact and none runs, ends a running hold no conversation
   * holds any more, and records each start and end as a suppression change with its durable event.
   */
  async recompute(contactIds: string[]): Promise<HoldOutcome> {
    const ids = [...new Set(contactIds)].sort();
    if (ids.length === 0) return { started: 0, ended: 0, updated: 0 };
    return this.events.transaction((m, batch) => this.recomputeIn(m, batch, ids));
  }

  /**
   * The sweep: compares, as sets, the contacts that should be on hold with the running holds, and
   * recomputes those that differ (a lost job, a missed event, a change made behind the events'
   * back). Answers what changed.
   */
  async reconcile(): Promise<HoldOutcome & { checked: number }> {
    const rows: { contact_id: string }[] = await this.db.query(
      `WITH wanted AS (
         SELECT c.contact_id, array_agg(c.id ORDER BY c.id) AS ids
           FROM conversations c LEFT JOIN teams t ON t.id = c.team_id
          WHERE ${HOLDS_CONTACT}
          GROUP BY c.contact_id
       ), running AS (
         SELECT contact_id, conversation_ids AS ids FROM marketing_holds WHERE ended_at IS NULL
       )
       SELECT COALESCE(w.contact_id, r.contact_id) AS contact_id
         FROM wanted w FULL JOIN running r ON r.contact_id = w.contact_id
        WHERE w.ids IS DISTINCT FROM r.ids
        LIMIT $1`,
      [SWEEP_LIMIT],
    );
    const total: HoldOutcome = { started: 0, ended: 0, updated: 0 };
    for (let i = 0; i < rows.length; i += SWEEP_CHUNK) {
      const outcome = await this.recompute(rows.slice(i, i + SWEEP_CHUNK).map((r) => r.contact_id));
      total.started += outcome.started;
      total.ended += outcome.ended;
      total.updated += outcome.updated;
    }
    return { ...total, checked: rows.length };
  }

  private async recomputeIn(
    m: EntityManager,
    batch: EventBatch,
    contactIds: string[],
  ): Promise<HoldOutcome> {
    // One recompute per contact at a time (in key order, so two never deadlock): the second reads
    // what the first committed.
    await m.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k', [
      contactIds.map(holdLockKey),
    ]);
    const wanted: Wanted[] = await m.query(
      `SELECT c.contact_id, array_agg(c.id ORDER BY c.id) AS conversation_ids
         FROM conversations c LEFT JOIN teams t ON t.id = c.team_id
        WHERE c.contact_id = ANY($1::uuid[]) AND ${HOLDS_CONTACT}
        GROUP BY c.contact_id`,
      [contactIds],
    );
    const running: Running[] = await m.query(
      `SELECT id, contact_id, conversation_ids FROM marketing_holds
        WHERE contact_id = ANY($1::uuid[]) AND ended_at IS NULL`,
      [contactIds],
    );
    const wantedOf = new Map(wanted.map((w) => [w.contact_id, w.conversation_ids]));
    const runningOf = new Map(running.map((r) => [r.contact_id, r]));
    const starts = wanted.filter((w) => !runningOf.has(w.contact_id));
    const ends = running.filter((r) => !wantedOf.has(r.contact_id));
    const updates = running.filter((r) => {
      const ids = wantedOf.get(r.contact_id);
      return ids !== undefined && !sameIds(ids, r.conversation_ids);
    });

    for (const r of updates)
      await m.query(
        `UPDATE marketing_holds SET conversation_ids = $2::uuid[], updated_at = now() WHERE id = $1`,
        [r.id, wantedOf.get(r.contact_id)],
      );
    if (starts.length || ends.length) {
      // Changes become visible in the order of their ids: the lock is held until commit, so a
      // reader that sees a change sees every change before it.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SUPPRESSION_CHANGES_LOCK]);
      const [{ at }]: { at: Date }[] = await m.query('SELECT clock_timestamp() AS at');
      for (const s of starts) {
        const [{ id }]: { id: string }[] = await m.query(
          `INSERT INTO marketing_holds (contact_id, conversation_ids, started_at, updated_at)
           VALUES ($1, $2::uuid[], $3, $3) RETURNING id`,
          [s.contact_id, s.conversation_ids, at],
        );
        await this.recordChange(m, s.contact_id, id, true, at);
        batch.add('contact.hold.started', { contactId: s.contact_id, holdId: id });
      }
      for (const e of ends) {
        // The conversations that held the contact last stay on the ended hold, as its history.
        await m.query(`UPDATE marketing_holds SET ended_at = $2, updated_at = $2 WHERE id = $1`, [
          e.id,
          at,
        ]);
        await this.recordChange(m, e.contact_id, e.id, false, at);
        batch.add('contact.hold.ended', { contactId: e.contact_id, holdId: e.id });
      }
    }
    return { started: starts.length, ended: ends.length, updated: updates.length };
  }

  private async recordChange(
    m: EntityManager,
    contactId: string,
    holdId: string,
    suppressed: boolean,
    at: Date,
  ): Promise<void> {
    await m.query(
      `INSERT INTO marketing_suppression_changes (contact_id, hold_id, suppressed, changed_at)
       VALUES ($1, $2, $3, $4)`,
      [contactId, holdId, suppressed, at],
    );
  }
}
