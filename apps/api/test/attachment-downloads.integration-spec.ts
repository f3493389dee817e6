import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FileStorage } from '../src/core/storage/file-storage';
import { FileLinks } from '../src/core/storage/file-links';
import { makeChannel, postApiMessage } from './helpers/channels';
import { makeTeam } from './helpers/factories';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('attachment downloads', () => {
  let t: TestApp;
  let messageId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const teamId = (await makeTeam(t.db, 'Service')).id;
    const channel = await makeChannel(t.db, 'api', teamId, { secret: 'a'.repeat(24) });
    const providerId = `files-${randomUUID()}`;
    await postApiMessage(t.url, channel, {
      id: providerId,
      contact: { email: `files-${randomUUID().slice(0, 6)}@example.test` },
      text: 'Dateien',
    });
    messageId = await waitFor('the message stored', async () => {
      const [row]: { id: string }[] = await t.db.query(
        'SELECT id FROM messages WHERE provider_message_id = $1',
        [providerId],
      );
      return row?.id ?? null;
    });
  });
  afterAll(() => t.close());

  /** Stores a file on the message and fetches it through its signed link, as a provider would. */
  const fetchAs = async (filename: string, contentType: string) => {
    const content = Buffer.from(`content of ${filename}`);
    const storageKey = await t.app.get(FileStorage).put(content, { filename, contentType });
    const [{ id }]: { id: string }[] = await t.db.query(
      `INSERT INTO attachments (message_id, filename, content_type, size, storage_key)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [messageId, filename, contentType, content.length, storageKey],
    );
    const res = await request(t.url).get(t.app.get(FileLinks).url(id));
    expect(res.status).toBe(200);
    return res.headers;
  };

  it('serves files a provider fetches with their own type, as downloads, in a sandbox', async () => {
    for (const [name, type] of [
      ['Rechnung.pdf', 'application/pdf'],
      ['Sprachnachricht.ogg', 'audio/ogg'],
      ['Video.mp4', 'video/mp4'],
    ]) {
      const headers = await fetchAs(name, type);
      expect(headers['content-type']).toBe(type);
      expect(headers['content-disposition']).toMatch(/^attachment; /);
      expect(headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('shows pictures inline, and never serves HTML or SVG as what they claim to be', async () => {
    expect((await fetchAs('foto.png', 'image/png'))['content-disposition']).toMatch(/^inline; /);
    for (const [name, type] of [
      ['seite.html', 'text/html'],
      ['bild.svg', 'image/svg+xml'],
    ]) {
      const headers = await fetchAs(name, type);
      expect(headers['content-type']).toBe('application/octet-stream');
      expect(headers['content-disposition']).toMatch(/^attachment; /);
    }
  });
});
