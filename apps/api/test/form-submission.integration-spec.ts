import request from 'supertest';
import type { DataSource } from 'typeorm';
import { FORM_RATE_LIMIT } from '../src/modules/channels/adapters/form/form-throttler.guard';
import { makeTeam } from './helpers/factories';
import { startTestApp, type TestApp } from './helpers/test-app';

const VALID = {
  name: 'Jürgen Müller',
  email: 'Juergen@Example.DE',
  phone: '0171 1234567',
  subject: 'Größe',
  message: 'Welche Größe hat das Paket? Übermorgen bin ich da.',
};

describe('contact form', () => {
  let t: TestApp;
  let db: DataSource;
  let url: string;
  let formId: string;

  async function channel(kind: string, enabled = true): Promise<string> {
    const team = await makeTeam(db);
    const config =
      kind === 'form' ? { replyFrom: 'kontakt@touchpoint.test' } : { secret: 'x'.repeat(16) };
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO channels (kind, name, team_id, config, inbox_address, enabled)
       VALUES ($1, 'Website', $2, $3, $4, $5) RETURNING id`,
      [
        kind,
        team.id,
        JSON.stringify(config),
        kind === 'form' ? 'kontakt@touchpoint.test' : null,
        enabled,
      ],
    );
    return row.id;
  }

  const events = (
    channelId: string,
  ): Promise<
    { provider_message_id: string; payload: Record<string, unknown>; raw: Buffer | null }[]
  > =>
    db.query(
      'SELECT provider_message_id, payload, raw FROM inbound_events WHERE channel_id = $1 ORDER BY created_at',
      [channelId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    ({ db, url } = t);
  });
  beforeEach(async () => {
    // A form of its own per test: the per-address rate limit counts per form.
    formId = await channel('form');
  });
  afterAll(() => t.close());

  it('stores a JSON post and answers 202 { ok: true }', async () => {
    const res = await request(url).post(`/forms/${formId}`).set('User-Agent', 'jest').send(VALID);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true });

    const [event, ...more] = await events(formId);
    expect(more).toEqual([]);
    expect(event.raw).toBeNull();
    expect(event.provider_message_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.payload).toEqual({
      name: 'Jürgen Müller',
      email: 'juergen@example.de',
      phone: '0171 1234567',
      subject: 'Größe',
      message: 'Welche Größe hat das Paket? Übermorgen bin ich da.',
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'jest',
      submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('stores a browser’s urlencoded post and shows a thank-you page in the browser’s language', async () => {
    const res = await request(url)
      .post(`/forms/${formId}`)
      .type('form')
      .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
      .set('Accept-Language', 'de-DE,de;q=0.9,en;q=0.8')
      .send({ ...VALID, phone: '', subject: '' });
    expect(res.status).toBe(202);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Vielen Dank!');
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    const [event] = await events(formId);
    expect(event.payload).toMatchObject({ name: 'Jürgen Müller', email: 'juergen@example.de' });
    expect(event.payload).not.toHaveProperty('phone');
    expect(event.payload).not.toHaveProperty('subject');
  });

  it('stores a retried post with the same Idempotency-Key once', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await request(url)
        .post(`/forms/${formId}`)
        .set('Idempotency-Key', 'submit-42')
        .send(VALID);
      expect(res.status).toBe(202);
    }
    expect((await events(formId)).map((e) => e.provider_message_id)).toEqual(['key:submit-42']);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const json = await request(url)
      .post(`/forms/${formId}`)
      .send({ ...VALID, website: 'https://spam.example' });
    expect(json.status).toBe(202);
    expect(json.body).toEqual({ ok: true });
    const browser = await request(url)
      .post(`/forms/${formId}`)
      .type('form')
      .send({ name: 'x', website: 'spam', lang: 'en' });
    expect(browser.status).toBe(202);
    expect(browser.text).toContain('Thank you!');
    expect(await events(formId)).toEqual([]);
  });

  it('answers bad input with 400 naming each field', async () => {
    const res = await request(url)
      .post(`/forms/${formId}`)
      .send({ name: ' ', email: 'nope', phone: '12', message: '' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'validation.failed',
    });
    const paths = (res.body.details as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(['email', 'message', 'name', 'phone']);
    expect(res.body.message).toContain('phone must be a phone number');
    expect(await events(formId)).toEqual([]);
  });

  it('answers 404 for unknown, disabled and non-form channels', async () => {
    const disabled = await channel('form', false);
    const api = await channel('api');
    for (const id of ['9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', disabled, api, 'not-a-uuid']) {
      const res = await request(url).post(`/forms/${id}`).send(VALID);
      expect(res.status).toBe(404);
      expect((await request(url).get(`/forms/${id}/embed`)).status).toBe(404);
    }
    expect(await events(disabled)).toEqual([]);
  });

  it(`limits one address to ${FORM_RATE_LIMIT} posts per form and window`, async () => {
    for (let i = 0; i < FORM_RATE_LIMIT; i++) {
      expect((await request(url).post(`/forms/${formId}`).send(VALID)).status).toBe(202);
    }
    const limited = await request(url).post(`/forms/${formId}`).send(VALID);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect(await events(formId)).toHaveLength(FORM_RATE_LIMIT);
    // Another form on the same site is counted apart.
    const other = await channel('form');
    expect((await request(url).post(`/forms/${other}`).send(VALID)).status).toBe(202);
  });

  it('serves an embeddable form in German and English, without scripts, frameable anywhere', async () => {
    const de = await request(url).get(`/forms/${formId}/embed?lang=de`);
    expect(de.status).toBe(200);
    expect(de.headers['content-type']).toMatch(/text\/html/);
    expect(de.text).toContain('<html lang="de">');
    expect(de.text).toContain('Nachricht');
    expect(de.text).toContain(`action="/forms/${formId}"`);
    expect(de.text).toContain('name="website"');
    expect(de.text).not.toMatch(/<script/i);
    expect(de.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(de.headers['content-security-policy']).toContain("default-src 'none'");
    expect(de.headers['x-frame-options']).toBeUndefined();

    const en = await request(url)
      .get(`/forms/${formId}/embed`)
      .set('Accept-Language', 'en-GB,en;q=0.9');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Message');
    const byHeader = await request(url)
      .get(`/forms/${formId}/embed`)
      .set('Accept-Language', 'fr, de;q=0.5');
    expect(byHeader.text).toContain('<html lang="de">');
  });

  it('documents the form endpoint in OpenAPI', async () => {
    const res = await request(url).get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/forms/{channelId}', '/forms/{channelId}/embed']),
    );
  });
});
