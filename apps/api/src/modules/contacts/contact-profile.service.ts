import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AddIdentityRequest,
  ConsentDto,
  ContactAttributes,
  ContactChangeDto,
  ContactChangeKind,
  ContactDto,
  ContactMergeDto,
  ContactNoteDto,
  ContactNoteRequest,
  RecordConsentRequest,
  UpdateContactRequest,
} from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundException } from '../../core/errors/app.exception';
import type { EventBatch } from '../../core/events/domain-events';
import { Contact, ContactIdentity } from './contact.entity';
import {
  ContactMergedException,
  IdentityTakenException,
  InvalidIdentityAddressException,
  VerifiedIdentityException,
} from './contacts.exception';
import { normalizeAddress } from './identity-address';

/**
 * The contact without its conversations and marketing hold (the conversations module adds the
 * conversations it may show, and the hold).
 */
export type ContactProfile = Omit<ContactDto, 'conversations' | 'marketingHold'>;

const PROFILE_FIELDS = [
  'name',
  'company',
  'language',
  'preferredChannel',
  'quietHours',
  'attributes',
] as const;

const HISTORY_PAGE = 50;

/**
 * The contact's profile as staff edit it: fields, identities staff add, consent, notes, and the
 * history of every such change (who, when, before → after). Each write runs in the caller's
 * transaction, records its history entry and announces `contact.updated`.
 */
@Injectable()
export class ContactProfileService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async profile(id: string, m: EntityManager = this.db.manager): Promise<ContactProfile> {
    const contact = await m
      .getRepository(Contact)
      .findOne({ where: { id }, relations: { identities: true } });
    if (!contact) throw new NotFoundException('Contact', id);
    if (contact.mergedIntoId) throw new ContactMergedException(id, contact.mergedIntoId);
    const [consents, merges] = await Promise.all([this.consents(m, id), this.merges(m, id)]);
    return {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      preferredChannel: contact.preferredChannel,
      company: contact.company,
      language: contact.language,
      quietHours: contact.quietHours,
      attributes: contact.attributes ?? {},
      identities: (contact.identities ?? [])
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((i) => ({ id: i.id, kind: i.kind, address: i.address, verified: i.verified })),
      consents,
      merges,
      createdAt: contact.createdAt.toISOString(),
      updatedAt: contact.updatedAt.toISOString(),
      ...(contact.erasedAt && { erasedAt: contact.erasedAt.toISOString() }),
    };
  }

  /** Locks the contact row for the rest of the transaction; refuses a merged-away contact. */
  async lock(m: EntityManager, id: string): Promise<Contact> {
    const contact = await m
      .getRepository(Contact)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!contact) throw new NotFoundException('Contact', id);
    if (contact.mergedIntoId) throw new ContactMergedException(id, contact.mergedIntoId);
    return contact;
  }

  async update(
    m: EntityManager,
    id: string,
    actorId: string | null,
    input: UpdateContactRequest,
    batch: EventBatch,
  ): Promise<void> {
    const contact = await this.lock(m, id);
    const patch: Partial<Contact> = {};
    const changes: Record<string, [unknown, unknown]> = {};
    for (const field of PROFILE_FIELDS) {
      if (input[field] === undefined) continue;
      let next: unknown = input[field];
      if (field === 'attributes') next = withoutNulls(input.attributes ?? {});
      if (field === 'name') next = (next as string).slice(0, 200);
      const before = contact[field] ?? null;
      if (JSON.stringify(before) === JSON.stringify(next)) continue;
      changes[field] = [before, next];
      Object.assign(patch, { [field]: next });
    }
    if (Object.keys(changes).length === 0) return;
    await m.getRepository(Contact).update(id, patch);
    await this.recordChange(m, id, actorId, 'profile', changes);
    batch.add('contact.updated', { contactId: id });
  }

  /**
   * Adds an address the customer gave staff (unverified). An address another contact holds is
   * refused with that contact named: joining two customers is a merge, recorded and undoable.
   */
  async addIdentity(
    m: EntityManager,
    id: string,
    actorId: string | null,
    input: AddIdentityRequest,
    batch: EventBatch,
  ): Promise<void> {
    const address = normalizeAddress(input.kind, input.address);
    if (!address) throw new InvalidIdentityAddressException(input.kind);
    const contact = await this.lock(m, id);
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `identity:${input.kind}:${address}`,
    ]);
    const [owner]: { contact_id: string; name: string }[] = await m.query(
      `SELECT i.contact_id, c.name FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
        WHERE i.kind = $1 AND i.address = $2`,
      [input.kind, address],
    );
    if (owner?.contact_id === id) return;
    if (owner) throw new IdentityTakenException(input.kind, address, owner.contact_id, owner.name);
    await m.query(
      `INSERT INTO contact_identities (contact_id, kind, address, verified) VALUES ($1, $2, $3, false)`,
      [id, input.kind, address],
    );
    const patch: Partial<Contact> = {};
    if (input.kind === 'email' && !contact.email) patch.email = address;
    if ((input.kind === 'phone' || input.kind === 'whatsapp') && !contact.phone)
      patch.phone = address;
    await m.getRepository(Contact).update(id, { ...patch, updatedAt: new Date() });
    await this.recordChange(m, id, actorId, 'identity.added', {}, { kind: input.kind, address });
    batch.add('contact.updated', { contactId: id });
  }

  /** Removes an address staff added by mistake; one its channel proved stays. */
  async removeIdentity(
    m: EntityManager,
    id: string,
    identityId: string,
    actorId: string | null,
    batch: EventBatch,
  ): Promise<void> {
    const contact = await this.lock(m, id);
    const identity = await m.getRepository(ContactIdentity).findOne({
      where: { id: identityId, contactId: id },
    });
    if (!identity) throw new NotFoundException('Identity', identityId);
    if (identity.verified) throw new VerifiedIdentityException();
    await m.getRepository(ContactIdentity).delete(identity.id);
    // The primary email or phone follows the identities the contact still has.
    const rest = await m.getRepository(ContactIdentity).find({
      where: { contactId: id },
      order: { createdAt: 'ASC' },
    });
    const patch: Partial<Contact> = { updatedAt: new Date() };
    if (contact.email === identity.address)
      patch.email = rest.find((i) => i.kind === 'email')?.address ?? null;
    if (contact.phone === identity.address)
      patch.phone = rest.find((i) => i.kind === 'phone' || i.kind === 'whatsapp')?.address ?? null;
    await m.getRepository(Contact).update(id, patch);
    await this.recordChange(
      m,
      id,
      actorId,
      'identity.removed',
      {},
      { kind: identity.kind, address: identity.address },
    );
    batch.add('contact.updated', { contactId: id });
  }

  async recordConsent(
    m: EntityManager,
    id: string,
    actorId: string | null,
    input: RecordConsentRequest,
    batch: EventBatch,
  ): Promise<void> {
    await this.lock(m, id);
    const [before] = (await this.consents(m, id)).filter(
      (c) => c.purpose === input.purpose && c.channel === input.channel,
    );
    await m.query(
      `INSERT INTO contact_consents (contact_id, purpose, channel, granted, source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, input.purpose, input.channel, input.granted, input.source, actorId],
    );
    await m.query('UPDATE contacts SET updated_at = now() WHERE id = $1', [id]);
    await this.recordChange(
      m,
      id,
      actorId,
      'consent',
      { [`${input.purpose}:${input.channel}`]: [before?.granted ?? null, input.granted] },
      { purpose: input.purpose, channel: input.channel, source: input.source },
    );
    batch.add('contact.updated', { contactId: id });
  }

  /** The latest consent per purpose and channel. */
  async consents(m: EntityManager, id: string): Promise<ConsentDto[]> {
    const rows: {
      purpose: ConsentDto['purpose'];
      channel: ConsentDto['channel'];
      granted: boolean;
      source: string;
      recorded_at: Date;
      user_id: string | null;
      user_name: string | null;
    }[] = await m.query(
      `SELECT DISTINCT ON (k.purpose, k.channel) k.purpose, k.channel, k.granted, k.source,
              k.recorded_at, u.id AS user_id, u.name AS user_name
         FROM contact_consents k LEFT JOIN users u ON u.id = k.recorded_by
        WHERE k.contact_id = $1
        ORDER BY k.purpose, k.channel, k.recorded_at DESC, k.id`,
      [id],
    );
    return rows.map((r) => ({
      purpose: r.purpose,
      channel: r.channel,
      granted: r.granted,
      source: r.source,
      recordedAt: r.recorded_at.toISOString(),
      recordedBy: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
    }));
  }

  /** Merges into this contact not undone, newest first. */
  async merges(m: EntityManager, id: string): Promise<ContactMergeDto[]> {
    const rows: MergeRow[] = await m.query(
      `${MERGE_SELECT} WHERE g.contact_id = $1 AND g.undone_at IS NULL ORDER BY g.created_at DESC LIMIT 20`,
      [id],
    );
    return rows.map(toMergeDto);
  }

  async merge(m: EntityManager, mergeId: string): Promise<ContactMergeDto> {
    const [row]: MergeRow[] = await m.query(`${MERGE_SELECT} WHERE g.id = $1`, [mergeId]);
    if (!row) throw new NotFoundException('Merge', mergeId);
    return toMergeDto(row);
  }

  async notes(id: string): Promise<ContactNoteDto[]> {
    const rows: NoteRow[] = await this.db.query(
      `${NOTE_SELECT} WHERE n.contact_id = $1 ORDER BY n.created_at DESC LIMIT 200`,
      [id],
    );
    return rows.map(toNoteDto);
  }

  async note(m: EntityManager, contactId: string, noteId: string): Promise<ContactNoteDto> {
    const [row]: NoteRow[] = await m.query(`${NOTE_SELECT} WHERE n.id = $1 AND n.contact_id = $2`, [
      noteId,
      contactId,
    ]);
    if (!row) throw new NotFoundException('Note', noteId);
    return toNoteDto(row);
  }

  async addNote(
    m: EntityManager,
    id: string,
    actorId: string | null,
    input: ContactNoteRequest,
    batch: EventBatch,
  ): Promise<string> {
    await this.lock(m, id);
    const [{ id: noteId }]: { id: string }[] = await m.query(
      `INSERT INTO contact_notes (contact_id, author_id, body) VALUES ($1, $2, $3) RETURNING id`,
      [id, actorId, input.body],
    );
    await this.recordChange(m, id, actorId, 'note', {}, { noteId, action: 'added' });
    batch.add('contact.updated', { contactId: id });
    return noteId;
  }

  async editNote(
    m: EntityManager,
    id: string,
    noteId: string,
    actorId: string | null,
    input: ContactNoteRequest,
    batch: EventBatch,
  ): Promise<void> {
    const before = await this.note(m, id, noteId);
    if (before.body === input.body) return;
    await m.query(`UPDATE contact_notes SET body = $2, updated_at = now() WHERE id = $1`, [
      noteId,
      input.body,
    ]);
    await this.recordChange(
      m,
      id,
      actorId,
      'note',
      { body: [before.body, input.body] },
      { noteId, action: 'edited' },
    );
    batch.add('contact.updated', { contactId: id });
  }

  async deleteNote(
    m: EntityManager,
    id: string,
    noteId: string,
    actorId: string | null,
    batch: EventBatch,
  ): Promise<void> {
    const before = await this.note(m, id, noteId);
    await m.query('DELETE FROM contact_notes WHERE id = $1', [noteId]);
    await this.recordChange(
      m,
      id,
      actorId,
      'note',
      { body: [before.body, null] },
      { noteId, action: 'deleted' },
    );
    batch.add('contact.updated', { contactId: id });
  }

  /** The edit history, newest first; `cursor` is the last entry's id of the page before. */
  async history(
    id: string,
    cursor?: string,
  ): Promise<{ changes: ContactChangeDto[]; nextCursor: string | null }> {
    const rows: {
      id: string;
      kind: ContactChangeKind;
      changes: Record<string, [unknown, unknown]>;
      data: Record<string, unknown>;
      created_at: Date;
      user_id: string | null;
      user_name: string | null;
    }[] = await this.db.query(
      `SELECT h.id, h.kind, h.changes, h.data, h.created_at, u.id AS user_id, u.name AS user_name
         FROM contact_changes h LEFT JOIN users u ON u.id = h.actor_id
        WHERE h.contact_id = $1
          AND ($2::uuid IS NULL OR (h.created_at, h.id) <
               (SELECT created_at, id FROM contact_changes WHERE id = $2::uuid))
        ORDER BY h.created_at DESC, h.id DESC LIMIT $3`,
      [id, cursor ?? null, HISTORY_PAGE + 1],
    );
    const page = rows.slice(0, HISTORY_PAGE);
    return {
      changes: page.map((r) => ({
        id: r.id,
        kind: r.kind,
        actor: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
        changes: r.changes,
        data: r.data,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor: rows.length > HISTORY_PAGE ? page[page.length - 1].id : null,
    };
  }

  async recordChange(
    m: EntityManager,
    contactId: string,
    actorId: string | null,
    kind: ContactChangeKind,
    changes: Record<string, [unknown, unknown]>,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await m.query(
      `INSERT INTO contact_changes (contact_id, actor_id, kind, changes, data) VALUES ($1, $2, $3, $4, $5)`,
      [contactId, actorId, kind, JSON.stringify(changes), JSON.stringify(data)],
    );
  }
}

function withoutNulls(attributes: ContactAttributes): ContactAttributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null));
}

interface MergeRow {
  id: string;
  contact_id: string;
  merged_contact_id: string;
  merged_name: string;
  basis: ContactMergeDto['basis'];
  note: string | null;
  created_at: Date;
  undone_at: Date | null;
  user_id: string | null;
  user_name: string | null;
}

const MERGE_SELECT = `SELECT g.id, g.contact_id, g.merged_contact_id, mc.name AS merged_name, g.basis,
    g.note, g.created_at, g.undone_at, u.id AS user_id, u.name AS user_name
  FROM contact_merges g JOIN contacts mc ON mc.id = g.merged_contact_id
  LEFT JOIN users u ON u.id = g.actor_id`;

function toMergeDto(r: MergeRow): ContactMergeDto {
  return {
    id: r.id,
    contactId: r.contact_id,
    mergedContactId: r.merged_contact_id,
    mergedContactName: r.merged_name,
    basis: r.basis,
    note: r.note,
    actor: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
    undoneAt: r.undone_at?.toISOString() ?? null,
  };
}

interface NoteRow {
  id: string;
  body: string;
  created_at: Date;
  updated_at: Date;
  user_id: string | null;
  user_name: string | null;
}

const NOTE_SELECT = `SELECT n.id, n.body, n.created_at, n.updated_at, u.id AS user_id, u.name AS user_name
  FROM contact_notes n LEFT JOIN users u ON u.id = n.author_id`;

function toNoteDto(r: NoteRow): ContactNoteDto {
  return {
    id: r.id,
    body: r.body,
    author: r.user_id ? { id: r.user_id, name: r.user_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
