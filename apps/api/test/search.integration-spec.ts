import type {
  ConversationStatus,
  MessageType,
  SearchHitDto,
  SearchResultDto,
} from '@touchpoint/shared';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

/*
 * Search over everything: every message of a thread (not only the latest), notes, contacts; German
 * and English stemming; the found words marked; and never a conversation the user may not see.
 */

type Api = ReturnType<typeof as>;

describe('search', () => {
  let t: TestApp;
  let sales: string;
  let billing: string;
  let emailChannel: string;
  let chatChannel: string;
  let salesAgent: MadeUser;
  let colleague: MadeUser;
  let billingAgent: MadeUser;
  let supervisor: MadeUser;
  const api: Record<'sales' | 'billing' | 'supervisor', Api> = {} as never;
  /** Conversations by name. */
  const c: Record<string, string> = {};

  async function channel(kind: string, teamId: string, name: string): Promise<string> {
    const [row]: { id: string }[] = await t.db.query(
      `INSERT INTO channels (kind, name, team_id, config) VALUES ($1, $2, $3, '{}') RETURNING id`,
      [kind, name, teamId],
    );
    return row.id;
  }

  async function conversation(opts: {
    contact: { name: string; email?: string; phone?: string };
    teamId: string;
    ownerId?: string;
    status?: ConversationStatus;
    kinds?: string[];
    messages: {
      type: MessageType;
      text: string;
      at: string;
      subject?: string;
      channelId?: string;
      authorId?: string;
    }[];
  }): Promise<string> {
    const [contact]: { id: string }[] = await t.db.query(
      `INSERT INTO contacts (name, email, phone) VALUES ($1, $2, $3) RETURNING id`,
      [opts.contact.name, opts.contact.email ?? null, opts.contact.phone ?? null],
    );
    const last = opts.messages[opts.messages.length - 1];
    const [row]: { id: string }[] = await t.db.query(
      `INSERT INTO conversations (contact_id, team_id, owner_id, status, reply_token, channel_kinds,
         last_activity_at, last_seq, subject)
       VALUES ($1, $2, $3, $4, md5(random()::text), $5, $6, $7, $8) RETURNING id`,
      [
        contact.id,
        opts.teamId,
        opts.ownerId ?? null,
        opts.status ?? 'open',
        opts.kinds ?? ['email'],
        last.at,
        opts.messages.length,
        opts.messages[0].subject ?? null,
      ],
    );
    for (const [i, m] of opts.messages.entries()) {
      await t.db.query(
        `INSERT INTO messages (conversation_id, seq, type, channel_id, author_user_id, contact_id,
           subject, text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          row.id,
          i + 1,
          m.type,
          m.type === 'note' ? null : (m.channelId ?? emailChannel),
          m.type === 'inbound' ? null : (m.authorId ?? null),
          m.type === 'inbound' ? contact.id : null,
          m.subject ?? null,
          m.text,
          m.at,
        ],
      );
    }
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    sales = (await makeTeam(t.db, 'Sales')).id;
    billing = (await makeTeam(t.db, 'Billing')).id;
    emailChannel = await channel('email', sales, 'Support mail');
    chatChannel = await channel('webchat', sales, 'Website chat');
    salesAgent = await makeUser(t.db, { teams: [sales], name: 'Sam Sales' });
    colleague = await makeUser(t.db, { teams: [sales], name: 'Colin Colleague' });
    billingAgent = await makeUser(t.db, { teams: [billing] });
    supervisor = await makeUser(t.db, { role: 'supervisor' });
    for (const [key, user] of [
      ['sales', salesAgent],
      ['billing', billingAgent],
      ['supervisor', supervisor],
    ] as const)
      api[key] = as(t.url, (await login(t.url, user)).accessToken);

    // A German email thread: the word is only in the oldest of four emails, the note says "Kulanz".
    c['clara'] = await conversation({
      contact: { name: 'Clara Becker', email: 'clara.becker@kunde.test' },
      teamId: sales,
      messages: [
        {
          type: 'inbound',
          subject: 'Frage zu Ihrem Schreiben',
          text: 'Guten Tag, anbei die Rechnung für März. Sie ist laut Schreiben bis Freitag fällig.',
          at: '2026-01-05T09:00:00Z',
        },
        {
          type: 'outbound',
          text: 'Danke, wir sehen uns das an.',
          at: '2026-01-05T10:00:00Z',
          authorId: salesAgent.id,
        },
        { type: 'inbound', text: 'Und wann kommt die Lieferung?', at: '2026-01-06T08:00:00Z' },
        {
          type: 'note',
          text: 'Kulanz prüfen, Stammkundin seit 2019.',
          at: '2026-01-06T09:00:00Z',
          authorId: colleague.id,
        },
      ],
    });
    // English, resolved, owned by the sales agent, on the website chat.
    c['dan'] = await conversation({
      contact: { name: 'Dan Miller', email: 'dan@customer.test' },
      teamId: sales,
      ownerId: salesAgent.id,
      status: 'resolved',
      kinds: ['webchat'],
      messages: [
        {
          type: 'inbound',
          text: 'Hello, the invoice for February is attached.',
          at: '2026-02-01T09:00:00Z',
          channelId: chatChannel,
        },
        {
          type: 'outbound',
          text: 'Thanks, received.',
          at: '2026-02-01T09:05:00Z',
          channelId: chatChannel,
          authorId: salesAgent.id,
        },
      ],
    });
    // Billing's queue: the sales agent may not see it.
    c['erik'] = await conversation({
      contact: { name: 'Erik Wolf' },
      teamId: billing,
      messages: [
        {
          type: 'inbound',
          text: 'Die Rechnung fehlt, und Kulanz wäre nett.',
          at: '2026-03-01T09:00:00Z',
        },
      ],
    });
    // A colleague's own conversation in the sales agent's team: private to its owner.
    c['fiona'] = await conversation({
      contact: { name: 'Fiona Frei' },
      teamId: sales,
      ownerId: colleague.id,
      messages: [
        {
          type: 'inbound',
          text: 'Meine Rechnung ist doppelt gekommen.',
          at: '2026-03-02T09:00:00Z',
        },
      ],
    });
  });
  afterAll(() => t.close());

  const search = async (who: Api, query: Record<string, string | number>) => {
    const res = await who.get('/api/search').query(query);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
      status: 200,
      body: 'ok',
    });
    return res.body as SearchResultDto;
  };
  const ids = (result: SearchResultDto) => result.items.map((i) => i.conversation.id);
  const marked = (hit: SearchHitDto) =>
    hit.entries.flatMap((e) => e.highlights.map(([from, to]) => e.snippet.slice(from, to)));

  it('finds a German word in the oldest of several emails, stemmed, with the word marked', async () => {
    const result = await search(api.sales, { q: 'Rechnungen' });
    expect(ids(result)).toEqual([c['clara']]);
    const [hit] = result.items;
    expect(hit.conversation.contact.name).toBe('Clara Becker');
    expect(hit.matchCount).toBe(1);
    expect(hit.entries).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'inbound',
        channel: expect.objectContaining({ id: emailChannel, kind: 'email' }),
        author: expect.objectContaining({ type: 'contact', name: 'Clara Becker' }),
        createdAt: '2026-01-05T09:00:00.000Z',
      }),
    ]);
    expect(marked(hit)).toEqual(['Rechnung']);
    expect([...hit.entries[0].snippet].filter((ch) => ch < ' ' || ch === '<')).toEqual([]);
  });

  it('finds an English word by its stem, in any status', async () => {
    const result = await search(api.sales, { q: 'invoices' });
    expect(ids(result)).toEqual([c['dan']]);
    expect(marked(result.items[0])).toEqual(['invoice']);
    expect(result.items[0].entries[0].channel?.kind).toBe('webchat');
  });

  it('finds subjects and internal notes', async () => {
    const subject = await search(api.sales, { q: 'Schreiben' });
    expect(ids(subject)).toEqual([c['clara']]);
    const note = await search(api.sales, { q: 'Kulanz' });
    expect(ids(note)).toEqual([c['clara']]);
    expect(note.items[0].entries[0]).toEqual(
      expect.objectContaining({
        seq: 4,
        type: 'note',
        author: expect.objectContaining({ type: 'user', id: colleague.id }),
      }),
    );
    expect(marked(note.items[0])).toEqual(['Kulanz']);
  });

  it('finds contacts by name, address and its parts', async () => {
    for (const q of ['Becker', 'clara.becker@kunde.test', 'kunde']) {
      const result = await search(api.sales, { q });
      expect({ q, ids: ids(result) }).toEqual({ q, ids: [c['clara']] });
      expect(result.items[0].contactMatched).toBe(true);
    }
  });

  it("finds a contact's company, attributes and the notes on it, by the same access rule", async () => {
    await t.db.query(
      `UPDATE contacts SET company = 'Lichtwerk GmbH', attributes = '{"customer_no": "K4711"}'
        WHERE id = (SELECT contact_id FROM conversations WHERE id = $1)`,
      [c['clara']],
    );
    await t.db.query(
      `INSERT INTO contact_notes (contact_id, body)
       SELECT contact_id, 'Bestellt jedes Frühjahr Gartenmöbel' FROM conversations WHERE id = $1`,
      [c['clara']],
    );
    for (const q of ['Lichtwerk', 'K4711', 'Gartenmöbel']) {
      const result = await search(api.sales, { q });
      expect({ q, ids: ids(result) }).toEqual({ q, ids: [c['clara']] });
      expect(result.items[0].contactMatched).toBe(true);
      expect({ q, ids: ids(await search(api.billing, { q })) }).toEqual({ q, ids: [] });
    }
  });

  it('never finds a conversation the user may not see; a supervisor finds them all', async () => {
    expect(ids(await search(api.sales, { q: 'Rechnung' }))).toEqual([c['clara']]);
    expect(ids(await search(api.billing, { q: 'Rechnung' }))).toEqual([c['erik']]);
    expect(ids(await search(api.billing, { q: 'Kulanz' }))).toEqual([c['erik']]);
    expect(ids(await search(api.billing, { q: 'Becker' }))).toEqual([]);
    expect(ids(await search(api.supervisor, { q: 'Rechnung' }))).toEqual([
      c['fiona'],
      c['erik'],
      c['clara'],
    ]);
  });

  it('narrows by channel, team, owner, status and the time of the message', async () => {
    const q = 'Rechnung OR invoice';
    const found = async (filters: Record<string, string>) =>
      ids(await search(api.supervisor, { q, ...filters }));
    expect(await found({})).toEqual([c['fiona'], c['erik'], c['dan'], c['clara']]);
    expect(await found({ channelKind: 'webchat' })).toEqual([c['dan']]);
    expect(await found({ teamId: billing })).toEqual([c['erik']]);
    expect(await found({ ownerId: colleague.id })).toEqual([c['fiona']]);
    expect(await found({ ownerId: 'none' })).toEqual([c['erik'], c['clara']]);
    expect(ids(await search(api.sales, { q, ownerId: 'me' }))).toEqual([c['dan']]);
    expect(await found({ status: 'resolved' })).toEqual([c['dan']]);
    expect(await found({ from: '2026-02-01', to: '2026-03-01' })).toEqual([c['erik'], c['dan']]);
    expect(await found({ from: '2026-01-05T09:30:00Z', to: '2026-02-01T08:00:00Z' })).toEqual([]);
  });

  it('pages by keyset, each conversation once, the newest match first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++)
      made.push(
        await conversation({
          contact: { name: `Paging ${i}` },
          teamId: sales,
          messages: [
            {
              type: 'inbound',
              text: `Paketversand Nummer ${i}`,
              at: `2026-04-0${i + 1}T09:00:00Z`,
            },
            // Several matches in one conversation still make one result.
            { type: 'inbound', text: 'Noch ein Paketversand', at: `2026-04-0${i + 1}T10:00:00Z` },
          ],
        }),
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchResultDto = await search(api.sales, {
        q: 'Paketversand',
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      for (const item of page.items) expect(item.entries.map((e) => e.seq)).toEqual([2, 1]);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'q'],
      [{ q: 'a' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'Rechnung', status: 'gone' }, 'status'],
      [{ q: 'Rechnung', channelKind: 'fax' }, 'channelKind'],
      [{ q: 'Rechnung', teamId: 'nope' }, 'teamId'],
      [{ q: 'Rechnung', ownerId: 'someone' }, 'ownerId'],
      [{ q: 'Rechnung', from: 'yesterday' }, 'from'],
      [{ q: 'Rechnung', from: '2026-03-01', to: '2026-02-01' }, 'to'],
      [{ q: 'Rechnung', limit: '0' }, 'limit'],
      [{ q: 'Rechnung', cursor: 'bm90IGEgY3Vyc29y' }, 'cursor'],
      [{ q: 'Rechnung', page: '2' }, 'page'],
    ];
    for (const [query, field] of cases) {
      const res = await api.sales.get('/api/search').query(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect({ query, message: (res.body as { message: string }).message }).toEqual({
        query,
        message: expect.stringContaining(field),
      });
    }
  });

  it('takes any words a person types (operators, quotes, stop words) without an error', async () => {
    for (const q of [
      '"die Rechnung"',
      '-Lieferung Rechnung',
      'the and or',
      "O'Brien & Co | !",
      '(((',
    ])
      await search(api.supervisor, { q });
  });
});
