import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type {
  ContactDto,
  ContactListDto,
  ContactMergeDto,
  MergeSuggestionDto,
} from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { ContactMergesService } from '../src/modules/contacts/contact-merges.service';
import { CallbackServer } from './helpers/callback-server';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForContactOf } from './helpers/conversations';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const SECRET = 'api-channel-secret-0123456789';

describe('contacts: profile, link and merge that can be undone', () => {
  let t: TestApp;
  let callback: CallbackServer;
  let shopApp: Channel;
  let otherApp: Channel;
  let agent: ReturnType<typeof as>;
  let colleague: ReturnType<typeof as>;
  let outsider: ReturnType<typeof as>;
  let supervisor: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await startTestApp();
    callback = await new CallbackServer().start();
    const service = (await makeTeam(t.db, 'Service')).id;
    const other = (await makeTeam(t.db, 'Other')).id;
    shopApp = await makeChannel(t.db, 'api', service, {
      secret: SECRET,
      callbackUrl: callback.url,
    });
    otherApp = await makeChannel(t.db, 'api', other, {
      secret: SECRET,
      callbackUrl: callback.url,
    });
    const user = async (options: Parameters<typeof makeUser>[1]) =>
      as(t.url, (await login(t.url, await makeUser(t.db, options))).accessToken);
    agent = await user({ teams: [service] });
    colleague = await user({ teams: [service] });
    outsider = await user({ teams: [other] });
    supervisor = await user({ role: 'supervisor' });
  });
  afterAll(async () => {
    await t?.close();
    await callback?.stop();
  });

  /** A message through the shop app; answers the contact of its identifier once stored. */
  const send = async (contact: Record<string, string>, text = 'Hallo') => {
    const res = await postApiMessage(t.url, shopApp, { id: `m-${randomUUID()}`, contact, text });
    expect(res.status).toBe(202);
    return waitForContactOf(t.db, 'api', contact.identifier);
  };
  const conversationsOf = async (contactId: string) =>
    (
      (await t.db.query('SELECT id FROM conversations WHERE contact_id = $1 ORDER BY created_at', [
        contactId,
      ])) as { id: string }[]
    ).map((r) => r.id);

  /** Every row the two contacts own, as stored: what a merge changes and its undo restores. */
  const stateOf = async (ids: string[]) => ({
    contacts: await t.db.query(
      `SELECT id, name, email, phone, preferred_channel, company, language, quiet_hours, attributes,
              merged_into_id FROM contacts WHERE id = ANY($1) ORDER BY id`,
      [ids],
    ),
    identities: await t.db.query(
      `SELECT id, contact_id, kind, address, verified FROM contact_identities
        WHERE contact_id = ANY($1) ORDER BY id`,
      [ids],
    ),
    conversations: await t.db.query(
      `SELECT id, contact_id, status, owner_id, last_seq FROM conversations
        WHERE contact_id = ANY($1) ORDER BY id`,
      [ids],
    ),
    messages: await t.db.query(
      `SELECT m.id, m.contact_id, m.conversation_id, m.seq FROM messages m
         JOIN conversations c ON c.id = m.conversation_id WHERE c.contact_id = ANY($1) ORDER BY m.id`,
      [ids],
    ),
    notes: await t.db.query(
      'SELECT id, contact_id, body FROM contact_notes WHERE contact_id = ANY($1) ORDER BY id',
      [ids],
    ),
    consents: await t.db.query(
      'SELECT id, contact_id, purpose, channel, granted FROM contact_consents WHERE contact_id = ANY($1) ORDER BY id',
      [ids],
    ),
  });

  it('suggests a merge from a sighting, refuses it on unverified data, and undoes it exactly', async () => {
    const email = `karla-${randomUUID()}@example.test`;
    // The shop app knew Karla by her email; later her new app account writes with the same email.
    const first = await send({ identifier: `old-${randomUUID()}`, email, name: 'Karla Kunde' });
    const second = await send({ identifier: `new-${randomUUID()}` });
    const sighting = await send({
      identifier: (
        await t.db.query(
          "SELECT address FROM contact_identities WHERE contact_id = $1 AND kind = 'api'",
          [second],
        )
      )[0].address,
      email,
    });
    expect(sighting).toBe(second);
    expect(first).not.toBe(second);

    // The first contact's profile gets attributes, a note and consent before the merge.
    expect(
      (
        await agent
          .patch(`/api/contacts/${first}`)
          .send({ company: 'Kunde GmbH', language: 'de', attributes: { customer_no: 'K-42' } })
      ).status,
    ).toBe(200);
    expect(
      (await agent.post(`/api/contacts/${first}/notes`).send({ body: 'Prefers calls' })).status,
    ).toBe(201);
    expect(
      (
        await agent
          .post(`/api/contacts/${first}/consents`)
          .send({ purpose: 'marketing', channel: 'email', granted: true, source: 'web form' })
      ).status,
    ).toBe(200);

    const suggestions = (await agent.get(`/api/contacts/${second}/merge-suggestions`))
      .body as MergeSuggestionDto[];
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0].contact.id).toBe(first);
    expect(suggestions[0].verified).toBe(false);
    expect(suggestions[0].evidence).toEqual([
      expect.objectContaining({ kind: 'email', address: email, verified: false }),
    ]);

    const refused = await agent
      .post(`/api/contacts/${second}/merge`)
      .send({ otherContactId: first, basis: 'verified_identifiers' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain(`email ${email}: not verified`);
    const noNote = await agent
      .post(`/api/contacts/${second}/merge`)
      .send({ otherContactId: first, basis: 'confirmed_by_staff' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.message).toMatch(/^note /);

    const before = await stateOf([first, second]);
    const merged = await agent.post(`/api/contacts/${second}/merge`).send({
      otherContactId: first,
      basis: 'confirmed_by_staff',
      note: 'Customer confirmed both accounts on the phone',
    });
    expect(merged.status).toBe(200);
    const merge = merged.body as ContactMergeDto;
    expect(merge).toMatchObject({ contactId: second, mergedContactId: first, undoneAt: null });

    const kept = (await agent.get(`/api/contacts/${second}`)).body as ContactDto;
    expect(kept.identities.map((i) => i.address)).toEqual(expect.arrayContaining([email]));
    expect(kept.identities).toHaveLength(3);
    expect(kept.conversations.map((c) => c.id).sort()).toEqual(
      [...before.conversations.map((c: { id: string }) => c.id)].sort(),
    );
    expect(kept).toMatchObject({ company: 'Kunde GmbH', language: 'de', email });
    expect(kept.attributes).toEqual({ customer_no: 'K-42' });
    expect(kept.consents).toEqual([
      expect.objectContaining({ purpose: 'marketing', channel: 'email', granted: true }),
    ]);
    expect(kept.merges.map((m) => m.id)).toEqual([merge.id]);
    const gone = await agent.get(`/api/contacts/${first}`);
    expect(gone.status).toBe(409);
    expect(gone.body.related).toEqual({ contactId: second });

    const undone = await agent.post(`/api/contacts/merges/${merge.id}/undo`);
    expect(undone.status).toBe(200);
    expect((undone.body as ContactMergeDto).undoneAt).not.toBeNull();
    expect(await stateOf([first, second])).toEqual(before);
    expect((await agent.post(`/api/contacts/merges/${merge.id}/undo`)).status).toBe(409);

    const history = (await agent.get(`/api/contacts/${second}/history`)).body;
    expect(history.changes.map((c: { kind: string }) => c.kind).slice(0, 2)).toEqual([
      'unmerged',
      'merged',
    ]);

    // Merged again, a message to the merged contact's address reaches the kept contact.
    const again = await agent.post(`/api/contacts/${second}/merge`).send({
      otherContactId: first,
      basis: 'confirmed_by_staff',
      note: 'Checked again',
    });
    expect(again.status).toBe(200);
    const oldIdentifier = before.identities.find(
      (i: { contact_id: string; kind: string }) => i.contact_id === first && i.kind === 'api',
    ).address;
    const res = await postApiMessage(t.url, shopApp, {
      id: `m-${randomUUID()}`,
      contact: { identifier: oldIdentifier },
      text: 'Noch eine Frage',
    });
    expect(res.status).toBe(202);
    await waitFor('the message on the kept contact', async () => {
      const rows: unknown[] = await t.db.query(
        `SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.contact_id = $1 AND m.text = 'Noch eine Frage'`,
        [second],
      );
      return rows.length ? true : null;
    });
    expect(await conversationsOf(first)).toEqual([]);
  });

  it('merges on identifiers both channels proved, with no note', async () => {
    const phone = '+4915199' + String(Math.floor(Math.random() * 1e5)).padStart(5, '0');
    const a = await send({ identifier: `a-${randomUUID()}` });
    const b = await send({ identifier: `b-${randomUUID()}` });
    // One number, proven by two providers (a call and a WhatsApp message).
    await t.db.query(
      `INSERT INTO contact_identities (contact_id, kind, address, verified) VALUES ($1, 'phone', $3, true), ($2, 'whatsapp', $3, true)`,
      [a, b, phone],
    );
    const [suggestion] = (await agent.get(`/api/contacts/${a}/merge-suggestions`))
      .body as MergeSuggestionDto[];
    expect(suggestion).toMatchObject({ verified: true, contact: { id: b } });
    const merged = await agent
      .post(`/api/contacts/${a}/merge`)
      .send({ otherContactId: b, basis: 'verified_identifiers' });
    expect(merged.status).toBe(200);
    expect((await conversationsOf(b)).length).toBe(0);
  });

  it('suggests many contacts at once, each with its evidence, in as many queries as one', async () => {
    const merges = t.app.get(ContactMergesService);
    const number = () => '+4915188' + String(Math.floor(Math.random() * 1e5)).padStart(5, '0');
    const [phone, secondPhone, otherPhone] = [number(), number(), number()];
    const [main, both, phoneOnly, seen, lonely, twin] = await Promise.all(
      ['main', 'both', 'phone', 'seen', 'lonely', 'twin'].map((name) =>
        send({ identifier: `${name}-${randomUUID()}` }),
      ),
    );
    await t.db.query(
      `INSERT INTO contact_identities (contact_id, kind, address, verified)
       VALUES ($1, 'phone', $4, true), ($2, 'whatsapp', $4, true),
              ($1, 'whatsapp', $5, true), ($3, 'phone', $5, false),
              ($6, 'phone', $8, false), ($7, 'whatsapp', $8, false)`,
      [main, both, phoneOnly, phone, secondPhone, lonely, twin, otherPhone],
    );
    const sighting = (address: string) => ({
      kind: 'email' as const,
      address,
      verified: false,
      seenAt: new Date().toISOString(),
      messageId: null,
    });
    await t.db.transaction((m) =>
      merges.recordSightings(m, [
        { contactId: main, otherContactId: both, evidence: sighting('both@example.test') },
        { contactId: seen, otherContactId: main, evidence: sighting('seen@example.test') },
      ]),
    );

    // Three suggestions (two stored, one found from the phone number) take as many queries as one.
    // Counts only the statements this read issues (its async context): the app's background work
    // (relays, sweeps) queries meanwhile.
    const reading = new AsyncLocalStorage<true>();
    const queries = async (contactId: string) => {
      let count = 0;
      const spies = [t.db, t.db.manager].map((target) => {
        const original = target.query.bind(target) as (...args: unknown[]) => Promise<unknown>;
        return jest.spyOn(target, 'query').mockImplementation((...args: unknown[]) => {
          if (reading.getStore()) count++;
          return original(...args) as never;
        });
      });
      try {
        const rows = await reading.run(true, () => merges.suggestions(contactId));
        return { rows: rows.length, count };
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    };
    const many = await queries(main);
    const one = await queries(lonely);
    expect([many.rows, one.rows]).toEqual([3, 1]);
    expect(one.count).toBeGreaterThan(0);
    expect(many.count).toBe(one.count);

    const suggestions = (await agent.get(`/api/contacts/${main}/merge-suggestions`))
      .body as MergeSuggestionDto[];
    const byContact = new Map(suggestions.map((s) => [s.contact.id, s]));
    expect([...byContact.keys()].sort()).toEqual([both, phoneOnly, seen].sort());
    expect(byContact.get(both)).toMatchObject({ verified: false });
    expect(byContact.get(both)?.evidence).toEqual([
      expect.objectContaining({ kind: 'email', address: 'both@example.test', verified: false }),
      expect.objectContaining({ kind: 'phone', address: phone, verified: true }),
    ]);
    expect(byContact.get(phoneOnly)).toMatchObject({
      verified: false,
      evidence: [{ kind: 'phone', address: secondPhone, verified: false, messageId: null }],
    });
    expect(byContact.get(seen)?.evidence).toEqual([
      expect.objectContaining({ kind: 'email', address: 'seen@example.test' }),
    ]);
    // The suggestion found from the phone number alone was stored: its id can be dismissed.
    const live = byContact.get(phoneOnly)?.id;
    expect((await agent.post(`/api/contacts/merge-suggestions/${live}/dismiss`)).status).toBe(204);
    expect(
      ((await agent.get(`/api/contacts/${main}/merge-suggestions`)).body as MergeSuggestionDto[])
        .map((s) => s.contact.id)
        .sort(),
    ).toEqual([both, seen].sort());
  });

  it('records the sightings of one intake in one go, as one sighting after the other would', async () => {
    const merges = t.app.get(ContactMergesService);
    const [x, y, z, w] = (
      (await t.db.query('INSERT INTO contacts (name) SELECT unnest($1::varchar[]) RETURNING id', [
        ['X', 'Y', 'Z', 'W'],
      ])) as { id: string }[]
    ).map((r) => r.id);
    const ev = (address: string, seenAt = '2026-01-01T00:00:00.000Z') => ({
      kind: 'email' as const,
      address,
      verified: false,
      seenAt,
      messageId: null,
    });
    const record = (sightings: Parameters<ContactMergesService['recordSightings']>[1]) =>
      t.db.transaction((m) => merges.recordSightings(m, sightings));
    const evidenceOf = async (a: string, b: string) =>
      (
        (await t.db.query(
          `SELECT evidence FROM contact_merge_suggestions
            WHERE contact_a_id = least($1::uuid, $2::uuid) AND contact_b_id = greatest($1::uuid, $2::uuid)`,
          [a, b],
        )) as { evidence: { address: string; seenAt: string }[] }[]
      )[0]?.evidence.map((e) => `${e.address}@${e.seenAt.slice(0, 4)}`);

    await record([
      { contactId: x, otherContactId: y, evidence: ev('a') },
      { contactId: x, otherContactId: y, evidence: ev('b') },
    ]);
    expect(await evidenceOf(x, y)).toEqual(['a@2026', 'b@2026']);
    // A pair seen again, from either side and twice in one intake: a repeated address is renewed.
    await record([
      { contactId: y, otherContactId: x, evidence: ev('a', '2027-01-01T00:00:00.000Z') },
      { contactId: x, otherContactId: z, evidence: ev('d') },
      { contactId: x, otherContactId: y, evidence: ev('c') },
      { contactId: y, otherContactId: x, evidence: ev('c', '2028-01-01T00:00:00.000Z') },
    ]);
    expect(await evidenceOf(x, y)).toEqual(['b@2026', 'a@2027', 'c@2028']);
    expect(await evidenceOf(x, z)).toEqual(['d@2026']);

    // At most ten pieces: the first nine stay, the newest takes the last place.
    const twelve = Array.from({ length: 12 }, (_, n) => ev(`e${n + 1}`));
    await record(twelve.map((evidence) => ({ contactId: w, otherContactId: x, evidence })));
    const nine = twelve.slice(0, 9).map((e) => `${e.address}@2026`);
    expect(await evidenceOf(x, w)).toEqual([...nine, 'e12@2026']);
    await record([
      { contactId: x, otherContactId: w, evidence: ev('e13') },
      { contactId: x, otherContactId: w, evidence: ev('e2', '2027-01-01T00:00:00.000Z') },
    ]);
    expect(await evidenceOf(x, w)).toEqual(['e1@2026', ...nine.slice(2), 'e13@2026', 'e2@2027']);
  });

  it('locks the pairs of one intake in one order, so two intakes never deadlock', async () => {
    const merges = t.app.get(ContactMergesService);
    const [x, y, z] = (
      (await t.db.query('INSERT INTO contacts (name) SELECT unnest($1::varchar[]) RETURNING id', [
        ['X', 'Y', 'Z'],
      ])) as { id: string }[]
    )
      .map((r) => r.id)
      .sort();
    const sighting = (contactId: string, otherContactId: string) => ({
      contactId,
      otherContactId,
      evidence: {
        kind: 'email' as const,
        address: `${otherContactId}@example.test`,
        verified: false,
        seenAt: new Date().toISOString(),
        messageId: null,
      },
    });
    // (x, y) sorts before (x, z).
    await t.db.transaction((m) => merges.recordSightings(m, [sighting(x, y), sighting(x, z)]));
    const first = t.db.createQueryRunner();
    const second = t.db.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      await merges.recordSightings(first.manager, [sighting(x, y)]);
      const [{ pid }]: { pid: number }[] = await second.query('SELECT pg_backend_pid() AS pid');
      // Given (x, z) first, the second intake still waits for (x, y) before it touches (x, z).
      const waiting = merges.recordSightings(second.manager, [sighting(x, z), sighting(x, y)]);
      await waitFor('the second intake to wait for the first', async () => {
        const rows: unknown[] = await t.db.query(
          "SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
          [pid],
        );
        return rows.length > 0;
      });
      await merges.recordSightings(first.manager, [sighting(x, z)]);
      await first.commitTransaction();
      await waiting;
      await second.commitTransaction();
    } finally {
      for (const runner of [first, second]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    }
  });

  it('links an address the customer gives, and names the contact who already has it', async () => {
    const email = `visitor-${randomUUID()}@example.test`;
    const owner = await send({ identifier: `o-${randomUUID()}`, email });
    const visitor = await send({ identifier: `v-${randomUUID()}` });
    const taken = await agent
      .post(`/api/contacts/${visitor}/identities`)
      .send({ kind: 'email', address: email.toUpperCase() });
    expect(taken.status).toBe(409);
    expect(taken.body.related).toEqual({ contactId: owner });
    const invalid = await agent
      .post(`/api/contacts/${visitor}/identities`)
      .send({ kind: 'email', address: 'no-at-sign' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('address');

    // Someone who may not see the contact holding the address learns only that it is taken.
    const otherIdentifier = `x-${randomUUID()}`;
    const posted = await postApiMessage(t.url, otherApp, {
      id: `m-${randomUUID()}`,
      contact: { identifier: otherIdentifier },
      text: 'Hallo',
    });
    expect(posted.status).toBe(202);
    const theirs = await waitForContactOf(t.db, 'api', otherIdentifier);
    const hidden = await outsider
      .post(`/api/contacts/${theirs}/identities`)
      .send({ kind: 'email', address: email });
    expect(hidden.status).toBe(409);
    expect(hidden.body.related).toBeUndefined();
    expect(hidden.body.message).toContain('another contact you do not work with');
    expect(hidden.body.message).not.toContain(owner);

    const fresh = `fresh-${randomUUID()}@example.test`;
    const linked = await agent
      .post(`/api/contacts/${visitor}/identities`)
      .send({ kind: 'email', address: fresh });
    expect(linked.status).toBe(200);
    const contact = linked.body as ContactDto;
    expect(contact.email).toBe(fresh);
    const added = contact.identities.find((i) => i.address === fresh)!;
    expect(added.verified).toBe(false);
    const proven = contact.identities.find((i) => i.kind === 'api')!;
    expect((await agent.delete(`/api/contacts/${visitor}/identities/${proven.id}`)).status).toBe(
      409,
    );
    const removed = await agent.delete(`/api/contacts/${visitor}/identities/${added.id}`);
    expect(removed.status).toBe(200);
    expect((removed.body as ContactDto).email).toBeNull();
  });

  it('validates profile edits by field and keeps their history', async () => {
    const id = await send({ identifier: `p-${randomUUID()}`, name: 'Paula' });
    const bad = await agent
      .patch(`/api/contacts/${id}`)
      .send({ quietHours: { from: '22:00', to: '7:00', timeZone: 'Mars/Base' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('quietHours.to');
    expect(bad.body.message).toContain('quietHours.timeZone');
    const ok = await agent.patch(`/api/contacts/${id}`).send({
      name: 'Paula Peters',
      quietHours: { from: '22:00', to: '07:00', timeZone: 'Europe/Berlin' },
    });
    expect(ok.status).toBe(200);
    const [change] = (await agent.get(`/api/contacts/${id}/history`)).body.changes;
    expect(change).toMatchObject({
      kind: 'profile',
      changes: {
        name: ['Paula', 'Paula Peters'],
        quietHours: [null, { from: '22:00', to: '07:00', timeZone: 'Europe/Berlin' }],
      },
    });
    const note = await agent.post(`/api/contacts/${id}/notes`).send({ body: 'VIP' });
    expect(
      (await colleague.patch(`/api/contacts/${id}/notes/${note.body.id}`).send({ body: 'x' }))
        .status,
    ).toBe(403);
    expect((await supervisor.delete(`/api/contacts/${id}/notes/${note.body.id}`)).status).toBe(204);
  });

  it('lists and shows only contacts whose conversations the user may see', async () => {
    const name = `Zora ${randomUUID().slice(0, 8)}`;
    const id = await send({ identifier: `z-${randomUUID()}`, name });
    await waitFor('the conversation', async () =>
      (await conversationsOf(id)).length ? true : null,
    );
    expect((await outsider.get(`/api/contacts/${id}`)).status).toBe(403);
    expect((await outsider.patch(`/api/contacts/${id}`).send({ company: 'x' })).status).toBe(403);
    const hidden = (await outsider.get(`/api/contacts?q=${encodeURIComponent(name)}`))
      .body as ContactListDto;
    expect(hidden.contacts).toEqual([]);
    const found = (await agent.get(`/api/contacts?q=${encodeURIComponent(name)}`))
      .body as ContactListDto;
    expect(found.contacts.map((c) => c.id)).toEqual([id]);
    expect(found.contacts[0]).toMatchObject({ identityKinds: ['api'], openConversations: 1 });
    // The latest active come first: a contact who writes again moves to the top.
    const earlier = await send({ identifier: `e-${randomUUID()}`, name: 'Erst Kontakt' });
    await send({ identifier: `l-${randomUUID()}`, name: 'Later Kontakt' });
    const again = (
      await t.db.query(
        "SELECT address FROM contact_identities WHERE contact_id = $1 AND kind = 'api'",
        [earlier],
      )
    )[0].address;
    await send({ identifier: again }, 'Noch einmal');
    await waitFor('the second message of the earlier contact', async () => {
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.contact_id = $1`,
        [earlier],
      );
      return n === 2 ? true : null;
    });
    const page = (await supervisor.get('/api/contacts?limit=1')).body as ContactListDto;
    expect(page.contacts.map((c) => c.id)).toEqual([earlier]);
    const next = await supervisor.get(`/api/contacts?limit=1&cursor=${page.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.contacts[0].id).not.toBe(page.contacts[0].id);
    expect((await supervisor.get('/api/contacts?cursor=nonsense')).status).toBe(400);
  });
});
