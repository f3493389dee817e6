import { ALWAYS_OPEN_CALENDAR, type BusinessCalendarInput } from '@touchpoint/shared';
import { SlaSettingsService } from '../src/modules/sla/sla-settings.service';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const nineToFive = [{ from: '09:00', to: '17:00' }];
const OFFICE: BusinessCalendarInput = {
  timeZone: 'Europe/Berlin',
  week: {
    '1': nineToFive,
    '2': nineToFive,
    '3': nineToFive,
    '4': nineToFive,
    '5': nineToFive,
    '6': [],
    '7': [],
  },
  holidays: ['2026-12-24', '2026-12-25'],
};

/** A 400's problems by field path. */
function problems(body: { details?: { path: string; message: string }[] }): Record<string, string> {
  return Object.fromEntries((body.details ?? []).map((d) => [d.path, d.message]));
}

describe('SLA settings of a team', () => {
  let t: TestApp;
  let admin: ReturnType<typeof as>;
  let supervisor: ReturnType<typeof as>;
  let agent: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await startTestApp();
    const [a, s, g] = await Promise.all([
      makeUser(t.db, { role: 'admin' }),
      makeUser(t.db, { role: 'supervisor' }),
      makeUser(t.db, { role: 'agent' }),
    ]);
    admin = as(t.url, (await login(t.url, a)).accessToken);
    supervisor = as(t.url, (await login(t.url, s)).accessToken);
    agent = as(t.url, (await login(t.url, g)).accessToken);
  });
  afterAll(() => t.close());

  it('lets agents neither read nor write, supervisors read and admins write', async () => {
    const team = await makeTeam(t.db);
    const hours = `/api/teams/${team.id}/business-hours`;
    const policies = `/api/teams/${team.id}/sla-policies`;
    const forbidden = await Promise.all([
      agent.get(hours),
      agent.put(hours).send(OFFICE),
      agent.delete(hours),
      agent.get(policies),
      agent.put(policies).send({ policies: [] }),
      supervisor.put(hours).send(OFFICE),
      supervisor.delete(hours),
      supervisor.put(policies).send({ policies: [] }),
    ]);
    for (const res of forbidden) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'auth.forbidden' });
    }
    expect((await supervisor.get(hours)).status).toBe(200);
    expect((await supervisor.get(policies)).status).toBe(200);
    expect((await admin.put(hours).send(OFFICE)).status).toBe(200);
    expect((await admin.put(policies).send({ policies: [] })).status).toBe(200);
    expect((await admin.delete(hours)).status).toBe(204);
  });

  it('stores business hours, replaces them and goes back to around the clock', async () => {
    const team = await makeTeam(t.db);
    const path = `/api/teams/${team.id}/business-hours`;
    const sla = t.app.get(SlaSettingsService);

    expect((await admin.get(path)).body).toEqual({ teamId: team.id, businessHours: null });
    expect(await sla.calendarOf(team.id)).toEqual(ALWAYS_OPEN_CALENDAR);

    // The zone is stored as the runtime spells it; the holidays default to none.
    const put = await admin
      .put(path)
      .send({ ...OFFICE, timeZone: 'europe/berlin', holidays: undefined });
    expect(put.status).toBe(200);
    const expected = { ...OFFICE, timeZone: 'Europe/Berlin', holidays: [] };
    expect(put.body).toEqual({ teamId: team.id, businessHours: expected });
    expect((await supervisor.get(path)).body.businessHours).toEqual(expected);

    const split: BusinessCalendarInput = {
      timeZone: 'America/New_York',
      week: {
        ...OFFICE.week,
        '6': [
          { from: '00:00', to: '06:00' },
          { from: '22:00', to: '24:00' },
        ],
      },
      holidays: ['2026-07-03'],
    };
    expect((await admin.put(path).send(split)).body.businessHours).toEqual(split);
    expect(await sla.calendarOf(team.id)).toEqual(split);

    // Changing the team through its own endpoint leaves the hours alone.
    expect((await admin.patch(`/api/teams/${team.id}`).send({ description: 'Hours' })).status).toBe(
      200,
    );
    expect((await admin.get(path)).body.businessHours).toEqual(split);

    expect((await admin.delete(path)).status).toBe(204);
    expect((await admin.get(path)).body).toEqual({ teamId: team.id, businessHours: null });
    expect(await sla.calendarOf(team.id)).toEqual(ALWAYS_OPEN_CALENDAR);
  });

  it('names the field of each problem with business hours', async () => {
    const team = await makeTeam(t.db);
    const path = `/api/teams/${team.id}/business-hours`;
    const res = await admin.put(path).send({
      timeZone: 'Mars/Olympus_Mons',
      week: {
        ...OFFICE.week,
        '2': [
          { from: '09:00', to: '13:00' },
          { from: '12:00', to: '17:00' },
        ],
        '3': [{ from: '17:00', to: '09:00' }],
        '4': [{ from: '9:00', to: '24:01' }],
      },
      holidays: ['2026-12-24', '2026-02-30', '2026-12-24'],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(problems(res.body)).toEqual({
      timeZone: 'must be a time zone such as Europe/Berlin',
      'week.2.1.from': 'must not be before 13:00, when the interval before it closes',
      'week.3.0.to': 'must be after the opening time',
      'week.4.0.from': 'must be a time from 00:00 to 23:59 (HH:mm)',
      'week.4.0.to': 'must be a time from 00:00 to 24:00 (HH:mm)',
      'holidays.1': 'must be a date as YYYY-MM-DD',
      'holidays.2': 'repeats holidays.0 (2026-12-24)',
    });
    expect(res.body.message).toContain('week.3.0.to must be after the opening time');

    const closed = await admin.put(path).send({
      week: { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] },
    });
    expect(problems(closed.body)).toEqual({ week: 'must be open at some time of the week' });

    const missingDay = await admin.put(path).send({ week: { '1': nineToFive, '8': [] } });
    expect(missingDay.status).toBe(400);
    expect(problems(missingDay.body)).toMatchObject({
      'week.2': expect.any(String),
      week: 'has no weekday "8": weekdays are "1" (Monday) to "7" (Sunday)',
    });

    const tooMany = await admin.put(path).send({
      ...OFFICE,
      holidays: Array.from({ length: 201 }, (_, i) =>
        new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      ),
    });
    expect(problems(tooMany.body)).toEqual({ holidays: 'must have at most 200 dates' });

    // Nothing was stored by the refused requests.
    expect((await admin.get(path)).body.businessHours).toBeNull();
  });

  it('replaces the whole list of policies in one go', async () => {
    const team = await makeTeam(t.db);
    const path = `/api/teams/${team.id}/sla-policies`;
    const sla = t.app.get(SlaSettingsService);
    expect((await admin.get(path)).body).toEqual({ teamId: team.id, policies: [] });

    const first = await admin.put(path).send({
      policies: [
        { channelKind: 'whatsapp', priority: 'urgent', firstResponseSeconds: 300 },
        {
          priority: 'urgent',
          firstResponseSeconds: 900,
          resolutionSeconds: 8 * 3600,
          consultAcceptSeconds: 300,
        },
        {
          channelKind: null,
          priority: null,
          firstResponseSeconds: 4 * 3600,
          nextResponseSeconds: 8 * 3600,
          resolutionSeconds: 5 * 24 * 3600,
          consultAcceptSeconds: 1800,
          consultAnswerSeconds: 4 * 3600,
        },
      ],
    });
    expect(first.status).toBe(200);
    // The default first, then by how specific.
    expect(first.body.policies).toEqual([
      {
        id: expect.any(String),
        channelKind: null,
        priority: null,
        firstResponseSeconds: 4 * 3600,
        nextResponseSeconds: 8 * 3600,
        resolutionSeconds: 5 * 24 * 3600,
        consultAcceptSeconds: 1800,
        consultAnswerSeconds: 4 * 3600,
      },
      {
        id: expect.any(String),
        channelKind: null,
        priority: 'urgent',
        firstResponseSeconds: 900,
        nextResponseSeconds: null,
        resolutionSeconds: 8 * 3600,
        consultAcceptSeconds: 300,
        consultAnswerSeconds: null,
      },
      {
        id: expect.any(String),
        channelKind: 'whatsapp',
        priority: 'urgent',
        firstResponseSeconds: 300,
        nextResponseSeconds: null,
        resolutionSeconds: null,
        consultAcceptSeconds: null,
        consultAnswerSeconds: null,
      },
    ]);
    expect((await supervisor.get(path)).body).toEqual(first.body);
    expect(await sla.policiesOf(team.id)).toEqual(first.body.policies);

    const second = await admin.put(path).send({
      policies: [{ channelKind: 'email', firstResponseSeconds: 24 * 3600 }],
    });
    expect(second.body.policies).toEqual([
      expect.objectContaining({
        channelKind: 'email',
        priority: null,
        firstResponseSeconds: 86400,
      }),
    ]);
    const rows = await t.db.query('SELECT channel_kind FROM sla_policies WHERE team_id = $1', [
      team.id,
    ]);
    expect(rows).toEqual([{ channel_kind: 'email' }]);

    expect((await admin.put(path).send({ policies: [] })).body.policies).toEqual([]);
    expect(await sla.policiesOf(team.id)).toEqual([]);
  });

  it('refuses bad policies and duplicates, naming the entry, and keeps the list it had', async () => {
    const team = await makeTeam(t.db);
    const path = `/api/teams/${team.id}/sla-policies`;
    const kept = { channelKind: 'email', priority: null, firstResponseSeconds: 3600 };
    await admin.put(path).send({ policies: [kept] });

    const bad = await admin.put(path).send({
      policies: [
        { firstResponseSeconds: 30 },
        { channelKind: 'fax', priority: 'asap', resolutionSeconds: 91 * 24 * 3600 },
        { nextResponseSeconds: 90.5 },
        // The team's own ranges: up to 7 days to accept, 30 days to answer.
        { priority: 'low', consultAcceptSeconds: 8 * 24 * 3600, consultAnswerSeconds: 59 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(problems(bad.body)).toEqual({
      'policies.0.firstResponseSeconds': 'must be at least 60 seconds',
      'policies.1.channelKind':
        'must be one of email, form, webchat, api, twilio, whatsapp, messenger, instagram, telegram or null',
      'policies.1.priority': 'must be one of low, normal, high, urgent or null',
      'policies.1.resolutionSeconds': 'must be at most 7776000 seconds',
      'policies.2.nextResponseSeconds': 'must be a whole number of seconds',
      'policies.3.consultAcceptSeconds': 'must be at most 604800 seconds',
      'policies.3.consultAnswerSeconds': 'must be at least 60 seconds',
    });

    const duplicate = await admin.put(path).send({
      policies: [
        { channelKind: 'whatsapp', firstResponseSeconds: 600 },
        { priority: 'high', firstResponseSeconds: 600 },
        { channelKind: 'whatsapp', priority: null, resolutionSeconds: 3600 },
        { firstResponseSeconds: 600 },
        { channelKind: null, priority: null },
      ],
    });
    expect(duplicate.status).toBe(400);
    expect(problems(duplicate.body)).toEqual({
      'policies.2': 'has the same channel and priority as policies.0',
      'policies.4': 'has the same channel and priority as policies.3',
    });
    expect(duplicate.body.message).toContain(
      'policies.2 has the same channel and priority as policies.0',
    );

    expect((await admin.put(path).send({ rules: [] })).status).toBe(400);
    expect((await admin.get(path)).body.policies).toEqual([
      expect.objectContaining({ ...kept, nextResponseSeconds: null, resolutionSeconds: null }),
    ]);
  });

  it('answers 404 for an unknown team and 400 for an id that is none', async () => {
    const calls = [
      admin.get(`/api/teams/${UNKNOWN}/business-hours`),
      admin.put(`/api/teams/${UNKNOWN}/business-hours`).send(OFFICE),
      admin.delete(`/api/teams/${UNKNOWN}/business-hours`),
      admin.get(`/api/teams/${UNKNOWN}/sla-policies`),
      admin.put(`/api/teams/${UNKNOWN}/sla-policies`).send({ policies: [] }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        code: 'team.not_found',
        message: `Team ${UNKNOWN} does not exist`,
      });
    }
    const badId = await admin.get('/api/teams/not-a-team/sla-policies');
    expect(badId.status).toBe(400);
    expect(badId.body.message).toBe('id must be a UUID');
    await expect(t.app.get(SlaSettingsService).calendarOf(UNKNOWN)).rejects.toMatchObject({
      code: 'team.not_found',
    });
  });

  it('goes with its team', async () => {
    const team = await makeTeam(t.db);
    await admin.put(`/api/teams/${team.id}/business-hours`).send(OFFICE);
    await admin
      .put(`/api/teams/${team.id}/sla-policies`)
      .send({ policies: [{ firstResponseSeconds: 3600 }] });
    expect((await admin.delete(`/api/teams/${team.id}`)).status).toBe(204);
    const rows = await t.db.query('SELECT id FROM sla_policies WHERE team_id = $1', [team.id]);
    expect(rows).toEqual([]);
  });
});
