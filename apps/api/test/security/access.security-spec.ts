import { randomUUID } from 'node:crypto';
import {
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  type ConversationViewersPayload,
  type HandoffDto,
  type MessageEventPayload,
  type PresenceUpdatedPayload,
} from '@touchpoint/shared';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Socket } from 'socket.io-client';
import { QUEUES } from '../../src/core/queue/queue.constants';
import { ParticipantAccessService } from '../../src/modules/handoffs/participant-access.service';
import type { Channel } from '../../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from '../helpers/channels';
import { waitForConversationOf } from '../helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from '../helpers/factories';
import { as, login } from '../helpers/http';
import { once, readyStaff } from '../helpers/sockets';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';

type Api = ReturnType<typeof as>;

/** The grace period (seconds) of the Sales and Legal teams in these tests. */
const GRACE = 3;
/** Longest wait for an access to end: the grace period and a generous margin. */
const END_WAIT_MS = (GRACE + 12) * 1000;

interface Participant {
  id: string;
  user_id: string;
  via: string;
  expires_at: Date | null;
  handoff_id: string | null;
}

describe('Access', () => {
  let t: TestApp;
  let channel: Channel;
  let teams: { marketing: string; sales: string; legal: string };
  let users: Record<'eva' | 'colin' | 'sam' | 'mia' | 'nora' | 'otto', MadeUser>;
  let tokens: Record<keyof typeof users, string>;
  let api: Record<keyof typeof users, Api>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const [marketing, sales, legal, archive] = await Promise.all(
      ['Marketing', 'Sales', 'Legal', 'Archive'].map((name) => makeTeam(t.db, name)),
    );
    await t.db.query(`UPDATE teams SET participant_grace_seconds = 600 WHERE id = $1`, [
      archive.id,
    ]);
    teams = { marketing: marketing.id, sales: sales.id, legal: legal.id };
    // Marketing (the conversations' team) keeps the default hour; Sales and Legal end quickly.
    await t.db.query(`UPDATE teams SET participant_grace_seconds = $1 WHERE id = ANY($2::uuid[])`, [
      GRACE,
      [sales.id, legal.id],
    ]);
    channel = await makeChannel(t.db, 'api', marketing.id, {
      secret: 'access-security-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [marketing.id], name: 'Eva Owner' }),
      colin: await makeUser(t.db, { teams: [marketing.id], name: 'Colin Colleague' }),
      sam: await makeUser(t.db, { teams: [sales.id], name: 'Sam Specialist' }),
      mia: await makeUser(t.db, { teams: [legal.id], name: 'Mia Legal' }),
      // In two teams besides the conversations' one: the shorter grace period counts.
      nora: await makeUser(t.db, { teams: [archive.id, legal.id], name: 'Nora Both' }),
      // In the conversations' team too: its grace period counts.
      otto: await makeUser(t.db, { teams: [legal.id, marketing.id], name: 'Otto Member' }),
    };
    const entries = await Promise.all(
      Object.entries(users).map(async ([k, u]) => [k, (await login(t.url, u)).accessToken]),
    );
    tokens = Object.fromEntries(entries) as typeof tokens;
    api = Object.fromEntries(entries.map(([k, token]) => [k, as(t.url, token)])) as typeof api;
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.close());

  async function socketOf(who: keyof typeof users): Promise<Socket> {
    const socket = await readyStaff(t.url, tokens[who]);
    sockets.push(socket);
    return socket;
  }

  /** Opens the conversation in the socket, as the inbox does: it joins the conversation's room. */
  async function open(socket: Socket, conversationId: string): Promise<{ ok: boolean }> {
    return socket.emitWithAck(REALTIME_JOIN_CONVERSATION, { conversationId }) as Promise<{
      ok: boolean;
    }>;
  }

  /** Every `message.created` of `conversationId` the socket hears from now on. */
  function heard(socket: Socket, conversationId: string): MessageEventPayload[] {
    const list: MessageEventPayload[] = [];
    socket.on(REALTIME_EVENTS.messageCreated, (p: MessageEventPayload) => {
      if (p.conversationId === conversationId) list.push(p);
    });
    return list;
  }

  /** A new customer conversation waiting in Marketing's queue; returns its id and the customer's email. */
  async function queued(): Promise<{ id: string; email: string }> {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    const res = await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Ich brauche ein Angebot',
    });
    expect(res.status).toBe(202);
    return { id: await waitForConversationOf(t.db, email), email };
  }

  async function owned(): Promise<{ id: string; email: string }> {
    const c = await queued();
    expect((await api.eva.post(`/api/conversations/${c.id}/claim`)).status).toBe(200);
    return c;
  }

  async function note(who: keyof typeof users, conversationId: string, body: string) {
    const res = await api[who]
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'note', body, clientMessageId: randomUUID() });
    expect(res.status).toBe(201);
  }

  async function consult(conversationId: string, target: { teamId?: string; userId?: string }) {
    const res = await api.eva
      .post(`/api/conversations/${conversationId}/handoffs`)
      .send({ kind: 'consult', note: 'Bitte Angebot prüfen', ...target });
    expect(res.status).toBe(201);
    return (res.body as HandoffDto).id;
  }

  function participants(conversationId: string): Promise<Participant[]> {
    return t.db.query(
      `SELECT id, user_id, via, expires_at, handoff_id FROM conversation_participants
       WHERE conversation_id = $1 ORDER BY user_id`,
      [conversationId],
    );
  }

  function waitForForbidden(who: keyof typeof users, conversationId: string): Promise<true> {
    return waitFor(
      `${who} to get 403 on the conversation`,
      async () => (await api[who].get(`/api/conversations/${conversationId}`)).status === 403,
      END_WAIT_MS,
    );
  }

  /**
   * The customer writes again; once the owner's socket has the message, a later event reaches
   * `listeners` through a room they are still in (a colleague coming online). Whatever the
   * conversation's rooms sent them, it arrived before that event.
   */
  async function customerWritesThenSentinel(
    email: string,
    owner: Socket,
    listeners: Socket[],
  ): Promise<void> {
    const text = `Noch eine Frage ${randomUUID()}`;
    const ownerHears = once<MessageEventPayload>(
      owner,
      REALTIME_EVENTS.messageCreated,
      (p) => p.message.text === text,
    );
    expect(
      (await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text })).status,
    ).toBe(202);
    await ownerHears;
    const sentinel = await makeUser(t.db, { name: `Sentinel ${randomUUID().slice(0, 6)}` });
    const arrived = listeners.map((s) =>
      once<PresenceUpdatedPayload>(
        s,
        REALTIME_EVENTS.presenceUpdated,
        (p) => p.userId === sentinel.id && p.status === 'online',
      ),
    );
    const socket = await readyStaff(t.url, (await login(t.url, sentinel)).accessToken);
    sockets.push(socket);
    await Promise.all(arrived);
  }

  it('an owner who mentions herself changes no participant row', async () => {
    const { id } = await owned();
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    const before = await participants(id);

    await note('eva', id, '@eva Erinnerung an mich: Freitag nachfassen');

    expect(await participants(id)).toEqual(before);
  });

  it('a specialist who mentions himself during the grace period loses access when it ends, REST and socket alike', async () => {
    const { id, email } = await owned();
    const eva = await socketOf('eva');
    const sam = await socketOf('sam');
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    expect(await open(sam, id)).toMatchObject({ ok: true });
    expect(
      (await api.sam.post(`/api/handoffs/${hid}/complete`).send({ summary: 'Preis steht' })).status,
    ).toBe(200);
    const ended = once<{ conversationId: string }>(
      sam,
      REALTIME_EVENTS.conversationAccessEnded,
      (p) => p.conversationId === id,
      END_WAIT_MS,
    );

    await note('sam', id, '@sam noch offen: Lieferzeit');

    const [row] = (await participants(id)).filter((p) => p.user_id === users.sam.id);
    expect(row.expires_at).not.toBeNull();
    await waitForForbidden('sam', id);
    await ended;
    const samHeard = heard(sam, id);
    await customerWritesThenSentinel(email, eva, [sam]);
    expect(samHeard).toEqual([]);
    expect(await open(sam, id)).toMatchObject({ ok: false });
  });

  it('a queue member who mentions himself or a colleague of another team loses access once a colleague claims it and the grace ends', async () => {
    const { id, email } = await queued();
    const colin = await socketOf('colin');
    const mia = await socketOf('mia');
    expect(await open(colin, id)).toMatchObject({ ok: true });

    await note('colin', id, '@colin @mia bitte die Vertragsklausel prüfen');

    expect(await open(mia, id)).toMatchObject({ ok: true });
    const colinRows = (await participants(id)).filter((p) => p.user_id === users.colin.id);
    expect(colinRows).toEqual([]);
    const miaEnded = once<{ conversationId: string }>(
      mia,
      REALTIME_EVENTS.conversationAccessEnded,
      (p) => p.conversationId === id,
      END_WAIT_MS,
    );
    const eva = await socketOf('eva');
    expect((await api.eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);

    await waitForForbidden('colin', id);
    await waitForForbidden('mia', id);
    await miaEnded;
    const colinHeard = heard(colin, id);
    const miaHeard = heard(mia, id);
    await customerWritesThenSentinel(email, eva, [colin, mia]);
    expect(colinHeard).toEqual([]);
    expect(miaHeard).toEqual([]);
  });

  it("a consult addressed to a person ends after that person's team grace period, not an hour", async () => {
    const { id } = await owned();
    const hid = await consult(id, { userId: users.sam.id });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    const before = Date.now();
    expect(
      (await api.sam.post(`/api/handoffs/${hid}/complete`).send({ summary: 'Erledigt' })).status,
    ).toBe(200);

    const [row] = (await participants(id)).filter((p) => p.user_id === users.sam.id);
    expect(row.expires_at).not.toBeNull();
    const grace = ((row.expires_at as Date).getTime() - before) / 1000;
    expect(grace).toBeGreaterThan(GRACE - 1);
    expect(grace).toBeLessThan(GRACE + 2);
    await waitForForbidden('sam', id);
  });

  it("a mention never lifts or lengthens an expiry, and a mentioned colleague's access has one", async () => {
    const { id } = await owned();
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    expect(
      (await api.sam.post(`/api/handoffs/${hid}/complete`).send({ summary: 'Preis steht' })).status,
    ).toBe(200);
    const [graceRow] = (await participants(id)).filter((p) => p.user_id === users.sam.id);

    await note('eva', id, '@sam @mia danke, eine Frage noch');

    const rows = await participants(id);
    expect(rows.find((p) => p.user_id === users.sam.id)).toEqual(graceRow);
    const mia = rows.find((p) => p.user_id === users.mia.id);
    expect(mia?.via).toBe('mention');
    expect(mia?.expires_at).not.toBeNull();
    expect((mia?.expires_at as Date).getTime()).toBeLessThanOrEqual(Date.now() + GRACE * 1000);
  });

  it("a mention lasts the grace period of the conversation's team if the person is in it, else the shortest of theirs", async () => {
    const { id } = await owned();
    const before = Date.now();

    await note('eva', id, '@nora @otto bitte kurz draufschauen');

    const rows = await participants(id);
    const seconds = (who: MadeUser) =>
      ((rows.find((p) => p.user_id === who.id)?.expires_at as Date).getTime() - before) / 1000;
    expect(seconds(users.nora)).toBeGreaterThan(GRACE - 1);
    expect(seconds(users.nora)).toBeLessThan(GRACE + 2);
    expect(seconds(users.otto)).toBeGreaterThan(3599);
    expect(seconds(users.otto)).toBeLessThan(3602);
  });

  it('an access whose delayed job Redis lost still ends: the sweep ends it and puts back the jobs of accesses ending soon', async () => {
    const { id, email } = await owned();
    const eva = await socketOf('eva');
    const sam = await socketOf('sam');
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    expect(await open(sam, id)).toMatchObject({ ok: true });
    const later = await owned();
    await note('eva', later.id, '@mia bitte prüfen');
    // Expiries written behind the queue's back, as if Redis had lost their jobs.
    await t.db.query(
      `UPDATE conversation_participants SET expires_at = now() WHERE conversation_id = $1`,
      [id],
    );
    const [[soon]]: [{ id: string; expires_at: Date }[], number] = await t.db.query(
      `UPDATE conversation_participants SET expires_at = now() + interval '5 minutes'
       WHERE conversation_id = $1 RETURNING id, expires_at`,
      [later.id],
    );
    const timers = t.app.get<Queue>(getQueueToken(QUEUES.timers), { strict: false });
    const soonJobId = `${soon.id}.${soon.expires_at.getTime()}`;
    expect(await timers.getJob(soonJobId)).toBeUndefined();
    const ended = once<{ conversationId: string }>(
      sam,
      REALTIME_EVENTS.conversationAccessEnded,
      (p) => p.conversationId === id,
    );

    await t.app.get(ParticipantAccessService).sweep();

    await ended;
    expect((await api.sam.get(`/api/conversations/${id}`)).status).toBe(403);
    const samHeard = heard(sam, id);
    await customerWritesThenSentinel(email, eva, [sam]);
    expect(samHeard).toEqual([]);
    expect(await timers.getJob(soonJobId)).toBeDefined();
  });

  it('a specialist whose accepted consult the owner cancels loses access when the grace period ends, socket included', async () => {
    const { id, email } = await owned();
    const eva = await socketOf('eva');
    const sam = await socketOf('sam');
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    expect(await open(sam, id)).toMatchObject({ ok: true });
    const ended = once<{ conversationId: string }>(
      sam,
      REALTIME_EVENTS.conversationAccessEnded,
      (p) => p.conversationId === id,
      END_WAIT_MS,
    );

    expect((await api.eva.post(`/api/handoffs/${hid}/cancel`)).status).toBe(200);

    await ended;
    expect((await api.sam.get(`/api/conversations/${id}`)).status).toBe(403);
    const samHeard = heard(sam, id);
    await customerWritesThenSentinel(email, eva, [sam]);
    expect(samHeard).toEqual([]);
  });

  it('a specialist the owner keeps in during the grace period keeps access when the old end comes', async () => {
    const { id, email } = await owned();
    const sam = await socketOf('sam');
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    expect(await open(sam, id)).toMatchObject({ ok: true });
    expect(
      (await api.sam.post(`/api/handoffs/${hid}/complete`).send({ summary: 'Preis steht' })).status,
    ).toBe(200);
    const [grace] = (await participants(id)).filter((p) => p.user_id === users.sam.id);
    const jobId = `${grace.id}.${(grace.expires_at as Date).getTime()}`;

    expect(
      (await api.eva.post(`/api/conversations/${id}/participants/${users.sam.id}/keep`)).status,
    ).toBe(200);

    const timers = t.app.get<Queue>(getQueueToken(QUEUES.timers), { strict: false });
    const outcome = await waitFor(
      'the end-of-access job of the old expiry to run',
      async () => {
        const job = await timers.getJob(jobId);
        return (await job?.getState()) === 'completed' && (job?.returnvalue as string);
      },
      END_WAIT_MS,
    );
    expect(outcome).toBe('ahead');
    expect((await api.sam.get(`/api/conversations/${id}`)).status).toBe(200);
    const text = `Noch da? ${randomUUID()}`;
    const samHears = once<MessageEventPayload>(
      sam,
      REALTIME_EVENTS.messageCreated,
      (p) => p.message.text === text,
    );
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text });
    await samHears;
  });

  it('a participant the owner removes leaves the conversation at once, socket included', async () => {
    const { id, email } = await owned();
    const eva = await socketOf('eva');
    const sam = await socketOf('sam');
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    expect(await open(sam, id)).toMatchObject({ ok: true });
    const ended = once<{ conversationId: string }>(
      sam,
      REALTIME_EVENTS.conversationAccessEnded,
      (p) => p.conversationId === id,
    );

    expect(
      (await api.eva.delete(`/api/conversations/${id}/participants/${users.sam.id}`)).status,
    ).toBe(204);

    expect((await api.sam.get(`/api/conversations/${id}`)).status).toBe(403);
    await ended;
    const samHeard = heard(sam, id);
    await customerWritesThenSentinel(email, eva, [sam]);
    expect(samHeard).toEqual([]);
  });

  it('whoever has the conversation open sees a removed participant leave its viewers', async () => {
    const { id } = await owned();
    const eva = await socketOf('eva');
    const sam = await socketOf('sam');
    const hid = await consult(id, { teamId: teams.sales });
    expect((await api.sam.post(`/api/handoffs/${hid}/accept`)).status).toBe(200);
    expect(await open(eva, id)).toMatchObject({ ok: true });
    const evaSeesSam = once<ConversationViewersPayload>(
      eva,
      REALTIME_EVENTS.conversationViewers,
      (p) => p.conversationId === id && p.viewers.some((v) => v.id === users.sam.id),
    );
    expect(await open(sam, id)).toMatchObject({ ok: true });
    await evaSeesSam;
    const evaSeesSamGone = once<ConversationViewersPayload>(
      eva,
      REALTIME_EVENTS.conversationViewers,
      (p) => p.conversationId === id && !p.viewers.some((v) => v.id === users.sam.id),
    );

    expect(
      (await api.eva.delete(`/api/conversations/${id}/participants/${users.sam.id}`)).status,
    ).toBe(204);

    expect((await evaSeesSamGone).viewers.map((v) => v.id)).toEqual([users.eva.id]);
  });
});
