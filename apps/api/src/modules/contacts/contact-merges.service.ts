import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactAttributes, MergeEvidenceDto, MergeContactsRequest } from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundException } from '../../core/errors/app.exception';
import type { EventBatch } from '../../core/events/domain-events';
import { ContactProfileService } from './contact-profile.service';
import { Contact } from './contact.entity';
import { MergeRefusedException, UndoMergeRefusedException } from './contacts.exception';

/** Fields a merge may fill on the kept contact (only where it has none). */
const FILLED_FIELDS = [
  'name',
  'email',
  'phone',
  'preferredChannel',
  'company',
  'language',
  'quietHours',
] as const;

/** How many pieces of evidence a suggestion keeps. */
const EVIDENCE_KEPT = 10;

/** What a merge moved, by id, and what it changed on the kept contact: what undo puts back. */
interface MergeMoved {
  identityIds: string[];
  noteIds: string[];
  consentIds: string[];
  conversationIds: string[];
  /** field → [before, after] on the kept contact. */
  fields: Record<string, [unknown, unknown]>;
  /** Attribute keys the merge added to the kept contact, with the values it added. */
  attributes: ContactAttributes;
}

/** A pair of contacts that may be one person, with why. Stored by `recordSightings`. */
export interface SuggestionRow {
  id: string;
  otherContactId: string;
  evidence: MergeEvidenceDto[];
}

/**
 * Merging contacts, recorded so it can be undone. A merge moves the other contact's identities,
 * notes and consent to the kept contact (its conversations are moved by the caller, through the
 * conversation writer) and fills the kept contact's empty fields; the merged contact stays as a row
 * pointing at the kept one. Undo moves back exactly what the merge moved and restores each field
 * the merge set, unless someone changed it since. Nothing merges on unverified data by itself: the
 * intake records suggestions, staff decide.
 */
@Injectable()
export class ContactMergesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly profiles: ContactProfileService,
  ) {}

  /**
   * Checks the basis and locks both contacts (in id order, so two merges never deadlock). Returns
   * the evidence to record.
   */
  async prepare(
    m: EntityManager,
    contactId: string,
    request: MergeContactsRequest,
  ): Promise<MergeEvidenceDto[]> {
    const otherId = request.otherContactId;
    if (otherId === contactId)
      throw new MergeRefusedException('A contact cannot be merged into itself');
    // The intake's identity locks first, then the contacts (the intake's order): a message arriving
    // meanwhile waits and then finds its address on the kept contact.
    await this.lockIdentities(m, [contactId, otherId]);
    for (const id of [contactId, otherId].sort()) await this.profiles.lock(m, id);
    const evidence = await this.evidence(m, contactId, otherId);
    if (request.basis === 'verified_identifiers') {
      const proven = evidence.filter((e) => e.verified);
      if (proven.length === 0)
        throw new MergeRefusedException(
          evidence.length
            ? `These contacts share no verified identifier (${evidence
                .map((e) => `${e.kind} ${e.address}: not verified`)
                .join(
                  '; ',
                )}). Confirm with the customer and merge with basis confirmed_by_staff, saying how`
            : 'These contacts share no verified identifier. Confirm with the customer and merge with basis confirmed_by_staff, saying how',
        );
    }
    return evidence;
  }

  /** Merges `otherId` into `contactId` (both locked by `prepare`); answers the merge's id. */
  async merge(
    m: EntityManager,
    contactId: string,
    request: MergeContactsRequest,
    evidence: MergeEvidenceDto[],
    conversationIds: string[],
    actorId: string | null,
    batch: EventBatch,
  ): Promise<string> {
    const otherId = request.otherContactId;
    const repo = m.getRepository(Contact);
    const [kept, other] = await Promise.all([
      repo.findOneByOrFail({ id: contactId }),
      repo.findOneByOrFail({ id: otherId }),
    ]);
    const ids = async (table: string) =>
      (
        (await m.query(`SELECT id FROM ${table} WHERE contact_id = $1`, [otherId])) as {
          id: string;
        }[]
      ).map((r) => r.id);
    const moved: MergeMoved = {
      identityIds: await ids('contact_identities'),
      noteIds: await ids('contact_notes'),
      consentIds: await ids('contact_consents'),
      conversationIds,
      fields: {},
      attributes: {},
    };
    for (const table of ['contact_identities', 'contact_notes', 'contact_consents'])
      await m.query(`UPDATE ${table} SET contact_id = $1 WHERE contact_id = $2`, [
        contactId,
        otherId,
      ]);

    const patch: Partial<Contact> = {};
    for (const field of FILLED_FIELDS) {
      const mine = kept[field];
      const theirs = other[field];
      if ((mine === null || mine === '') && theirs !== null && theirs !== '') {
        moved.fields[field] = [mine, theirs];
        Object.assign(patch, { [field]: theirs });
      }
    }
    const attributes = { ...(kept.attributes ?? {}) };
    for (const [key, value] of Object.entries(other.attributes ?? {}))
      if (!(key in attributes)) {
        attributes[key] = value;
        moved.attributes[key] = value;
      }
    if (Object.keys(moved.attributes).length) patch.attributes = attributes;
    await repo.update(contactId, { ...patch, updatedAt: new Date() });
    await repo.update(otherId, { mergedIntoId: contactId, updatedAt: new Date() });
    await m.query(
      `UPDATE contact_merge_suggestions SET dismissed_at = now(), updated_at = now()
        WHERE contact_a_id = $1 AND contact_b_id = $2`,
      [contactId, otherId].sort(),
    );

    const note = request.basis === 'confirmed_by_staff' ? (request.note ?? null) : null;
    const [{ id: mergeId }]: { id: string }[] = await m.query(
      `INSERT INTO contact_merges (contact_id, merged_contact_id, basis, note, evidence, moved, before, actor_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        contactId,
        otherId,
        request.basis,
        note,
        JSON.stringify(evidence),
        JSON.stringify(moved),
        JSON.stringify({ kept: pick(kept), merged: pick(other) }),
        actorId,
      ],
    );
    const data = { mergeId, contactId, mergedContactId: otherId, basis: request.basis, note };
    await this.profiles.recordChange(m, contactId, actorId, 'merged', moved.fields, data);
    await this.profiles.recordChange(m, otherId, actorId, 'merged', {}, data);
    batch.add('contact.merged', { contactId, mergedContactId: otherId, mergeId });
    return mergeId;
  }

  /**
   * Undoes a merge: answers the two contacts and the conversations to move back (the caller moves
   * them through the conversation writer). Refused when the kept contact was itself merged since
   * (undo that first) or the merge is undone already.
   */
  async undo(
    m: EntityManager,
    mergeId: string,
    actorId: string | null,
    batch: EventBatch,
  ): Promise<{ contactId: string; restoredContactId: string; conversationIds: string[] }> {
    const [row]: {
      contact_id: string;
      merged_contact_id: string;
      moved: MergeMoved;
      undone_at: Date | null;
    }[] = await m.query(
      `SELECT contact_id, merged_contact_id, moved, undone_at FROM contact_merges WHERE id = $1 FOR UPDATE`,
      [mergeId],
    );
    if (!row) throw new NotFoundException('Merge', mergeId);
    if (row.undone_at) throw new UndoMergeRefusedException('This merge was undone already');
    const { contact_id: contactId, merged_contact_id: restoredId, moved } = row;
    await this.lockIdentities(m, [contactId]);
    const repo = m.getRepository(Contact);
    const kept = await repo.findOne({
      where: { id: contactId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!kept) throw new NotFoundException('Contact', contactId);
    if (kept.mergedIntoId)
      throw new UndoMergeRefusedException(
        `The kept contact was merged into contact ${kept.mergedIntoId} since: undo that merge first`,
      );
    await repo.findOne({ where: { id: restoredId }, lock: { mode: 'pessimistic_write' } });

    const back = async (table: string, ids: string[]) => {
      if (ids.length)
        await m.query(
          `UPDATE ${table} SET contact_id = $1 WHERE id = ANY($2::uuid[]) AND contact_id = $3`,
          [restoredId, ids, contactId],
        );
    };
    await back('contact_identities', moved.identityIds);
    await back('contact_notes', moved.noteIds);
    await back('contact_consents', moved.consentIds);

    // Each field goes back to what it was, unless someone changed it after the merge.
    const patch: Partial<Contact> = {};
    const restored: Record<string, [unknown, unknown]> = {};
    for (const [field, [before, after]] of Object.entries(moved.fields)) {
      const now = kept[field as keyof Contact];
      if (JSON.stringify(now ?? null) === JSON.stringify(after)) {
        Object.assign(patch, { [field]: before });
        restored[field] = [after, before];
      }
    }
    const keys = Object.keys(moved.attributes);
    if (keys.length) {
      const attributes = { ...(kept.attributes ?? {}) };
      for (const key of keys)
        if (JSON.stringify(attributes[key]) === JSON.stringify(moved.attributes[key]))
          delete attributes[key];
      patch.attributes = attributes;
    }
    await repo.update(contactId, { ...patch, updatedAt: new Date() });
    await repo.update(restoredId, { mergedIntoId: null, updatedAt: new Date() });
    await m.query(`UPDATE contact_merges SET undone_at = now(), undone_by = $2 WHERE id = $1`, [
      mergeId,
      actorId,
    ]);
    const data = { mergeId, contactId, mergedContactId: restoredId };
    await this.profiles.recordChange(m, contactId, actorId, 'unmerged', restored, data);
    await this.profiles.recordChange(m, restoredId, actorId, 'unmerged', {}, data);
    batch.add('contact.unmerged', { contactId, restoredContactId: restoredId, mergeId });
    return { contactId, restoredContactId: restoredId, conversationIds: moved.conversationIds };
  }

  private async lockIdentities(m: EntityManager, contactIds: string[]): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtext(k)) FROM (
         SELECT 'identity:' || kind || ':' || address AS k FROM contact_identities
          WHERE contact_id = ANY($1::uuid[]) ORDER BY 1) x`,
      [contactIds],
    );
  }

  /**
   * Why two contacts may be one person: the intake's sightings (one message carrying addresses of
   * both) and phone numbers both hold on different channels (a phone and a WhatsApp identity).
   */
  async evidence(m: EntityManager, a: string, b: string): Promise<MergeEvidenceDto[]> {
    const [low, high] = [a, b].sort();
    const [stored]: { evidence: MergeEvidenceDto[] }[] = await m.query(
      `SELECT evidence FROM contact_merge_suggestions WHERE contact_a_id = $1 AND contact_b_id = $2`,
      [low, high],
    );
    return [...(stored?.evidence ?? []), ...((await this.sharedPhones(m, a, [b])).get(b) ?? [])];
  }

  /** Phone numbers `contactId` shares with each of `others` on a phone or WhatsApp identity. */
  private async sharedPhones(
    m: EntityManager,
    contactId: string,
    others: string[],
  ): Promise<Map<string, MergeEvidenceDto[]>> {
    const phones: { other: string; address: string; verified: boolean; seen_at: Date }[] =
      await m.query(
        `SELECT y.contact_id AS other, x.address, x.verified AND y.verified AS verified,
                greatest(x.created_at, y.created_at) AS seen_at
           FROM contact_identities x JOIN contact_identities y ON y.address = x.address
          WHERE x.contact_id = $1 AND y.contact_id = ANY($2::uuid[])
            AND x.kind IN ('phone', 'whatsapp') AND y.kind IN ('phone', 'whatsapp')`,
        [contactId, others],
      );
    const byOther = new Map<string, MergeEvidenceDto[]>();
    for (const p of phones)
      byOther.set(p.other, [
        ...(byOther.get(p.other) ?? []),
        {
          kind: 'phone',
          address: p.address,
          verified: p.verified,
          seenAt: p.seen_at.toISOString(),
          messageId: null,
        },
      ]);
    return byOther;
  }

  /**
   * Records that one sender showed addresses of two contacts (a visitor typed a known email, an API
   * message carried an identifier and another contact's phone): a suggestion with the evidence,
   * never a merge. Runs in the intake's transaction; repeated sightings refresh the same pair.
   */
  async recordSightings(
    m: EntityManager,
    sightings: { contactId: string; otherContactId: string; evidence: MergeEvidenceDto }[],
  ): Promise<void> {
    // One row per pair (an upsert may not touch a row twice), with the pair's sightings folded in
    // order; pairs sorted so concurrent intakes lock the rows in the same order and never deadlock.
    const pairs = new Map<string, { low: string; high: string; evidence: MergeEvidenceDto[] }>();
    for (const s of sightings) {
      const [low, high] = [s.contactId, s.otherContactId].sort();
      const pair = pairs.get(`${low}:${high}`) ?? { low, high, evidence: [] };
      const others = pair.evidence.filter(
        (e) => e.kind !== s.evidence.kind || e.address !== s.evidence.address,
      );
      pair.evidence = [...others.slice(0, EVIDENCE_KEPT - 1), s.evidence];
      pairs.set(`${low}:${high}`, pair);
    }
    const sorted = [...pairs.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    if (sorted.length === 0) return;
    // A repeated address replaces its older evidence; of the other stored pieces the first ones
    // stay, up to EVIDENCE_KEPT in all.
    await m.query(
      `INSERT INTO contact_merge_suggestions (contact_a_id, contact_b_id, evidence)
       SELECT a, b, e FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[]) WITH ORDINALITY AS u(a, b, e, n)
        ORDER BY n
       ON CONFLICT (contact_a_id, contact_b_id) DO UPDATE SET
         evidence = (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) FROM (
             SELECT e, n FROM jsonb_array_elements(contact_merge_suggestions.evidence) WITH ORDINALITY x(e, n)
              WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(excluded.evidence) f
                                 WHERE f->>'kind' = e->>'kind' AND f->>'address' = e->>'address')
              ORDER BY n LIMIT greatest($4 - jsonb_array_length(excluded.evidence), 0)) x)
           || excluded.evidence,
         updated_at = now()`,
      [
        sorted.map(([, p]) => p.low),
        sorted.map(([, p]) => p.high),
        sorted.map(([, p]) => JSON.stringify(p.evidence)),
        EVIDENCE_KEPT,
      ],
    );
  }

  /** Contacts that may be the same person as `contactId`, with the evidence; dismissed ones left out. */
  async suggestions(contactId: string): Promise<SuggestionRow[]> {
    const stored: { id: string; other: string; evidence: MergeEvidenceDto[] }[] =
      await this.db.query(
        `SELECT s.id, CASE WHEN s.contact_a_id = $1 THEN s.contact_b_id ELSE s.contact_a_id END AS other,
                s.evidence
           FROM contact_merge_suggestions s
           JOIN contacts o ON o.id = CASE WHEN s.contact_a_id = $1 THEN s.contact_b_id ELSE s.contact_a_id END
          WHERE (s.contact_a_id = $1 OR s.contact_b_id = $1) AND s.dismissed_at IS NULL
            AND o.merged_into_id IS NULL
          ORDER BY s.updated_at DESC LIMIT 20`,
        [contactId],
      );
    const phones: { other: string }[] = await this.db.query(
      `SELECT DISTINCT y.contact_id AS other
         FROM contact_identities x JOIN contact_identities y ON y.address = x.address AND y.contact_id <> x.contact_id
         JOIN contacts o ON o.id = y.contact_id AND o.merged_into_id IS NULL
        WHERE x.contact_id = $1 AND x.kind IN ('phone', 'whatsapp') AND y.kind IN ('phone', 'whatsapp')
          AND NOT EXISTS (SELECT 1 FROM contact_merge_suggestions s
                           WHERE s.contact_a_id = least(x.contact_id, y.contact_id)
                             AND s.contact_b_id = greatest(x.contact_id, y.contact_id)
                             AND s.dismissed_at IS NOT NULL)
        LIMIT 20`,
      [contactId],
    );
    const rows: SuggestionRow[] = stored.map((s) => ({
      id: s.id,
      otherContactId: s.other,
      evidence: s.evidence,
    }));
    const live = phones
      .map((p) => p.other)
      .filter((other) => !stored.some((s) => s.other === other));
    if (live.length) {
      // A suggestion found live is stored, so it has an id to dismiss.
      const pairs = live.map((other) => [contactId, other].sort()).sort();
      const upserted: { id: string; a: string; b: string; evidence: MergeEvidenceDto[] }[] =
        await this.db.query(
          `INSERT INTO contact_merge_suggestions (contact_a_id, contact_b_id)
           SELECT a, b FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS u(a, b, n) ORDER BY n
           ON CONFLICT (contact_a_id, contact_b_id) DO UPDATE SET updated_at = contact_merge_suggestions.updated_at
           RETURNING id, contact_a_id AS a, contact_b_id AS b, evidence`,
          [pairs.map(([a]) => a), pairs.map(([, b]) => b)],
        );
      for (const other of live) {
        const row = upserted.find((u) => u.a === other || u.b === other)!;
        rows.push({ id: row.id, otherContactId: other, evidence: row.evidence });
      }
    }
    if (rows.length === 0) return rows;
    const phonesByOther = await this.sharedPhones(
      this.db.manager,
      contactId,
      rows.map((r) => r.otherContactId),
    );
    return rows.map((r) => ({
      ...r,
      evidence: [...r.evidence, ...(phonesByOther.get(r.otherContactId) ?? [])],
    }));
  }

  /** The suggestion's two contacts, for the access check before dismissing. */
  async suggestionPair(id: string): Promise<[string, string]> {
    const [row]: { a: string; b: string }[] = await this.db.query(
      'SELECT contact_a_id AS a, contact_b_id AS b FROM contact_merge_suggestions WHERE id = $1',
      [id],
    );
    if (!row) throw new NotFoundException('Merge suggestion', id);
    return [row.a, row.b];
  }

  async dismiss(id: string): Promise<void> {
    await this.db.query(
      'UPDATE contact_merge_suggestions SET dismissed_at = now(), updated_at = now() WHERE id = $1',
      [id],
    );
  }

  /** The merge's kept contact, for the access check before undoing. */
  async mergeContact(mergeId: string): Promise<string> {
    const [row]: { contact_id: string }[] = await this.db.query(
      'SELECT contact_id FROM contact_merges WHERE id = $1',
      [mergeId],
    );
    if (!row) throw new NotFoundException('Merge', mergeId);
    return row.contact_id;
  }
}

function pick(c: Contact): Record<string, unknown> {
  return Object.fromEntries(
    [...FILLED_FIELDS, 'attributes'].map((f) => [f, c[f as keyof Contact]]),
  );
}
