import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AuditLogPageDto,
  ContactErasureDto,
  HandoffDto,
  ReportOverviewDto,
  SearchResultDto,
} from '@touchpoint/shared';
import { unzipSync } from 'fflate';
import type request from 'supertest';
import { FileStorage } from '../src/core/storage/file-storage';
import { PRIVACY_CATALOGUE } from '../src/modules/privacy/privacy-catalogue';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

/** Collects a binary body (the zip) instead of parsing it. */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

interface ExportDocument {
  contact: Record<string, unknown>;
  contact_identities?: { id: string }[];
  contact_notes?: { id: string; body: string }[];
  conversations: {
    id: string;
    messages?: { id: string; text: string }[];
    timeline_events?: { id: string }[];
    handoffs?: { id: string; note: string }[];
    attachments?: { id: string; filename: string }[];
  }[];
  files: { attachmentId: string; path: string | null }[];
}

/**
 * GDPR: a contact's data exported (everything, compared with the database) and erased (nothing
 * personal left in any text or json column of any table, reports unchanged, search blind to it),
 * both audited, for admins (erasure) and supervisors (export) only.
 */
describe('data protection: export and erasure of a contact', () => {
  let t: TestApp;
  let chat: Channel;
  let files: Server;
  let admin: Api;
  let supervisor: Api;
  let agent: Api;
  let agentId: string;
  let salesId: string;

  // Every piece of personal data carries the tag (the phone its digits), so a scan finds leftovers.
  const tag = randomBytes(4).toString('hex');
  const digits = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
  const person = {
    name: `Zora Quast${tag}`,
    email: `zora.${tag}@example.test`,
    phone: `+49${digits}`,
  };
  const words = [`Quittenmarmelade${tag}`, `Kellerfenster${tag}`, `Gartenzaun${tag}`];
  const fileBytes = Buffer.from(`scan of the invoice ${tag}`);
  let contactId: string;
  let conversationId: string;

  const today = new Date();
  const day = (offset: number) =>
    new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const reportQuery = `from=${day(-1)}&to=${day(1)}&timeZone=UTC`;

  beforeAll(async () => {
    t = await startTestApp();
    const serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    chat = await makeChannel(t.db, 'api', serviceId, {
      secret: 'privacy-secret-0123456789-abcdef',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    files = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf' });
      res.end(fileBytes);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

    const users = {
      admin: await makeUser(t.db, { role: 'admin', name: 'Ada Admin' }),
      supervisor: await makeUser(t.db, { role: 'supervisor', name: 'Sue Supervisor' }),
      agent: await makeUser(t.db, { teams: [serviceId], name: 'Eva Agent' }),
    };
    agentId = users.agent.id;
    [admin, supervisor, agent] = await Promise.all(
      [users.admin, users.supervisor, users.agent].map(async (u) =>
        as(t.url, (await login(t.url, u)).accessToken),
      ),
    );

    // The customer writes twice, once with a file; Eva answers and pulls Sales in with their words.
    await postApiMessage(t.url, chat, {
      id: randomUUID(),
      contact: { email: person.email, phone: person.phone, name: person.name },
      text: `Hallo, meine ${words[0]} ist angekommen, aber das ${words[1]} klemmt.`,
      attachments: [
        {
          url: `${filesUrl}/rechnung.pdf`,
          name: `rechnung-${tag}.pdf`,
          contentType: 'application/pdf',
        },
      ],
    });
    await drainQueues(t);
    conversationId = await waitForConversationOf(t.db, person.email);
    await waitFor('the attachment stored', async () => {
      const rows: unknown[] = await t.db.query(
        'SELECT 1 FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = $1',
        [conversationId],
      );
      return rows.length > 0;
    });
    [{ contact_id: contactId }] = await t.db.query(
      'SELECT contact_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    expect((await agent.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    const reply = await agent.post(`/api/conversations/${conversationId}/messages`).send({
      type: 'reply',
      body: `Liebe ${person.name}, das ${words[1]} tauschen wir aus.`,
      clientMessageId: randomUUID(),
    });
    expect(reply.status).toBe(201);
    const consult = await agent.post(`/api/conversations/${conversationId}/handoffs`).send({
      kind: 'consult',
      teamId: salesId,
      note: `${person.name} möchte auch einen ${words[2]} bestellen`,
    });
    expect(consult.status).toBe(201);
    await postApiMessage(t.url, chat, {
      id: randomUUID(),
      contact: { email: person.email },
      text: `Und bitte den ${words[2]} in grün.`,
    });
    await drainQueues(t);

    // Notes, consent and attributes, where the profile has them.
    const tables = new Set(
      (
        (await t.db.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
        )) as { table_name: string }[]
      ).map((r) => r.table_name),
    );
    if (tables.has('contact_notes'))
      await t.db.query('INSERT INTO contact_notes (contact_id, body) VALUES ($1, $2)', [
        contactId,
        `Ruft abends an, erwähnte ${words[0]}`,
      ]);
    if (tables.has('contact_consents'))
      await t.db.query(
        `INSERT INTO contact_consents (contact_id, purpose, channel, granted, source)
         VALUES ($1, 'marketing', 'email', true, $2)`,
        [contactId, `form of ${person.email}`],
      );
    const [{ count: hasAttributes }] = await t.db.query(
      `SELECT count(*)::int AS count FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'contacts' AND column_name = 'attributes'`,
    );
    if (hasAttributes)
      await t.db.query('UPDATE contacts SET attributes = $2 WHERE id = $1', [
        contactId,
        JSON.stringify({ customerNumber: `K-${tag}` }),
      ]);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => files.close(resolve));
  });

  /** Every text, json and binary column of every table that holds any of the personal data. */
  const leftovers = async (): Promise<string[]> => {
    const columns: { table_name: string; column_name: string; data_type: string }[] =
      await t.db.query(
        `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
           JOIN information_schema.tables t
             ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
            AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')`,
      );
    const found: string[] = [];
    for (const c of columns) {
      const value =
        c.data_type === 'bytea'
          ? `encode("${c.column_name}", 'escape')`
          : `"${c.column_name}"::text`;
      const [{ count }]: { count: number }[] = await t.db.query(
        `SELECT count(*)::int AS count FROM "${c.table_name}"
          WHERE lower(${value}) LIKE ANY($1::text[])`,
        [[`%${tag}%`, `%${digits}%`]],
      );
      if (count) found.push(`${c.table_name}.${c.column_name} (${count})`);
    }
    return found;
  };

  const exportZip = async (api: Api) =>
    api.get(`/api/contacts/${contactId}/export`).buffer(true).parse(binary);

  it('has a privacy decision for every table of the schema', async () => {
    const tables: { table_name: string }[] = await t.db.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const undecided = tables.map((r) => r.table_name).filter((name) => !PRIVACY_CATALOGUE[name]);
    expect(undecided).toEqual([]);
  });

  it('lets agents neither export, erase nor read the audit log', async () => {
    expect((await agent.get(`/api/contacts/${contactId}/export`)).status).toBe(403);
    const erase = await agent.post(`/api/contacts/${contactId}/erase`).send({ confirm: contactId });
    expect(erase.status).toBe(403);
    expect((await agent.get('/api/audit-log')).status).toBe(403);
    // Supervisors export, only admins erase.
    const bySupervisor = await supervisor
      .post(`/api/contacts/${contactId}/erase`)
      .send({ confirm: contactId });
    expect(bySupervisor.status).toBe(403);
  });

  it('exports every message, identity, note and attachment of the contact, audited', async () => {
    const res = await exportZip(supervisor);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = unzipSync(new Uint8Array(res.body as Buffer));
    const document = JSON.parse(
      Buffer.from(zip['contact.json'] ?? []).toString(),
    ) as ExportDocument;

    expect(document.contact).toMatchObject({
      id: contactId,
      name: person.name,
      email: person.email,
    });
    const identityIds: { id: string }[] = await t.db.query(
      'SELECT id FROM contact_identities WHERE contact_id = $1 ORDER BY id',
      [contactId],
    );
    expect(identityIds.length).toBeGreaterThan(0);
    expect((document.contact_identities ?? []).map((i) => i.id).sort()).toEqual(
      identityIds.map((i) => i.id),
    );
    const messages: { id: string; text: string }[] = await t.db.query(
      'SELECT id, text FROM messages WHERE conversation_id = $1 ORDER BY seq',
      [conversationId],
    );
    const [exported] = document.conversations;
    expect(document.conversations.map((c) => c.id)).toEqual([conversationId]);
    expect(exported?.messages?.map((m) => ({ id: m.id, text: m.text }))).toEqual(messages);
    expect(exported?.timeline_events?.length).toBeGreaterThan(0);
    expect(exported?.handoffs?.[0]?.note).toContain(words[2]);
    if (document.contact_notes) expect(document.contact_notes[0]?.body).toContain(words[0]);

    const attachments: { id: string; filename: string }[] = await t.db.query(
      `SELECT a.id, a.filename FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = $1`,
      [conversationId],
    );
    expect(attachments).toHaveLength(1);
    const [attachment] = attachments;
    const path = `attachments/${attachment?.id}-rechnung-${tag}.pdf`;
    expect(Buffer.from(zip[path] ?? []).equals(fileBytes)).toBe(true);
    expect(document.files).toEqual([{ attachmentId: attachment?.id, path }]);
    expect(exported?.attachments?.map((a) => a.id)).toEqual([attachment?.id]);

    const log = (await admin.get(`/api/audit-log?subjectId=${contactId}`)).body as AuditLogPageDto;
    expect(log.items[0]).toMatchObject({
      action: 'contact.exported',
      subjectType: 'contact',
      subjectId: contactId,
      details: { conversations: 1, messages: messages.length, attachments: 1 },
    });
  });

  it('refuses an erasure that does not repeat the contact’s id, naming the field', async () => {
    const wrong = await admin.post(`/api/contacts/${contactId}/erase`).send({ confirm: 'ERASE' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('confirm');
    const missing = await admin.post(`/api/contacts/${contactId}/erase`).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('confirm');
    const unknown = randomUUID();
    const none = await admin.post(`/api/contacts/${unknown}/erase`).send({ confirm: unknown });
    expect(none.status).toBe(404);
    // Nothing was erased: the scan below sees all of it.
    expect(await leftovers()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contacts\.name /),
        expect.stringMatching(/^contact_identities\.address /),
        expect.stringMatching(/^messages\.text /),
        expect.stringMatching(/^inbound_events\.payload /),
        expect.stringMatching(/^handoffs\.note /),
        expect.stringMatching(/^timeline_events\.data /),
      ]),
    );
  });

  it('erases every personal trace, keeps the figures, blinds search, audits it', async () => {
    const search = async (q: string) =>
      ((await admin.get('/api/search').query({ q })).body as SearchResultDto).items;
    expect(await search(words[0] as string)).toHaveLength(1);
    const reportBefore = (await admin.get(`/api/reports/overview?${reportQuery}`))
      .body as ReportOverviewDto;
    const before: { status: string; replies_count: number; last_seq: number }[] = await t.db.query(
      'SELECT status, replies_count, last_seq FROM conversations WHERE id = $1',
      [conversationId],
    );
    const [{ storage_key: storageKey }]: { storage_key: string }[] = await t.db.query(
      `SELECT a.storage_key FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = $1`,
      [conversationId],
    );

    const [{ last: lastEvent }]: { last: string }[] = await t.db.query(
      'SELECT coalesce(max(id), 0) AS last FROM outbox_events',
    );

    const res = await admin.post(`/api/contacts/${contactId}/erase`).send({ confirm: contactId });
    expect(res.status).toBe(200);
    expect(res.body as ContactErasureDto).toMatchObject({
      contactId,
      conversations: 1,
      attachments: 1,
    });

    expect(await leftovers()).toEqual([]);
    // Nothing waits to go out to the erased customer (a send already under way may still finish).
    await waitFor('no reply waiting to go out', async () => {
      const waiting: unknown[] = await t.db.query(
        `SELECT id FROM messages WHERE conversation_id = $1 AND delivery_status IN ('queued', 'sending')`,
        [conversationId],
      );
      return waiting.length === 0 ? true : null;
    });
    // The conversation and its figures stay; reports add up as before.
    expect(
      await t.db.query('SELECT status, replies_count, last_seq FROM conversations WHERE id = $1', [
        conversationId,
      ]),
    ).toEqual(before);
    const reportAfter = (await admin.get(`/api/reports/overview?${reportQuery}`))
      .body as ReportOverviewDto;
    expect(reportAfter).toEqual(reportBefore);
    for (const word of [...words, person.name.split(' ')[1] as string, person.email])
      expect(await search(word)).toEqual([]);
    const [{ erased_at: erasedAt }]: { erased_at: Date | null }[] = await t.db.query(
      'SELECT erased_at FROM contacts WHERE id = $1',
      [contactId],
    );
    expect(erasedAt).not.toBeNull();
    // The profile says so, to everyone who may still see the contact.
    const profile = await admin.get(`/api/contacts/${contactId}`);
    expect(profile.body).toMatchObject({
      name: '',
      email: null,
      erasedAt: erasedAt?.toISOString(),
    });
    // The file goes after commit.
    await waitFor('the erased file removed', async () => {
      try {
        await t.app.get(FileStorage).get(storageKey);
        return false;
      } catch {
        return true;
      }
    });
    const pending: unknown[] = await t.db.query('SELECT 1 FROM file_removals');
    expect(pending).toEqual([]);
    const log = (await admin.get(`/api/audit-log?subjectId=${contactId}`)).body as AuditLogPageDto;
    expect(log.items.map((e) => e.action)).toEqual(['contact.erased', 'contact.exported']);
    expect(log.items[0]?.actor?.name).toBe('Ada Admin');
    const [{ count: events }]: { count: number }[] = await t.db.query(
      `SELECT count(*)::int AS count FROM outbox_events WHERE name = 'contact.erased'`,
    );
    expect(events).toBe(1);
    // Threads open on screens hear of every emptied message.
    const updated: { id: string }[] = await t.db.query(
      `SELECT DISTINCT payload ->> 'messageId' AS id FROM outbox_events
        WHERE name = 'message.updated' AND id > $1 ORDER BY 1`,
      [lastEvent],
    );
    const all: { id: string }[] = await t.db.query(
      'SELECT id::text FROM messages WHERE conversation_id = $1 ORDER BY 1',
      [conversationId],
    );
    expect(updated).toEqual(all);
    // The handoff stays as a figure; its owner is unchanged.
    const handoffs = (await admin.get(`/api/conversations/${conversationId}/handoffs`))
      .body as HandoffDto[];
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]?.requestedBy.id).toBe(agentId);
  });
});
