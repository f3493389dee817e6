import { randomUUID } from 'node:crypto';
import type {
  BusinessCalendarInput,
  ConversationPriority,
  HandoffDto,
  SlaPolicyInput,
} from '@touchpoint/shared';
import { DateTime } from 'luxon';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

const ZONE = 'Europe/Berlin';
const MIN = 60;
const H = 3600;

describe('consult targets: per channel and priority, in the team business time', () => {
  let t: TestApp;
  let channel: Channel;
  let eva: Api;
  let clara: Api;
  let otto: Api;
  let admin: Api;

  beforeAll(async () => {
    t = await startTestApp();
    const marketingId = (await makeTeam(t.db, 'Marketing')).id;
    channel = await makeChannel(t.db, 'api', marketingId, {
      secret: 'consult-targets-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    const users: Record<'eva' | 'admin', MadeUser> = {
      eva: await makeUser(t.db, { teams: [marketingId], name: 'Eva' }),
      admin: await makeUser(t.db, { role: 'admin', name: 'Ada' }),
    };
    const token = async (u: MadeUser) => as(t.url, (await login(t.url, u)).accessToken);
    [eva, admin] = await Promise.all([token(users.eva), token(users.admin)]);
  });
  afterAll(() => t.close());

  /** A team with one member, who is signed in as `api`. */
  async function teamWithMember(name: string): Promise<{ teamId: string; member: Api }> {
    const teamId = (await makeTeam(t.db, `${name} ${randomUUID().slice(0, 6)}`)).id;
    const member = await makeUser(t.db, { teams: [teamId], name });
    return { teamId, member: as(t.url, (await login(t.url, member)).accessToken) };
  }

  /** A new conversation on the API channel, claimed by Eva, at this priority. */
  async function conversation(priority: ConversationPriority): Promise<string> {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text: 'Frage' });
    const conversationId = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    if (priority !== 'normal')
      expect(
        (await eva.patch(`/api/conversations/${conversationId}`).send({ priority })).status,
      ).toBe(200);
    return conversationId;
  }

  async function ask(
    conversationId: string,
    kind: 'consult' | 'transfer',
    teamId: string,
  ): Promise<HandoffDto> {
    const res = await eva
      .post(`/api/conversations/${conversationId}/handoffs`)
      .send({ kind, teamId, note: 'Bitte einmal draufschauen.' });
    expect(res.status).toBe(201);
    return res.body as HandoffDto;
  }

  async function accept(api: Api, handoffId: string): Promise<HandoffDto> {
    const res = await api.post(`/api/handoffs/${handoffId}/accept`);
    expect(res.status).toBe(200);
    return res.body as HandoffDto;
  }

  const instant = (iso: string | null) => (iso === null ? null : Date.parse(iso));

  it("counts a channel/priority policy's targets in the team's office hours and holidays", async () => {
    const { teamId, member } = await teamWithMember('Clara');
    clara = member;
    // Open every day 08:00–18:00, but yesterday to the day after tomorrow are holidays: whenever
    // this runs, the team next opens in three days (Berlin dates), at 08:00.
    const today = DateTime.now().setZone(ZONE).startOf('day');
    const day = (offset: number) => today.plus({ days: offset });
    const open = [{ from: '08:00', to: '18:00' }];
    const hours: BusinessCalendarInput = {
      timeZone: ZONE,
      week: { '1': open, '2': open, '3': open, '4': open, '5': open, '6': open, '7': open },
      holidays: [-1, 0, 1, 2].map((offset) => day(offset).toISODate() ?? ''),
    };
    expect((await admin.put(`/api/teams/${teamId}/business-hours`).send(hours)).status).toBe(200);
    const policies: SlaPolicyInput[] = [
      // The team's default policy sets only the answer target.
      { firstResponseSeconds: 4 * H, consultAnswerSeconds: 3 * H },
      // API channel, high priority: only the acceptance target; its answer target comes from the
      // default policy above, not from the team's own 2 hours.
      { channelKind: 'api', priority: 'high', consultAcceptSeconds: 20 * MIN },
    ];
    const saved = await admin.put(`/api/teams/${teamId}/sla-policies`).send({ policies });
    expect(saved.status).toBe(200);
    expect(saved.body.policies).toEqual([
      expect.objectContaining({ channelKind: null, priority: null, consultAcceptSeconds: null }),
      expect.objectContaining({ channelKind: 'api', priority: 'high', consultAnswerSeconds: null }),
    ]);
    const opening = day(3).set({ hour: 8 });

    const urgentish = await conversation('high');
    const consult = await ask(urgentish, 'consult', teamId);
    expect(instant(consult.acceptDueAt)).toBe(opening.plus({ minutes: 20 }).toMillis());
    // The reminder (half) and the at-risk moment (80 %) count in the same business time: not in
    // the closed days between the request and the opening.
    const moments = async (id: string) =>
      (
        (await t.db.query(
          `SELECT accept_remind_at, accept_risk_at, answer_remind_at, answer_risk_at
             FROM handoffs WHERE id = $1`,
          [id],
        )) as Record<string, Date | null>[]
      ).map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v?.getTime() ?? null])),
      )[0];
    expect(await moments(consult.id)).toEqual({
      accept_remind_at: opening.plus({ minutes: 10 }).toMillis(),
      accept_risk_at: opening.plus({ minutes: 16 }).toMillis(),
      answer_remind_at: null,
      answer_risk_at: null,
    });
    const accepted = await accept(clara, consult.id);
    expect(instant(accepted.answerDueAt)).toBe(opening.plus({ hours: 3 }).toMillis());
    expect(await moments(consult.id)).toMatchObject({
      answer_remind_at: opening.plus({ minutes: 90 }).toMillis(),
      answer_risk_at: opening.plus({ minutes: 144 }).toMillis(),
    });

    // Normal priority: no policy sets an acceptance target, so the team's own 15 minutes apply,
    // counted in the same business time; a transfer waits for acceptance like a consult.
    const normal = await conversation('normal');
    const transfer = await ask(normal, 'transfer', teamId);
    expect(instant(transfer.acceptDueAt)).toBe(opening.plus({ minutes: 15 }).toMillis());
    const stored: { accept_due_at: Date }[] = await t.db.query(
      'SELECT accept_due_at FROM handoffs WHERE id = $1',
      [transfer.id],
    );
    expect(stored[0]?.accept_due_at.getTime()).toBe(opening.plus({ minutes: 15 }).toMillis());
  });

  it("uses the team's own targets around the clock without policies or hours", async () => {
    const { teamId, member } = await teamWithMember('Otto');
    otto = member;
    await t.db.query(
      'UPDATE teams SET consult_accept_seconds = 600, consult_answer_seconds = 5400 WHERE id = $1',
      [teamId],
    );
    const conversationId = await conversation('high');

    const before = Date.now();
    const consult = await ask(conversationId, 'consult', teamId);
    const after = Date.now();
    const acceptDue = instant(consult.acceptDueAt) ?? Number.NaN;
    expect(acceptDue).toBeGreaterThanOrEqual(before + 600_000);
    expect(acceptDue).toBeLessThanOrEqual(after + 600_000);

    const accepted = await accept(otto, consult.id);
    const acceptedAt = instant(accepted.acceptedAt) ?? Number.NaN;
    expect(instant(accepted.answerDueAt)).toBe(acceptedAt + 5400_000);
  });
});
