import { randomUUID } from 'node:crypto';
import type { MessageDto, TimelineDto } from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('phone calls in the timeline', () => {
  let t: TestApp;
  let phoneSystem: Channel;
  let api: ReturnType<typeof as>;
  let token: string;
  let teamId: string;

  beforeAll(async () => {
    t = await startTestApp();
    teamId = (await makeTeam(t.db, 'Service')).id;
    phoneSystem = await makeChannel(t.db, 'api', teamId, { secret: 'p'.repeat(24) });
    const agent = await makeUser(t.db, { teams: [teamId], name: 'Anna' });
    token = (await login(t.url, agent)).accessToken;
    api = as(t.url, token);
  });
  afterAll(() => t.close());

  /** A phone number nobody else in this run has. */
  const newNumber = () => `+4930${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const conversationOfPhone = (phone: string) =>
    waitFor(`a conversation of ${phone}`, async () => {
      const rows: { id: string }[] = await t.db.query(
        `SELECT c.id FROM conversations c
           JOIN contact_identities i ON i.contact_id = c.contact_id AND i.kind = 'phone'
          WHERE i.address = $1`,
        [phone],
      );
      return rows[0]?.id ?? null;
    });
  const messagesOf = async (conversationId: string) =>
    (
      (await api.get(`/api/conversations/${conversationId}/timeline`)).body as TimelineDto
    ).entries.flatMap((e) => (e.type === 'message' ? [e.message] : []));

  it('a missed call with a voicemail from the phone system opens a conversation, live, with its details', async () => {
    const phone = newNumber();
    const socket = await readyStaff(t.url, token);
    try {
      const live = once<{ message: MessageDto }>(
        socket,
        'message.created',
        (p) => p.message.type === 'call',
      );
      const res = await postApiMessage(t.url, phoneSystem, {
        event: 'call',
        id: `call-${randomUUID()}`,
        contact: { phone, name: 'Jörg Müller' },
        direction: 'inbound',
        outcome: 'voicemail',
        startedAt: '2026-12-07T09:15:00+01:00',
        from: phone,
        to: '+49301234567',
        recordingUrl: 'https://pbx.example.test/recordings/4711.mp3',
        transcript:
          'Guten Tag, meine Bestellung 4711 ist nicht angekommen. Bitte rufen Sie zurück.',
      });
      expect(res.status).toBe(202);
      const { message } = await live;
      expect(message).toMatchObject({
        type: 'call',
        text: 'Guten Tag, meine Bestellung 4711 ist nicht angekommen. Bitte rufen Sie zurück.',
        author: { type: 'contact', name: 'Jörg Müller' },
        call: {
          direction: 'inbound',
          outcome: 'voicemail',
          startedAt: '2026-12-07T08:15:00.000Z',
          durationSeconds: 0,
          from: phone,
          to: '+49301234567',
          recordingUrl: 'https://pbx.example.test/recordings/4711.mp3',
        },
        deliveryStatus: null,
      });
    } finally {
      socket.disconnect();
    }
    const conversationId = await conversationOfPhone(phone);
    const [row] = await t.db.query(
      'SELECT preview_type, unread_count FROM conversations WHERE id = $1',
      [conversationId],
    );
    expect(row).toEqual({ preview_type: 'call', unread_count: 1 });
  });

  it('a call reported twice is stored once; a message and a call of one customer share a conversation', async () => {
    const phone = newNumber();
    await postApiMessage(t.url, phoneSystem, {
      id: `msg-${randomUUID()}`,
      contact: { phone },
      text: 'Ich schreibe, weil niemand abnimmt.',
    });
    const conversationId = await conversationOfPhone(phone);
    const call = {
      event: 'call',
      id: `call-${randomUUID()}`,
      contact: { phone },
      direction: 'inbound',
      outcome: 'answered',
      durationSeconds: 184,
    };
    const first = await postApiMessage(t.url, phoneSystem, call);
    const again = await postApiMessage(t.url, phoneSystem, call);
    expect([first.body.duplicate, again.body.duplicate]).toEqual([false, true]);
    await drainQueues(t);
    const messages = await messagesOf(conversationId);
    expect(messages.map((m) => [m.type, m.call?.durationSeconds ?? null])).toEqual([
      ['inbound', null],
      ['call', 184],
    ]);
  });

  it('refuses a call event with a link that is not a web address, naming the field', async () => {
    const res = await postApiMessage(t.url, phoneSystem, {
      event: 'call',
      id: `call-${randomUUID()}`,
      contact: { phone: newNumber() },
      direction: 'inbound',
      outcome: 'missed',
      recordingUrl: 'javascript:alert(1)',
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('recordingUrl');
  });

  it('an agent logs a call by hand, once however often the request repeats', async () => {
    const phone = newNumber();
    await postApiMessage(t.url, phoneSystem, {
      id: `msg-${randomUUID()}`,
      contact: { phone },
      text: 'Bitte um Rückruf',
    });
    const conversationId = await conversationOfPhone(phone);
    const body = {
      direction: 'outbound',
      outcome: 'answered',
      durationSeconds: 300,
      note: 'Zurückgerufen, Ersatzlieferung zugesagt.',
      clientMessageId: randomUUID(),
    };
    const logged = await api.post(`/api/conversations/${conversationId}/calls`).send(body);
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({
      type: 'call',
      text: 'Zurückgerufen, Ersatzlieferung zugesagt.',
      author: { type: 'user', name: 'Anna' },
      call: { direction: 'outbound', outcome: 'answered', durationSeconds: 300 },
      deliveryStatus: null,
    });
    const repeated = await api.post(`/api/conversations/${conversationId}/calls`).send(body);
    expect(repeated.status).toBe(200);
    expect(repeated.body.id).toBe(logged.body.id);

    const bad = await api
      .post(`/api/conversations/${conversationId}/calls`)
      .send({ ...body, outcome: 'exploded', clientMessageId: randomUUID() });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('outcome');

    const outsider = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { teams: [(await makeTeam(t.db, 'Sales')).id] })))
        .accessToken,
    );
    const refused = await outsider
      .post(`/api/conversations/${conversationId}/calls`)
      .send({ ...body, clientMessageId: randomUUID() });
    expect([403, 404]).toContain(refused.status);
    const calls = (await messagesOf(conversationId)).filter((m) => m.type === 'call');
    expect(calls).toHaveLength(1);
  });
});
