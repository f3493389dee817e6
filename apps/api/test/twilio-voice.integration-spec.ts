import { randomBytes } from 'node:crypto';
import { SECRET_MASK, type MessageDto, type TimelineDto } from '@touchpoint/shared';
import { Channel } from '../src/modules/channels/channel.entity';
import { drainQueues } from './helpers/drain-queues';
import { FakeTwilio } from './helpers/fake-twilio';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const PUBLIC_URL = 'https://inbox.example.test';
const NUMBER = '+4930123456';
const TEAM_PHONE = '+4930999888';

let lastNumber = 1_623_456_000;
const customerNumber = () => `+49${++lastNumber}`;
const callSid = () => `CA${randomBytes(16).toString('hex')}`;

interface CallRow {
  id: string;
  type: string;
  text: string;
  metadata: { call: MessageDto['call'] };
  conversationId: string;
  contactId: string;
}

describe('phone calls through Twilio Voice', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let teamId: string;
  let admin: ReturnType<typeof as>;
  let agentToken: string;
  let account: { accountSid: string; authToken: string };
  let channel: Channel;

  const voiceUrl = (path = '', id = channel.id) =>
    `${PUBLIC_URL}/webhooks/twilio/${id}/voice${path}`;

  /** The parameters Twilio sends with every request about a call from `from`. */
  const callParams = (sid: string, from: string, extra: Record<string, string> = {}) => ({
    AccountSid: account.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: sid,
    From: from,
    To: NUMBER,
    Direction: 'inbound',
    FromCountry: 'DE',
    ToCountry: 'DE',
    ...extra,
  });

  const post = (path: string, params: Record<string, string>) =>
    fake.webhook(voiceUrl(path), params, account.authToken);

  const callOf = (sid: string, until: (row: CallRow) => boolean = () => true) =>
    waitFor(`call ${sid}`, async () => {
      const rows: CallRow[] = await t.db.query(
        `SELECT id, type, text, metadata, conversation_id AS "conversationId", contact_id AS "contactId"
           FROM messages WHERE channel_id = $1 AND provider_message_id = $2`,
        [channel.id, `call:${sid}`],
      );
      return rows[0] && until(rows[0]) && rows[0];
    });

  beforeAll(async () => {
    fake = await new FakeTwilio().start();
    t = await startTestApp({ PUBLIC_URL });
    fake.routePublicUrl(PUBLIC_URL, t.url);
    teamId = (await makeTeam(t.db, 'Service')).id;
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    agentToken = (await login(t.url, await makeUser(t.db, { teams: [teamId], name: 'Anna' })))
      .accessToken;
    account = fake.addAccount({ friendlyName: 'Kundenservice' });
    fake.addNumber(account.accountSid, NUMBER);
    const created = await admin.post('/api/channels').send({
      kind: 'twilio',
      name: 'Telefon und SMS',
      teamId,
      config: { ...account, phoneNumber: NUMBER, apiBaseUrl: fake.url },
    });
    expect(created.status).toBe(201);
    expect(created.body.endpoints).toMatchObject({
      voice: voiceUrl('', created.body.id),
      voiceStatus: voiceUrl('/status', created.body.id),
    });
    channel = await t.db.getRepository(Channel).findOneByOrFail({ id: created.body.id });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  it('answers a call only when Twilio signed it, and then with the voicemail', async () => {
    const sid = callSid();
    const params = callParams(sid, customerNumber(), { CallStatus: 'ringing' });
    const forged = await fake.webhook(
      voiceUrl(),
      params,
      account.authToken,
      fake.sign('0'.repeat(32), voiceUrl(), params),
    );
    expect(forged.status).toBe(401);
    expect(
      (
        await fake.webhook(
          voiceUrl('/status'),
          { ...params, CallStatus: 'completed' },
          account.authToken,
          null,
        )
      ).status,
    ).toBe(401);
    await drainQueues(t);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM inbound_events WHERE provider_message_id LIKE $1`,
      [`call:${sid}:%`],
    );
    expect(n).toBe(0);

    const answered = await post('', params);
    expect(answered.status).toBe(200);
    expect(answered.contentType).toBe('text/xml; charset=utf-8');
    expect(answered.body).toContain(
      '<Say language="en-US">Please leave a message after the tone.</Say>',
    );
    expect(answered.body).toContain(`<Record action="${voiceUrl('/voicemail')}"`);
    expect(answered.body).toContain(`transcribeCallback="${voiceUrl('/transcription')}"`);
  });

  it('a voicemail becomes one call entry with recording and transcript, whatever order Twilio reports it in, live in the inbox', async () => {
    const from = customerNumber();
    // The customer wrote by SMS before: the call joins their conversation.
    const sms = await fake.webhook(
      `${PUBLIC_URL}/webhooks/twilio/${channel.id}`,
      {
        AccountSid: account.accountSid,
        MessageSid: `SM${randomBytes(16).toString('hex')}`,
        From: from,
        To: NUMBER,
        Body: 'Meine Bestellung ist nicht angekommen',
        NumMedia: '0',
      },
      account.authToken,
    );
    expect(sms.status).toBe(200);
    const first = await waitFor('the SMS', async () => {
      const rows: { conversationId: string; contactId: string }[] = await t.db.query(
        `SELECT conversation_id AS "conversationId", contact_id AS "contactId" FROM messages
          WHERE channel_id = $1 AND text = 'Meine Bestellung ist nicht angekommen'`,
        [channel.id],
      );
      return rows[0];
    });

    const socket = await readyStaff(t.url, agentToken);
    try {
      const sid = callSid();
      const recording = `https://api.twilio.com/2010-04-01/Accounts/${account.accountSid}/Recordings/RE${randomBytes(16).toString('hex')}`;
      const created = once<{ message: MessageDto }>(
        socket,
        'message.created',
        (p) => p.message.type === 'call' && p.message.call?.from === from,
      );
      const transcribed = once<{ message: MessageDto }>(
        socket,
        'message.updated',
        (p) => p.message.call?.from === from && p.message.text.includes('zurück'),
      );
      // The transcript and the status callback arrive before the voicemail's own request.
      const reports: [string, Record<string, string>][] = [
        ['', { CallStatus: 'ringing' }],
        [
          '/transcription',
          {
            CallStatus: 'completed',
            TranscriptionSid: `TR${randomBytes(16).toString('hex')}`,
            TranscriptionStatus: 'completed',
            TranscriptionText: 'Hallo, hier ist Erika Müller, bitte rufen Sie mich zurück.',
            RecordingUrl: recording,
          },
        ],
        [
          '/status',
          { CallStatus: 'completed', CallDuration: '48', Timestamp: new Date().toUTCString() },
        ],
        [
          '/voicemail',
          { CallStatus: 'in-progress', RecordingUrl: recording, RecordingDuration: '21' },
        ],
      ];
      for (const [path, extra] of reports) {
        const res = await post(path, callParams(sid, from, extra));
        expect(res.status).toBeLessThan(300);
        // Twilio retries a report it got no answer to: a duplicate changes nothing.
        await post(path, callParams(sid, from, extra));
      }
      expect((await created).message.call?.direction).toBe('inbound');
      const live = (await transcribed).message;
      expect(live.call).toMatchObject({ outcome: 'voicemail', recordingUrl: recording });

      await drainQueues(t);
      const call = await callOf(sid);
      expect(call).toMatchObject({
        type: 'call',
        text: 'Hallo, hier ist Erika Müller, bitte rufen Sie mich zurück.',
        conversationId: first.conversationId,
        contactId: first.contactId,
      });
      expect(call.metadata.call).toMatchObject({
        direction: 'inbound',
        outcome: 'voicemail',
        durationSeconds: 0,
        from,
        to: NUMBER,
        recordingUrl: recording,
      });
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND provider_message_id = $2`,
        [channel.id, `call:${sid}`],
      );
      expect(n).toBe(1);

      // An agent reads it in the conversation, as a call.
      const agent = as(t.url, agentToken);
      const thread = await agent.get(`/api/conversations/${first.conversationId}/timeline`);
      expect(thread.status).toBe(200);
      const entries = (thread.body as TimelineDto).entries.flatMap((e) =>
        e.type === 'message' ? [e.message] : [],
      );
      expect(entries.find((m) => m.id === call.id)).toMatchObject({
        type: 'call',
        text: call.text,
        call: { outcome: 'voicemail', recordingUrl: recording },
      });
    } finally {
      socket.disconnect();
    }
  });

  it('forwards a call to the team phone: answered there for the talk time, or a voicemail when nobody picks up', async () => {
    const updated = await admin.patch(`/api/channels/${channel.id}`).send({
      config: {
        accountSid: account.accountSid,
        authToken: SECRET_MASK,
        phoneNumber: NUMBER,
        apiBaseUrl: fake.url,
        voiceForwardTo: TEAM_PHONE,
        voiceLanguage: 'de-DE',
      },
    });
    expect(updated.status).toBe(200);

    const from = customerNumber();
    const picked = callSid();
    const ring = await post('', callParams(picked, from, { CallStatus: 'ringing' }));
    expect(ring.body).toContain(`<Dial action="${voiceUrl('/dialed')}"`);
    expect(ring.body).toContain(`<Number>${TEAM_PHONE}</Number>`);
    const done = await post(
      '/dialed',
      callParams(picked, from, { DialCallStatus: 'completed', DialCallDuration: '125' }),
    );
    expect(done.body).toContain('<Hangup/>');
    await post(
      '/status',
      callParams(picked, from, { CallStatus: 'completed', CallDuration: '140' }),
    );
    const answered = await callOf(picked, (r) => r.metadata.call?.durationSeconds === 125);
    expect(answered.metadata.call).toMatchObject({ outcome: 'answered', durationSeconds: 125 });

    const missed = callSid();
    await post('', callParams(missed, from, { CallStatus: 'ringing' }));
    const noAnswer = await post(
      '/dialed',
      callParams(missed, from, { DialCallStatus: 'no-answer', DialCallDuration: '0' }),
    );
    expect(noAnswer.body).toContain('Bitte hinterlassen Sie nach dem Signalton eine Nachricht.');
    expect(noAnswer.body).toContain(`<Record action="${voiceUrl('/voicemail')}"`);
    // Twilio transcribes English only: a German voicemail is listened to.
    expect(noAnswer.body).not.toContain('transcribe');
    // The caller hangs up without leaving a message.
    await post(
      '/status',
      callParams(missed, from, { CallStatus: 'completed', CallDuration: '31' }),
    );
    await drainQueues(t);
    const hungUp = await callOf(missed);
    expect(hungUp.metadata.call).toMatchObject({ outcome: 'missed', durationSeconds: 0 });
    // Both calls are the same caller's, in one conversation.
    expect(hungUp.conversationId).toBe(answered.conversationId);
  });

  it('a call the number’s own set-up handled is reported by its status callback alone', async () => {
    const from = customerNumber();
    const sid = callSid();
    for (const status of ['ringing', 'in-progress'])
      await post('/status', callParams(sid, from, { CallStatus: status }));
    await post('/status', callParams(sid, from, { CallStatus: 'busy' }));
    const call = await callOf(sid);
    expect(call.metadata.call).toMatchObject({ outcome: 'busy', durationSeconds: 0 });
    const statuses: { key: string; status: string }[] = await t.db.query(
      `SELECT provider_message_id AS key, status FROM inbound_events
        WHERE channel_id = $1 AND provider_message_id LIKE $2 ORDER BY created_at`,
      [channel.id, `call:${sid}:%`],
    );
    // Every status is kept; those of a call still going say nothing for the timeline.
    expect(statuses).toEqual([
      { key: `call:${sid}:status:ringing`, status: 'ignored' },
      { key: `call:${sid}:status:in-progress`, status: 'ignored' },
      { key: `call:${sid}:status:busy`, status: 'processed' },
    ]);
  });
});
