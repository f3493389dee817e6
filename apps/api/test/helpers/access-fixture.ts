import { randomUUID } from 'node:crypto';
import type { HandoffDto, TimelineDto } from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { FileStorage } from '../../src/core/storage/file-storage';
import type { Channel } from '../../src/modules/channels/channel.entity';
import { nextSeq } from '../../src/modules/conversations/conversation-writer';
import { Attachment, Message } from '../../src/modules/conversations/messages/message.entity';
import { makeChannel, postApiMessage } from './channels';
import { makeTeam, makeUser, type MadeUser } from './factories';
import { as, login } from './http';
import { readyStaff } from './sockets';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

/**
 * Who calls, named by their relation to the fixture's `owned` conversation (a Marketing
 * conversation claimed by `owner`) and `queued` conversation (waiting unowned in Marketing's queue).
 */
export const PEOPLE = [
  'owner', // agent in Marketing, claimed `owned`
  'colleague', // agent in Marketing: sees `queued`, not the owner's `owned`
  'specialist', // agent in Sales, accepted a consult on `owned` (participant, no expiry)
  'mentioned', // agent in Legal, @mentioned in a note on `owned` (participant)
  'expired', // agent in Sales, consulted on `owned`, grace period over (expires_at in the past)
  'outsider', // agent in Other, no relation
  'supervisor',
  'admin',
  'deactivated', // agent in Marketing, logged in, then deactivated by an admin
] as const;
export type Person = (typeof PEOPLE)[number];
export type Who = Person | 'anonymous';

export type Api = ReturnType<typeof as>;

export const NOTE = 'Kunde fragt nach 20 Stühlen, Lieferung bis Freitag zugesagt, bitte prüfen.';

export interface AccessFixture {
  t: TestApp;
  channel: Channel;
  teams: { marketing: string; sales: string; legal: string; other: string };
  users: Record<Person, MadeUser>;
  tokens: Record<Person, string>;
  /** Owned by `owner`; `specialist` and `mentioned` participate, `expired` did. */
  owned: string;
  ownedContactId: string;
  ownedEmail: string;
  /** Unowned in Marketing's queue. */
  queued: string;
  queuedContactId: string;
  queuedEmail: string;
  /** A contact with a resolved conversation of `owner` (`hidden`) and a new one in the queue (`visible`). */
  mixed: { contactId: string; hidden: string; visible: string; email: string };
  /** On `owned`: the specialist's accepted consult, and a consult to Sales nobody accepted yet. */
  acceptedConsult: string;
  pendingConsult: string;
  /** The specialist's `handoff.requested` notification. */
  specialistNotification: string;
  /** A signed download link of an attachment on `owned`, as its timeline hands it out. */
  attachmentUrl: string;
  /** Sockets connected before the deactivation (the `deactivated` one included). */
  sockets: Record<Person, Socket>;
  api(who: Who): Api;
  /** A new conversation waiting unowned in Marketing's queue. */
  fresh(): Promise<string>;
  /** A new conversation claimed by `owner`. */
  freshOwned(): Promise<string>;
  /** A new conversation of `owner` with a consult to Sales nobody accepted yet. */
  freshPendingConsult(): Promise<{ conversationId: string; handoffId: string }>;
  /** A new conversation of `owner` whose consult `specialist` accepted. */
  freshAcceptedConsult(): Promise<{ conversationId: string; handoffId: string }>;
  /** A new conversation of `owner` whose consult `specialist` completed: grace period running. */
  freshGrace(): Promise<string>;
  /** A suggested reply the specialist drafted on `owned`. */
  suggestion(): Promise<string>;
  /** A failed reply of `owner` on `owned`. */
  failedReply(): Promise<string>;
}

/** The same shape as `as()`, without an Authorization header. */
function anonymous(url: string): Api {
  return {
    get: (path: string) => request(url).get(path),
    post: (path: string) => request(url).post(path),
    patch: (path: string) => request(url).patch(path),
    put: (path: string) => request(url).put(path),
    delete: (path: string) => request(url).delete(path),
  };
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
}

export async function buildAccessFixture(t: TestApp): Promise<AccessFixture> {
  const [marketing, sales, legal, other] = await Promise.all(
    ['Marketing', 'Sales', 'Legal', 'Other'].map((name) => makeTeam(t.db, name)),
  );
  const channel = await makeChannel(t.db, 'api', marketing.id, {
    secret: 'access-matrix-secret-0123456789',
    callbackUrl: 'http://127.0.0.1:9/none',
  });
  const users: Record<Person, MadeUser> = {
    owner: await makeUser(t.db, { teams: [marketing.id], name: 'Olivia Owner' }),
    colleague: await makeUser(t.db, { teams: [marketing.id], name: 'Colin Colleague' }),
    specialist: await makeUser(t.db, { teams: [sales.id], name: 'Sam Specialist' }),
    mentioned: await makeUser(t.db, { teams: [legal.id], name: 'Mia Mentioned' }),
    expired: await makeUser(t.db, { teams: [sales.id], name: 'Exa Expired' }),
    outsider: await makeUser(t.db, { teams: [other.id], name: 'Otto Outsider' }),
    supervisor: await makeUser(t.db, { role: 'supervisor', name: 'Sue Supervisor' }),
    admin: await makeUser(t.db, { role: 'admin', name: 'Ada Admin' }),
    deactivated: await makeUser(t.db, { teams: [marketing.id], name: 'Dee Deactivated' }),
  };
  const tokens = Object.fromEntries(
    await Promise.all(
      PEOPLE.map(async (p) => [p, (await login(t.url, users[p])).accessToken] as const),
    ),
  ) as Record<Person, string>;
  const api = (who: Who): Api => (who === 'anonymous' ? anonymous(t.url) : as(t.url, tokens[who]));
  const owner = api('owner');

  /** Posts an inbound message and returns the contact's newest unresolved conversation. */
  async function inbound(email = `kunde-${randomUUID().slice(0, 8)}@example.test`) {
    expectStatus(
      await postApiMessage(t.url, channel, {
        id: randomUUID(),
        contact: { email, name: `Kunde ${email.slice(6, 14)}` },
        text: `Angebot für ${email}`,
      }),
      202,
      'inbound message',
    );
    const [row] = await waitFor('conversation of the inbound message', async () => {
      const rows: { id: string; contact_id: string }[] = await t.db.query(
        `SELECT c.id, c.contact_id FROM conversations c JOIN contacts k ON k.id = c.contact_id
         WHERE k.email = $1 AND c.status <> 'resolved' ORDER BY c.created_at DESC`,
        [email],
      );
      return rows.length ? rows : null;
    });
    return { id: row.id, contactId: row.contact_id, email };
  }

  async function claimed(): Promise<string> {
    const { id } = await inbound();
    expectStatus(await owner.post(`/api/conversations/${id}/claim`), 200, 'claim');
    return id;
  }

  async function consult(conversationId: string, target: { teamId?: string; userId?: string }) {
    const res = await owner
      .post(`/api/conversations/${conversationId}/handoffs`)
      .send({ kind: 'consult', note: NOTE, ...target });
    expectStatus(res, 201, 'consult');
    return (res.body as HandoffDto).id;
  }

  async function accepted(conversationId: string, by: Person, target: { userId: string }) {
    const handoffId = await consult(conversationId, target);
    expectStatus(await api(by).post(`/api/handoffs/${handoffId}/accept`), 200, 'accept');
    return handoffId;
  }

  // The owned conversation and everyone's relation to it.
  const ownedIn = await inbound();
  const owned = ownedIn.id;
  expectStatus(await owner.post(`/api/conversations/${owned}/claim`), 200, 'claim owned');
  const acceptedConsult = await accepted(owned, 'specialist', { userId: users.specialist.id });
  const expiredConsult = await accepted(owned, 'expired', { userId: users.expired.id });
  expectStatus(
    await api('expired')
      .post(`/api/handoffs/${expiredConsult}/complete`)
      .send({ summary: 'Angebot geprüft' }),
    200,
    'complete expired consult',
  );
  await t.db.query(
    `UPDATE conversation_participants SET expires_at = now() - interval '1 minute'
     WHERE conversation_id = $1 AND user_id = $2`,
    [owned, users.expired.id],
  );
  const pendingConsult = await consult(owned, { teamId: sales.id });
  expectStatus(
    await owner.post(`/api/conversations/${owned}/messages`).send({
      type: 'note',
      body: '@Mia kannst du die Vertragsklausel prüfen?',
      clientMessageId: randomUUID(),
    }),
    201,
    'mention',
  );
  const [{ id: specialistNotification }]: { id: string }[] = await t.db.query(
    `SELECT id FROM notifications WHERE user_id = $1 AND handoff_id = $2`,
    [users.specialist.id, acceptedConsult],
  );

  // An attachment on the customer's first message of `owned`.
  const [{ id: inboundMessageId }]: { id: string }[] = await t.db.query(
    `SELECT id FROM messages WHERE conversation_id = $1 AND type = 'inbound' ORDER BY seq LIMIT 1`,
    [owned],
  );
  const storageKey = await t.app
    .get(FileStorage)
    .put(Buffer.from('Vertrag'), { filename: 'vertrag.txt', contentType: 'text/plain' });
  await t.db.getRepository(Attachment).insert({
    messageId: inboundMessageId,
    filename: 'vertrag.txt',
    contentType: 'text/plain',
    size: 7,
    storageKey,
    contentId: null,
    inline: false,
  });
  const timeline = (await owner.get(`/api/conversations/${owned}/timeline`)).body as TimelineDto;
  const attachmentUrl = timeline.entries.flatMap((e) =>
    e.type === 'message' ? e.message.attachments.map((a) => a.url) : [],
  )[0];

  const queuedIn = await inbound();

  // A contact whose first conversation the owner resolved; their next message waits in the queue.
  const mixedFirst = await inbound();
  expectStatus(await owner.post(`/api/conversations/${mixedFirst.id}/claim`), 200, 'claim mixed');
  expectStatus(
    await owner.patch(`/api/conversations/${mixedFirst.id}`).send({ status: 'resolved' }),
    200,
    'resolve mixed',
  );
  const mixedSecond = await inbound(mixedFirst.email);

  const sockets = Object.fromEntries(
    await Promise.all(PEOPLE.map(async (p) => [p, await readyStaff(t.url, tokens[p])] as const)),
  ) as Record<Person, Socket>;

  expectStatus(await api('admin').delete(`/api/users/${users.deactivated.id}`), 204, 'deactivate');

  return {
    t,
    channel,
    teams: { marketing: marketing.id, sales: sales.id, legal: legal.id, other: other.id },
    users,
    tokens,
    owned,
    ownedContactId: ownedIn.contactId,
    ownedEmail: ownedIn.email,
    queued: queuedIn.id,
    queuedContactId: queuedIn.contactId,
    queuedEmail: queuedIn.email,
    mixed: {
      contactId: mixedFirst.contactId,
      hidden: mixedFirst.id,
      visible: mixedSecond.id,
      email: mixedFirst.email,
    },
    acceptedConsult,
    pendingConsult,
    specialistNotification,
    attachmentUrl,
    sockets,
    api,
    fresh: async () => (await inbound()).id,
    freshOwned: claimed,
    async freshPendingConsult() {
      const conversationId = await claimed();
      return { conversationId, handoffId: await consult(conversationId, { teamId: sales.id }) };
    },
    async freshAcceptedConsult() {
      const conversationId = await claimed();
      const handoffId = await accepted(conversationId, 'specialist', {
        userId: users.specialist.id,
      });
      return { conversationId, handoffId };
    },
    async freshGrace() {
      const conversationId = await claimed();
      const handoffId = await accepted(conversationId, 'specialist', {
        userId: users.specialist.id,
      });
      expectStatus(
        await api('specialist')
          .post(`/api/handoffs/${handoffId}/complete`)
          .send({ summary: 'Angebot steht' }),
        200,
        'complete consult',
      );
      return conversationId;
    },
    async suggestion() {
      const res = await api('specialist').post(`/api/conversations/${owned}/messages`).send({
        type: 'suggestion',
        body: 'Vorschlag: 20 Stühle à 89 €',
        clientMessageId: randomUUID(),
      });
      expectStatus(res, 201, 'suggestion');
      return (res.body as { id: string }).id;
    },
    async failedReply() {
      return t.db.transaction(async (m) => {
        const message = await m.getRepository(Message).save({
          conversationId: owned,
          seq: await nextSeq(m, owned),
          type: 'outbound',
          channelId: channel.id,
          authorUserId: users.owner.id,
          text: 'Eine Antwort, die nicht ankam',
          clientMessageId: randomUUID(),
          deliveryStatus: 'failed',
          deliveryError: 'connection refused',
          metadata: {},
        });
        return message.id;
      });
    },
  };
}
