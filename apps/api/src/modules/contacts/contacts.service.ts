import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InboundIdentity } from './identity-address';
import { ContactMergesService } from './contact-merges.service';
import { normalizeAddress } from './identity-address';

/** The contact as the inbound path needs it. */
export interface ContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

export interface ResolvedContact {
  contact: ContactRow;
  created: boolean;
}

/** One sender: the identities a message came with, and the name it gave. */
export interface ContactRequest {
  identities: InboundIdentity[];
  name?: string;
}

@Injectable()
export class ContactsService {
  constructor(private readonly merges: ContactMergesService) {}

  /**
   * Finds the contact owning any of the sender's identities, or creates one, and records identities it
   * did not have yet. Runs inside the caller's transaction; identity locks keep two concurrent first
   * messages of a new sender from creating two contacts. The contact row stays locked until commit.
   */
  async resolve(
    m: EntityManager,
    identities: InboundIdentity[],
    name?: string,
  ): Promise<ResolvedContact> {
    const [resolved] = await this.resolveMany(m, [{ identities, name }]);
    return resolved;
  }

  /**
   * `resolve` for several senders at once, as if one after the other in the given order (a later
   * sender sees the contacts and identities an earlier one created), with a fixed number of
   * statements: all identity locks in one (in key order, so two batches never deadlock on them),
   * the known identities with their contacts locked in one, then one write per kind of change.
   */
  async resolveMany(m: EntityManager, senders: ContactRequest[]): Promise<ResolvedContact[]> {
    const wanted = senders.map(({ identities }) => {
      const normalized = dedupe(
        identities.flatMap((i) => {
          const address = normalizeAddress(i.kind, i.address);
          return address ? [{ ...i, address }] : [];
        }),
      );
      if (normalized.length === 0) throw new Error('The message has no usable sender address');
      return normalized;
    });
    const all = dedupe(wanted.flat());
    await m.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k', [
      all.map((i) => `identity:${i.kind}:${i.address}`).sort(),
    ]);
    const rows: {
      kind: string;
      address: string;
      contact_id: string;
      verified: boolean;
      name: string;
      email: string | null;
      phone: string | null;
    }[] = await m.query(
      `SELECT i.kind, i.address, i.contact_id, i.verified, c.name, c.email, c.phone
         FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
        WHERE (i.kind, i.address) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))
        ORDER BY c.id FOR UPDATE OF c`,
      [all.map((i) => i.kind), all.map((i) => i.address)],
    );
    const key = (i: { kind: string; address: string }) => `${i.kind}:${i.address}`;
    const identitiesByKey = new Map(
      rows.map((r) => [key(r), { contactId: r.contact_id, verified: r.verified }]),
    );
    const contacts = new Map<string, ContactRow>(
      rows.map((r) => [
        r.contact_id,
        { id: r.contact_id, name: r.name, email: r.email, phone: r.phone },
      ]),
    );
    const created = new Set<string>();
    const changed = new Set<string>();
    const newIdentities: { contactId: string; kind: string; address: string; verified: boolean }[] =
      [];
    const upgrades: { contactId: string; kind: string; address: string }[] = [];
    const sightings: Parameters<ContactMergesService['recordSightings']>[1] = [];
    const seenAt = new Date().toISOString();

    const results = wanted.map((normalized, n): ResolvedContact => {
      const name = senders[n].name?.trim();
      // A verified identity decides over an unverified one.
      const linkable = normalized
        .map((i) => ({ i, known: identitiesByKey.get(key(i)) }))
        .filter((x) => x.known && x.i.canLink !== false)
        .sort((a, b) => Number(b.known?.verified) - Number(a.known?.verified));
      let contact: ContactRow;
      if (linkable[0]?.known) {
        contact = contacts.get(linkable[0].known.contactId)!;
      } else {
        contact = { id: randomUUID(), name: name?.slice(0, 200) ?? '', email: null, phone: null };
        contacts.set(contact.id, contact);
        created.add(contact.id);
      }
      // Identities another contact owns are skipped: the contact only gets addresses that are its own.
      // One sender showing another contact's address is evidence the two may be one person: a
      // suggestion for staff, verified only if the channel proved both addresses.
      const owned = new Set<string>();
      const linkedVerified = Boolean(linkable[0]?.known?.verified && linkable[0].i.verified);
      for (const i of normalized) {
        const known = identitiesByKey.get(key(i));
        if (known && known.contactId !== contact.id)
          sightings.push({
            contactId: contact.id,
            otherContactId: known.contactId,
            evidence: {
              kind: i.kind,
              address: i.address,
              verified: linkedVerified && Boolean(i.verified) && known.verified,
              seenAt,
              messageId: null,
            },
          });
        if (!known) {
          identitiesByKey.set(key(i), { contactId: contact.id, verified: Boolean(i.verified) });
          newIdentities.push({
            contactId: contact.id,
            kind: i.kind,
            address: i.address,
            verified: Boolean(i.verified),
          });
          owned.add(key(i));
        } else if (known.contactId === contact.id) {
          owned.add(key(i));
          // A verified sighting upgrades the stored identity.
          if (i.verified && !known.verified) {
            known.verified = true;
            upgrades.push({ contactId: contact.id, kind: i.kind, address: i.address });
          }
        }
      }
      const ownedOf = (kinds: string[]) =>
        normalized.find((i) => kinds.includes(i.kind) && owned.has(key(i)))?.address;
      const email = ownedOf(['email']);
      const phone = ownedOf(['phone', 'whatsapp']);
      let dirty = false;
      if (!contact.name && name) [contact.name, dirty] = [name.slice(0, 200), true];
      if (!contact.email && email) [contact.email, dirty] = [email, true];
      if (!contact.phone && phone) [contact.phone, dirty] = [phone, true];
      if (dirty) changed.add(contact.id);
      return { contact, created: created.has(contact.id) };
    });

    const fresh = [...created].map((id) => contacts.get(id)!);
    if (fresh.length)
      await m.query(
        `INSERT INTO contacts (id, name, email, phone)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[])`,
        [
          fresh.map((c) => c.id),
          fresh.map((c) => c.name),
          fresh.map((c) => c.email),
          fresh.map((c) => c.phone),
        ],
      );
    if (newIdentities.length)
      await m.query(
        `INSERT INTO contact_identities (contact_id, kind, address, verified)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::boolean[])
         ON CONFLICT (kind, address) DO NOTHING`,
        [
          newIdentities.map((i) => i.contactId),
          newIdentities.map((i) => i.kind),
          newIdentities.map((i) => i.address),
          newIdentities.map((i) => i.verified),
        ],
      );
    if (upgrades.length)
      await m.query(
        `UPDATE contact_identities i SET verified = true
           FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) AS u(contact_id, kind, address)
          WHERE i.contact_id = u.contact_id AND i.kind = u.kind AND i.address = u.address`,
        [
          upgrades.map((u) => u.contactId),
          upgrades.map((u) => u.kind),
          upgrades.map((u) => u.address),
        ],
      );
    const patched = [...changed].filter((id) => !created.has(id)).map((id) => contacts.get(id)!);
    if (patched.length)
      await m.query(
        `UPDATE contacts c SET name = u.name, email = u.email, phone = u.phone, updated_at = now()
           FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[]) AS u(id, name, email, phone)
          WHERE c.id = u.id`,
        [
          patched.map((c) => c.id),
          patched.map((c) => c.name),
          patched.map((c) => c.email),
          patched.map((c) => c.phone),
        ],
      );
    // Recorded after the new contacts exist: a sighting may name one.
    const sighted = sightings.filter((x) => x.contactId !== x.otherContactId);
    if (sighted.length) await this.merges.recordSightings(m, sighted);
    return results;
  }
}

function dedupe<T extends { kind: string; address: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = `${i.kind}:${i.address}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
