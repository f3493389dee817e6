import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactDto } from '@touchpoint/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundException } from '../../core/errors/app.exception';
import type { InboundIdentity } from './identity-address';
import { Contact, ContactIdentity } from './contact.entity';
import { normalizeAddress } from './identity-address';

export interface ResolvedContact {
  contact: Contact;
  created: boolean;
}

@Injectable()
export class ContactsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
    const normalized = dedupe(
      identities.flatMap((i) => {
        const address = normalizeAddress(i.kind, i.address);
        return address ? [{ ...i, address }] : [];
      }),
    );
    if (normalized.length === 0) throw new Error('The message has no usable sender address');

    for (const key of normalized.map((i) => `identity:${i.kind}:${i.address}`).sort()) {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    }

    const existing = await m
      .getRepository(ContactIdentity)
      .createQueryBuilder('i')
      .where(
        '(i.kind, i.address) IN (' + normalized.map((_, n) => `(:k${n}, :a${n})`).join(', ') + ')',
      )
      .setParameters(
        Object.fromEntries(
          normalized.flatMap((i, n) => [
            [`k${n}`, i.kind],
            [`a${n}`, i.address],
          ]),
        ),
      )
      .getMany();
    const linkable = existing.filter(
      (e) =>
        normalized.find((i) => i.kind === e.kind && i.address === e.address)?.canLink !== false,
    );
    // A verified identity decides over an unverified one.
    linkable.sort((a, b) => Number(b.verified) - Number(a.verified));

    let contact: Contact;
    let created = false;
    if (linkable.length) {
      const found = await m
        .getRepository(Contact)
        .findOne({ where: { id: linkable[0].contactId }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new Error(`Contact ${linkable[0].contactId} vanished`);
      contact = found;
    } else {
      contact = await m
        .getRepository(Contact)
        .save(m.getRepository(Contact).create({ name: name?.trim().slice(0, 200) ?? '' }));
      created = true;
    }

    const taken = new Set(existing.map((e) => `${e.kind}:${e.address}`));
    const fresh = normalized.filter((i) => !taken.has(`${i.kind}:${i.address}`));
    // Identities another contact owns are skipped: the contact only gets addresses that are its own.
    const owned = new Set(
      existing.filter((e) => e.contactId === contact.id).map((e) => `${e.kind}:${e.address}`),
    );
    if (fresh.length) {
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(ContactIdentity)
        .values(
          fresh.map((i) => ({
            contactId: contact.id,
            kind: i.kind,
            address: i.address,
            verified: Boolean(i.verified),
          })),
        )
        .orIgnore()
        .returning(['kind', 'address'])
        .execute();
      for (const row of inserted.raw as { kind: string; address: string }[])
        owned.add(`${row.kind}:${row.address}`);
    }
    // A verified sighting upgrades the stored identity.
    const alreadyVerified = new Set(
      existing.filter((e) => e.verified).map((e) => `${e.kind}:${e.address}`),
    );
    const insertedVerified = new Set(fresh.map((i) => `${i.kind}:${i.address}`));
    for (const i of normalized.filter(
      (x) =>
        x.verified &&
        !alreadyVerified.has(`${x.kind}:${x.address}`) &&
        !insertedVerified.has(`${x.kind}:${x.address}`),
    )) {
      await m
        .getRepository(ContactIdentity)
        .update({ kind: i.kind, address: i.address, contactId: contact.id }, { verified: true });
    }

    const patch: Partial<Contact> = {};
    if (!contact.name && name?.trim()) patch.name = name.trim().slice(0, 200);
    const ownedOf = (kinds: string[]) =>
      normalized.find((i) => kinds.includes(i.kind) && owned.has(`${i.kind}:${i.address}`))
        ?.address;
    const email = ownedOf(['email']);
    const phone = ownedOf(['phone', 'whatsapp']);
    if (!contact.email && email) patch.email = email;
    if (!contact.phone && phone) patch.phone = phone;
    if (Object.keys(patch).length) {
      await m.getRepository(Contact).update(contact.id, patch);
      Object.assign(contact, patch);
    }
    return { contact, created };
  }

  /** The contact and its identities; its conversations are the conversations module's to add. */
  async get(id: string): Promise<Omit<ContactDto, 'conversations'>> {
    const contact = await this.db
      .getRepository(Contact)
      .findOne({ where: { id }, relations: { identities: true } });
    if (!contact) throw new NotFoundException('Contact', id);
    return {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      identities: (contact.identities ?? [])
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((i) => ({ id: i.id, kind: i.kind, address: i.address, verified: i.verified })),
      createdAt: contact.createdAt.toISOString(),
    };
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
