import { randomUUID } from 'node:crypto';
import {
  REALTIME_EVENTS,
  REALTIME_PRESENCE_ACTIVITY,
  REALTIME_SET_PRESENCE,
  type PresenceSetAnswer,
  type PresenceUpdatedPayload,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

function ask(socket: Socket, event: string, body: unknown): Promise<PresenceSetAnswer> {
  return socket.timeout(5000).emitWithAck(event, body);
}

/** Automatic assignment gives work only to agents who are there: online, not away. */
describe('automatic assignment and presence', () => {
  let t: TestApp;
  let team: string;
  let channel: Channel;
  let anja: MadeUser;
  let otto: MadeUser;
  const tabs: Record<string, Socket> = {};
  let watcher: Socket;

  beforeAll(async () => {
    t = await startTestApp();
    team = (await makeTeam(t.db, 'Service')).id;
    await t.db.query('UPDATE teams SET auto_assign = true, max_open_per_agent = 5 WHERE id = $1', [
      team,
    ]);
    channel = await makeChannel(t.db, 'api', team, {
      secret: 'assignment-presence-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    // Made first: first in turn while neither was ever assigned.
    anja = await makeUser(t.db, { teams: [team], name: 'Away Anja' });
    otto = await makeUser(t.db, { teams: [team], name: 'Online Otto' });
    const supervisor = await makeUser(t.db, { role: 'supervisor' });
    watcher = await readyStaff(t.url, (await login(t.url, supervisor)).accessToken);
    for (const agent of [anja, otto])
      tabs[agent.id] = await readyStaff(t.url, (await login(t.url, agent)).accessToken);
  });
  afterAll(async () => {
    [watcher, ...Object.values(tabs)].forEach((s) => s.disconnect());
    await t.close();
  });

  const presenceOf = (user: MadeUser, status: PresenceUpdatedPayload['status']) =>
    once<PresenceUpdatedPayload>(
      watcher,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === user.id && p.status === status,
    );

  const arrive = async (): Promise<string> => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    const posted = await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Hallo',
    });
    expect(posted.status).toBeLessThan(300);
    return waitForConversationOf(t.db, email);
  };

  const ownerOf = async (id: string): Promise<string | null> => {
    const [row]: { owner_id: string | null }[] = await t.db.query(
      'SELECT owner_id FROM conversations WHERE id = $1',
      [id],
    );
    return row?.owner_id ?? null;
  };

  const assignedOwnerOf = (id: string) => waitFor(`owner of ${id}`, () => ownerOf(id));

  it('passes over an agent who chose away, gives the work to the online colleague, and to her again once she is back', async () => {
    const away = presenceOf(anja, 'away');
    expect(await ask(tabs[anja.id], REALTIME_SET_PRESENCE, { status: 'away' })).toMatchObject({
      ok: true,
    });
    await away;

    // Anja's turn, but she is away: Otto gets it.
    expect(await assignedOwnerOf(await arrive())).toBe(otto.id);

    // Both away: the next one waits in the queue...
    const ottoAway = presenceOf(otto, 'away');
    expect(await ask(tabs[otto.id], REALTIME_SET_PRESENCE, { status: 'away' })).toMatchObject({
      ok: true,
    });
    await ottoAway;
    const waiting = await arrive();
    await drainQueues(t);
    expect(await ownerOf(waiting)).toBeNull();

    // ...until Anja is back: her coming online runs the assignment, and it is her turn.
    expect(await ask(tabs[anja.id], REALTIME_SET_PRESENCE, { status: 'online' })).toMatchObject({
      ok: true,
    });
    expect(await assignedOwnerOf(waiting)).toBe(anja.id);
  });

  it('passes over an agent whose tabs are all idle', async () => {
    const back = presenceOf(otto, 'online');
    expect(await ask(tabs[otto.id], REALTIME_SET_PRESENCE, { status: 'online' })).toMatchObject({
      ok: true,
    });
    await back;

    // Otto's turn (Anja was assigned last), but his only tab has been idle.
    const idle = presenceOf(otto, 'away');
    expect(await ask(tabs[otto.id], REALTIME_PRESENCE_ACTIVITY, { idle: true })).toEqual({
      ok: true,
    });
    expect(await idle).toMatchObject({ idle: true });
    expect(await assignedOwnerOf(await arrive())).toBe(anja.id);

    // Input again: his turn counts again.
    const active = presenceOf(otto, 'online');
    expect(await ask(tabs[otto.id], REALTIME_PRESENCE_ACTIVITY, { idle: false })).toEqual({
      ok: true,
    });
    await active;
    expect(await assignedOwnerOf(await arrive())).toBe(otto.id);
  });

  it("gives an agent no more than a capacity of their own, in place of the team's", async () => {
    const admin = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken,
    );
    const refused = await admin.patch(`/api/users/${anja.id}`).send({ capacity: 0 });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('capacity');

    // Anja owns two; the team allows five each, her own capacity two. Her turn passes to Otto.
    const [{ n }]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM conversations WHERE owner_id = $1 AND status <> 'resolved'`,
      [anja.id],
    );
    expect(n).toBe(2);
    const limited = await admin.patch(`/api/users/${anja.id}`).send({ capacity: 2 });
    expect(limited.status).toBe(200);
    expect(limited.body).toMatchObject({ capacity: 2 });
    expect(await assignedOwnerOf(await arrive())).toBe(otto.id);

    // Back to the team's setting: it is her turn again, and she has room.
    expect((await admin.patch(`/api/users/${anja.id}`).send({ capacity: null })).status).toBe(200);
    expect(await assignedOwnerOf(await arrive())).toBe(anja.id);
  });
});
