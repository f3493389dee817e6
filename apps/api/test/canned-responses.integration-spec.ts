import type { CannedResponseDto } from '@touchpoint/shared';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

/**
 * Canned responses: everyone keeps personal ones nobody else sees; a team's are seen by its members
 * and kept by supervisors and admins; a body naming a variable that does not exist is refused.
 */
describe('canned responses', () => {
  let t: TestApp;
  let serviceId: string;
  let users: Record<'eva' | 'ben' | 'otto' | 'sue', MadeUser>;
  let api: Record<'eva' | 'ben' | 'otto' | 'sue', Api>;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    const otherId = (await makeTeam(t.db, 'Other')).id;
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva Berger' }),
      ben: await makeUser(t.db, { teams: [serviceId], name: 'Ben Weber' }),
      otto: await makeUser(t.db, { teams: [otherId], name: 'Otto Outsider' }),
      sue: await makeUser(t.db, { role: 'supervisor', name: 'Sue Supervisor' }),
    };
    const entries = await Promise.all(
      Object.entries(users).map(async ([key, u]) => [
        key,
        as(t.url, (await login(t.url, u)).accessToken),
      ]),
    );
    api = Object.fromEntries(entries) as typeof api;
  });
  afterAll(() => t.close());

  const shortcutsOf = async (who: Api) =>
    ((await who.get('/api/canned-responses')).body as CannedResponseDto[]).map(
      (r) => `${r.shortcut}/${r.language}`,
    );

  it('keeps a personal canned response private to its owner', async () => {
    const created = await api.eva.post('/api/canned-responses').send({
      scope: 'personal',
      shortcut: 'Danke',
      title: 'Dank',
      body: 'Danke, {{contact.firstName}}! Viele Grüße, {{agent.firstName}}',
      language: 'de',
    });
    expect(created.status).toBe(201);
    const mine = created.body as CannedResponseDto;
    expect(mine).toMatchObject({
      scope: 'personal',
      ownerId: users.eva.id,
      team: null,
      shortcut: 'danke',
      editable: true,
    });

    expect(await shortcutsOf(api.eva)).toContain('danke/de');
    expect(await shortcutsOf(api.ben)).not.toContain('danke/de');
    expect(await shortcutsOf(api.sue)).not.toContain('danke/de');
    for (const who of [api.ben, api.sue]) {
      expect((await who.get(`/api/canned-responses/${mine.id}`)).status).toBe(404);
      expect(
        (await who.patch(`/api/canned-responses/${mine.id}`).send({ title: 'x' })).status,
      ).toBe(404);
      expect((await who.delete(`/api/canned-responses/${mine.id}`)).status).toBe(404);
    }

    const edited = await api.eva
      .patch(`/api/canned-responses/${mine.id}`)
      .send({ body: 'Danke {{contact.name}}' });
    expect(edited.status).toBe(200);
    expect(edited.body.body).toBe('Danke {{contact.name}}');
    const twice = await api.eva.post('/api/canned-responses').send({
      scope: 'personal',
      shortcut: 'danke',
      title: 'Noch einmal',
      body: 'Danke!',
      language: 'de',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('shortcut');
    expect((await api.eva.delete(`/api/canned-responses/${mine.id}`)).status).toBe(204);
    expect(await shortcutsOf(api.eva)).not.toContain('danke/de');
  });

  it('shows a team’s canned responses to its members, kept by supervisors', async () => {
    const team = {
      scope: 'team',
      teamId: serviceId,
      shortcut: 'return',
      title: 'Return label',
      body: 'Hi {{contact.firstName}}, your return label for "{{conversation.subject}}" is attached.',
      language: 'en',
    };
    const byAgent = await api.eva.post('/api/canned-responses').send(team);
    expect(byAgent.status).toBe(403);

    const created = await api.sue.post('/api/canned-responses').send(team);
    expect(created.status).toBe(201);
    const shared = created.body as CannedResponseDto;
    expect(shared).toMatchObject({ scope: 'team', team: { id: serviceId, name: 'Service' } });

    expect(await shortcutsOf(api.eva)).toContain('return/en');
    expect(await shortcutsOf(api.ben)).toContain('return/en');
    expect(await shortcutsOf(api.otto)).not.toContain('return/en');
    expect((await api.otto.get(`/api/canned-responses/${shared.id}`)).status).toBe(404);

    const seen = (await api.eva.get(`/api/canned-responses/${shared.id}`))
      .body as CannedResponseDto;
    expect(seen.editable).toBe(false);
    expect(
      (await api.eva.patch(`/api/canned-responses/${shared.id}`).send({ title: 'x' })).status,
    ).toBe(403);
    expect((await api.eva.delete(`/api/canned-responses/${shared.id}`)).status).toBe(403);
    expect(
      (await api.sue.patch(`/api/canned-responses/${shared.id}`).send({ title: 'Returns' })).body,
    ).toMatchObject({
      title: 'Returns',
    });

    const noTeam = await api.sue
      .post('/api/canned-responses')
      .send({ ...team, teamId: undefined, shortcut: 'x' });
    expect(noTeam.status).toBe(400);
    expect(JSON.stringify(noTeam.body)).toContain('teamId');
  });

  it('refuses unknown variables, naming them', async () => {
    const res = await api.eva.post('/api/canned-responses').send({
      scope: 'personal',
      shortcut: 'hallo',
      title: 'Hallo',
      body: 'Hallo {{contact.fullName}}, hier ist {{agent.firstName}} von {{company}}.',
      language: 'de',
    });
    expect(res.status).toBe(400);
    // Exactly the unknown ones are named, on the body.
    expect(res.body.details).toEqual([
      {
        path: 'body',
        message: expect.stringMatching(
          /^has unknown variables \{\{contact\.fullName\}\}, \{\{company\}\};/,
        ),
      },
    ]);
    expect(await shortcutsOf(api.eva)).not.toContain('hallo/de');

    const created = (
      await api.eva.post('/api/canned-responses').send({
        scope: 'personal',
        shortcut: 'hallo',
        title: 'Hallo',
        body: 'Hallo {{contact.firstName}}',
        language: 'de',
      })
    ).body as CannedResponseDto;
    const edit = await api.eva
      .patch(`/api/canned-responses/${created.id}`)
      .send({ body: 'Hallo {{kunde}}' });
    expect(edit.status).toBe(400);
    expect(JSON.stringify(edit.body)).toContain('{{kunde}}');
  });

  it('lists those in the agent’s language first', async () => {
    const create = (shortcut: string, language: 'de' | 'en') =>
      api.ben.post('/api/canned-responses').send({
        scope: 'personal',
        shortcut,
        title: shortcut,
        body: `${shortcut} ${language}`,
        language,
      });
    expect((await create('aaa', 'de')).status).toBe(201);
    expect((await create('zzz', 'en')).status).toBe(201);
    const languages = async () =>
      ((await api.ben.get('/api/canned-responses')).body as CannedResponseDto[])
        .filter((r) => r.ownerId === users.ben.id)
        .map((r) => r.shortcut);
    // Ben's language is English.
    expect(await languages()).toEqual(['zzz', 'aaa']);
    await t.db.query(`UPDATE users SET locale = 'de' WHERE id = $1`, [users.ben.id]);
    expect(await languages()).toEqual(['aaa', 'zzz']);
  });
});
