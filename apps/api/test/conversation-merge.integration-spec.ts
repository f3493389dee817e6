import { randomUUID } from 'node:crypto';
import type {
  ConversationSummaryDto,
  MergeCandidateDto,
  MergeResultDto,
  TimelineDto,
  TimelineEntryDto,
} from '@touchpoint/shared';
import type { SendMailOptions } from 'nodemailer';
import { makeChannel } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { mailToIntake } from './helpers/smtp-intake';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

interface EntryRow {
  id: string;
  conversation_id: string;
  seq: number;
  kind: string;
}

interface ConversationRow {
  id: string;
  status: string;
  owner_id: string | null;
  team_id: string | null;
  merged_into_id: string | null;
}

/**
 * Two conversations of one customer become one thread, in the order things happened, and the merge
 * can be undone exactly; the customer's answer to the merged-away conversation lands in the merged one.
 */
describe('merging conversations', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let users: Record<'eva' | 'otto' | 'sven', { id: string }>;
  let eva: Api;
  let otto: Api;
  let sven: Api;
  let tina: Api;
  let technikId: string;

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
    const service = await makeTeam(t.db, 'Service');
    technikId = (await makeTeam(t.db, 'Technik')).id;
    // A day to resolve: open conversations of Service have a running SLA clock.
    await t.db.query('INSERT INTO sla_policies (team_id, resolution_seconds) VALUES ($1, 86400)', [
      service.id,
    ]);
    await makeChannel(
      t.db,
      'email',
      service.id,
      { address: 'merge@touchpoint.test', smtp: sink.smtp },
      'Support',
    );
    const made = {
      eva: await makeUser(t.db, { teams: [service.id], name: 'Eva' }),
      otto: await makeUser(t.db, { teams: [service.id], name: 'Otto' }),
      sven: await makeUser(t.db, { role: 'supervisor', name: 'Sven' }),
    };
    tina = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { teams: [technikId], name: 'Tina' }))).accessToken,
    );
    users = made;
    [eva, otto, sven] = await Promise.all(
      [made.eva, made.otto, made.sven].map(async (u) =>
        as(t.url, (await login(t.url, u)).accessToken),
      ),
    );
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const send = async (from: string, mail: SendMailOptions) => {
    await mailToIntake(t.app, {
      from,
      to: 'merge@touchpoint.test',
      messageId: `<${randomUUID()}@example.de>`,
      ...mail,
    });
    await drainQueues(t);
  };
  const conversationsOf = (email: string): Promise<(ConversationRow & { reply_token: string })[]> =>
    t.db.query(
      `SELECT c.id, c.status, c.owner_id, c.team_id, c.merged_into_id, c.reply_token
         FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id
        WHERE i.kind = 'email' AND i.address = $1 ORDER BY c.created_at`,
      [email],
    );
  const entriesOf = (ids: string[]): Promise<EntryRow[]> =>
    t.db.query(
      `SELECT id, conversation_id, seq, type AS kind FROM messages WHERE conversation_id = ANY($1::uuid[])
       UNION ALL
       SELECT id, conversation_id, seq, kind FROM timeline_events WHERE conversation_id = ANY($1::uuid[])
       ORDER BY conversation_id, seq`,
      [ids],
    );
  const rowsOf = (ids: string[]): Promise<(ConversationRow & { last_seq: number })[]> =>
    t.db.query(
      `SELECT id, status, owner_id, team_id, merged_into_id, last_seq FROM conversations
        WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  const timelineOf = async (api: Api, id: string): Promise<TimelineDto> =>
    (await api.get(`/api/conversations/${id}/timeline?limit=500`)).body as TimelineDto;
  const texts = (entries: TimelineEntryDto[]) =>
    entries.flatMap((e) => (e.type === 'message' ? [e.message.text.trim()] : []));

  /** Conversation A (owned by Eva, then pending) and a later B of the same customer, interleaved. */
  async function twoConversations(email: string) {
    const from = `"Kundin" <${email}>`;
    await send(from, { subject: 'Rechnung', text: 'A1 Meine Rechnung fehlt.' });
    const [a] = await conversationsOf(email);
    expect((await eva.post(`/api/conversations/${a.id}/claim`)).status).toBe(200);
    expect(
      (await eva.patch(`/api/conversations/${a.id}`).send({ status: 'resolved' })).status,
    ).toBe(200);
    await send(from, { subject: 'Lieferung', text: 'B1 Wo bleibt die Lieferung?' });
    const [, b] = await conversationsOf(email);
    expect(b).toBeDefined();
    expect((await eva.post(`/api/conversations/${b.id}/claim`)).status).toBe(200);
    expect((await eva.patch(`/api/conversations/${a.id}`).send({ status: 'pending' })).status).toBe(
      200,
    );
    const note = await eva
      .post(`/api/conversations/${a.id}/messages`)
      .send({ type: 'note', body: 'A2 Rechnung nachgeschickt', clientMessageId: randomUUID() });
    expect(note.status).toBe(201);
    expect((await eva.patch(`/api/conversations/${a.id}`).send({ status: 'open' })).status).toBe(
      200,
    );
    // A is the most recently active now: the customer's next message joins it.
    await send(from, { subject: 'Rechnung', text: 'A3 Danke, angekommen.' });
    const noteB = await eva
      .post(`/api/conversations/${b.id}/messages`)
      .send({ type: 'note', body: 'B2 Lieferung geprüft', clientMessageId: randomUUID() });
    expect(noteB.status).toBe(201);
    const rows = await conversationsOf(email);
    expect(rows).toHaveLength(2);
    return { a: rows[0], b: rows[1], from };
  }

  it('keeps every entry of both once, in the order it happened, and the undo restores both exactly', async () => {
    const email = `kundin-${randomUUID().slice(0, 8)}@example.de`;
    const { a, b, from } = await twoConversations(email);
    const beforeEntries = await entriesOf([a.id, b.id]);
    const beforeRows = await rowsOf([a.id, b.id]);
    const beforeTexts = [
      ...texts((await timelineOf(eva, a.id)).entries),
      ...texts((await timelineOf(eva, b.id)).entries),
    ];
    expect(beforeTexts.sort()).toEqual(
      [
        'A1 Meine Rechnung fehlt.',
        'A2 Rechnung nachgeschickt',
        'A3 Danke, angekommen.',
        'B1 Wo bleibt die Lieferung?',
        'B2 Lieferung geprüft',
      ].sort(),
    );

    // The dialog offers A beside B.
    const candidates = (await eva.get(`/api/conversations/${b.id}/merge-candidates`))
      .body as MergeCandidateDto[];
    expect(candidates.map((c) => [c.id, c.subject, c.status])).toEqual([
      [a.id, 'Rechnung', 'open'],
    ]);
    expect(candidates[0].lastMessageAt).not.toBeNull();

    const slaDue = async (id: string) =>
      (
        (await t.db.query('SELECT sla_due_at FROM conversations WHERE id = $1', [id])) as {
          sla_due_at: Date | null;
        }[]
      )[0].sla_due_at;
    expect(await slaDue(a.id)).not.toBeNull();

    const merged = await eva
      .post(`/api/conversations/${b.id}/merge`)
      .send({ sourceConversationId: a.id });
    expect(merged.status).toBe(200);
    const { mergeId, conversation } = merged.body as MergeResultDto;
    expect(conversation.timelineEpoch).toBe(1);
    // The merged-away conversation's SLA clock stops; the merged thread's runs on.
    expect(await slaDue(a.id)).toBeNull();
    expect(await slaDue(b.id)).not.toBeNull();
    // Announced with the change, for webhooks and other listeners.
    const stored: { payload: unknown }[] = await t.db.query(
      `SELECT payload FROM outbox_events WHERE name = 'conversation.merged' AND payload->>'mergeId' = $1`,
      [mergeId],
    );
    expect(stored.map((e) => e.payload)).toEqual([
      { conversationId: b.id, sourceConversationId: a.id, mergeId },
    ]);

    const thread = await timelineOf(eva, b.id);
    expect(thread.epoch).toBe(1);
    // Every entry of both, each once, numbered 1..n without gaps, then the merge's own event.
    const ids = thread.entries.map((e) => (e.type === 'message' ? e.message.id : e.event.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      [...beforeEntries.map((e) => e.id), ...thread.entries.filter(isMergeEvent).map(idOf)].sort(),
    );
    expect(thread.entries.map((e) => e.seq)).toEqual(thread.entries.map((_, i) => i + 1));
    const times = thread.entries.map((e) =>
      Date.parse(e.type === 'message' ? e.message.createdAt : e.event.createdAt),
    );
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(texts(thread.entries)).toEqual([
      'A1 Meine Rechnung fehlt.',
      'B1 Wo bleibt die Lieferung?',
      'A2 Rechnung nachgeschickt',
      'A3 Danke, angekommen.',
      'B2 Lieferung geprüft',
    ]);
    const last = thread.entries[thread.entries.length - 1];
    expect(
      last.type === 'event' && [last.event.kind, last.event.actor?.id, last.event.data],
    ).toEqual([
      'conversation.merged',
      users.eva.id,
      { mergeId, source: { id: a.id, subject: 'Rechnung' } },
    ]);
    // A ends resolved, pointing at B, with nothing left but the note of where it went.
    const source = (await eva.get(`/api/conversations/${a.id}`)).body as ConversationSummaryDto;
    expect([source.status, source.mergedIntoId]).toEqual(['resolved', b.id]);
    expect(
      (await timelineOf(eva, a.id)).entries.map((e) => e.type === 'event' && e.event.kind),
    ).toEqual(['conversation.merged_into']);

    // A message after the merge, the customer answering A's reply address: it lands in B.
    await send(from, {
      to: `reply+${a.reply_token}@touchpoint.test`,
      subject: 'AW: Rechnung',
      text: 'C1 Noch eine Frage zur Rechnung.',
    });
    expect((await rowsOf([a.id])).map((r) => [r.status, r.merged_into_id])).toEqual([
      ['resolved', b.id],
    ]);
    expect(texts((await timelineOf(eva, b.id)).entries)).toContain(
      'C1 Noch eine Frage zur Rechnung.',
    );

    // Undone: every entry back at its conversation and seq, statuses and owners as before.
    const undone = await eva.post(`/api/conversations/${b.id}/unmerge`).send({ mergeId });
    expect(undone.status).toBe(200);
    const afterEntries = await entriesOf([a.id, b.id]);
    const key = (e: EntryRow) => `${e.id} ${e.conversation_id} ${e.seq}`;
    const restored = new Set(afterEntries.map(key));
    for (const e of beforeEntries) expect(restored.has(key(e))).toBe(true);
    const afterRows = await rowsOf([a.id, b.id]);
    expect(afterRows.map(({ last_seq: _, ...r }) => r)).toEqual(
      beforeRows.map(({ last_seq: _, ...r }) => r),
    );
    // What came after the merge stays in B, after its own entries, in the order it came.
    const bAfter = afterEntries.filter(
      (e) => e.conversation_id === b.id && !beforeEntries.some((x) => x.id === e.id),
    );
    const bLast = beforeRows.find((r) => r.id === b.id)!.last_seq;
    expect(bAfter.map((e) => e.seq)).toEqual(bAfter.map((_, i) => bLast + 1 + i));
    expect(bAfter.map((e) => e.kind)).toEqual([
      'conversation.merged',
      'inbound',
      'conversation.unmerged',
    ]);
    const aAfter = afterEntries.filter((e) => e.conversation_id === a.id);
    const aLast = beforeRows.find((r) => r.id === a.id)!.last_seq;
    expect(aAfter.slice(-2).map((e) => [e.kind, e.seq])).toEqual([
      ['conversation.merged_into', aLast + 1],
      ['conversation.unmerged', aLast + 2],
    ]);
    // The merge event says it was undone, and undoing it again is refused.
    const mergeEvent = (await timelineOf(eva, b.id)).entries.find(isMergeEvent);
    expect(mergeEvent?.type === 'event' && mergeEvent.event.data.undoneAt).toBeTruthy();
    const again = await eva.post(`/api/conversations/${b.id}/unmerge`).send({ mergeId });
    expect([again.status, again.body.message]).toEqual([409, 'This merge was undone already']);
  });

  it('refuses what cannot be merged, naming why', async () => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.de`;
    const { a, b } = await twoConversations(email);
    const other = `anderer-${randomUUID().slice(0, 8)}@example.de`;
    await send(`"Anderer" <${other}>`, { subject: 'Frage', text: 'Eine Frage.' });
    const [foreign] = await conversationsOf(other);
    expect((await eva.post(`/api/conversations/${foreign.id}/claim`)).status).toBe(200);

    const mergeInto = (api: Api, target: string, body: unknown) =>
      api.post(`/api/conversations/${target}/merge`).send(body as object);

    const self = await mergeInto(eva, b.id, { sourceConversationId: b.id });
    expect([self.status, self.body.message]).toEqual([
      422,
      'sourceConversationId must be another conversation',
    ]);
    const invalid = await mergeInto(eva, b.id, { sourceConversationId: 'nope' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('sourceConversationId');
    const unknown = await mergeInto(eva, b.id, { sourceConversationId: randomUUID() });
    expect([unknown.status, unknown.body.message]).toEqual([
      422,
      'sourceConversationId names no conversation',
    ]);
    const contacts = await mergeInto(eva, b.id, { sourceConversationId: foreign.id });
    expect([contacts.status, contacts.body.message]).toEqual([
      409,
      'The two conversations belong to different contacts: merge the contacts first',
    ]);
    // Tina, pulled into both, sees both but may merge neither: Eva's to merge.
    for (const id of [a.id, b.id]) {
      const asked = await eva.post(`/api/conversations/${id}/handoffs`).send({
        kind: 'consult',
        teamId: technikId,
        note: 'Bitte einmal technisch draufschauen.',
      });
      expect((await tina.post(`/api/handoffs/${asked.body.id}/accept`)).status).toBe(200);
    }
    const offered = async (api: Api) =>
      (
        (await api.get(`/api/conversations/${b.id}/merge-candidates`)).body as MergeCandidateDto[]
      ).map((c) => c.id);
    expect(await offered(tina)).toEqual([]);
    expect(await offered(eva)).toEqual([a.id]);
    expect((await mergeInto(tina, b.id, { sourceConversationId: a.id })).status).toBe(403);
    // Otto owns neither: he may not merge Eva's conversations; a supervisor may.
    const notOwner = await mergeInto(otto, b.id, { sourceConversationId: a.id });
    expect(notOwner.status).toBe(403);
    const unknownMerge = await sven
      .post(`/api/conversations/${b.id}/unmerge`)
      .send({ mergeId: randomUUID() });
    expect([unknownMerge.status, unknownMerge.body.message]).toEqual([
      422,
      'mergeId names no merge into this conversation',
    ]);
    const bySupervisor = await mergeInto(sven, b.id, { sourceConversationId: a.id });
    expect(bySupervisor.status).toBe(200);
    // Merged away, A takes nothing more in, and nothing goes into it.
    const intoMerged = await mergeInto(sven, a.id, { sourceConversationId: b.id });
    expect(intoMerged.status).toBe(409);
    const note = await sven
      .post(`/api/conversations/${a.id}/messages`)
      .send({ type: 'note', body: 'Noch etwas', clientMessageId: randomUUID() });
    expect([note.status, note.body.related]).toEqual([409, { conversationId: b.id }]);
    const reopen = await sven.patch(`/api/conversations/${a.id}`).send({ status: 'open' });
    expect(reopen.status).toBe(409);
    // Part of the merged thread split off: the merge can no longer be put back as it was.
    const { mergeId } = bySupervisor.body as MergeResultDto;
    const lastMessage = (await timelineOf(sven, b.id)).entries
      .filter((e) => e.type === 'message')
      .pop();
    const split = await sven
      .post(`/api/conversations/${b.id}/split`)
      .send({ messageId: lastMessage?.type === 'message' && lastMessage.message.id });
    expect(split.status).toBe(200);
    const undo = await sven.post(`/api/conversations/${b.id}/unmerge`).send({ mergeId });
    expect([undo.status, undo.body.message]).toEqual([
      409,
      'Part of the merged thread was split off since: this merge can no longer be undone',
    ]);
  });

  it('carries an accepted consult of the merged-away conversation into the thread, and back on undo', async () => {
    const email = `kundin-${randomUUID().slice(0, 8)}@example.de`;
    const { a, b } = await twoConversations(email);
    const asked = await eva.post(`/api/conversations/${a.id}/handoffs`).send({
      kind: 'consult',
      teamId: technikId,
      note: 'Bitte die Rechnung technisch prüfen, der Kunde wartet.',
    });
    expect(asked.status).toBe(201);
    expect((await tina.post(`/api/handoffs/${asked.body.id}/accept`)).status).toBe(200);
    expect((await tina.get(`/api/conversations/${b.id}`)).status).toBe(403);

    const merged = await eva
      .post(`/api/conversations/${b.id}/merge`)
      .send({ sourceConversationId: a.id });
    expect(merged.status).toBe(200);
    const handoffsOf = async (id: string) =>
      (
        (await eva.get(`/api/conversations/${id}/handoffs`)).body as {
          id: string;
          status: string;
        }[]
      ).map((h) => [h.id, h.status]);
    expect(await handoffsOf(b.id)).toEqual([[asked.body.id, 'accepted']]);
    expect(await handoffsOf(a.id)).toEqual([]);
    // The specialist follows the thread into the merged conversation.
    expect((await tina.get(`/api/conversations/${b.id}`)).status).toBe(200);

    const { mergeId } = merged.body as MergeResultDto;
    expect((await eva.post(`/api/conversations/${b.id}/unmerge`).send({ mergeId })).status).toBe(
      200,
    );
    expect(await handoffsOf(a.id)).toEqual([[asked.body.id, 'accepted']]);
    expect(await handoffsOf(b.id)).toEqual([]);
    expect((await tina.get(`/api/conversations/${b.id}`)).status).toBe(403);
    expect((await tina.get(`/api/conversations/${a.id}`)).status).toBe(200);
  });

  it('opens a resolved conversation again when an open one is merged into it, and resolves it again on undo', async () => {
    const email = `kundin-${randomUUID().slice(0, 8)}@example.de`;
    const { a, b } = await twoConversations(email);
    expect(
      (await eva.patch(`/api/conversations/${b.id}`).send({ status: 'resolved' })).status,
    ).toBe(200);
    const merged = await eva
      .post(`/api/conversations/${b.id}/merge`)
      .send({ sourceConversationId: a.id });
    expect(merged.status).toBe(200);
    const { mergeId, conversation } = merged.body as MergeResultDto;
    expect(conversation.status).toBe('open');
    expect((await rowsOf([a.id])).map((r) => r.status)).toEqual(['resolved']);

    expect((await eva.post(`/api/conversations/${b.id}/unmerge`).send({ mergeId })).status).toBe(
      200,
    );
    const rows = await rowsOf([a.id, b.id]);
    expect(rows.find((r) => r.id === a.id)?.status).toBe('open');
    expect(rows.find((r) => r.id === b.id)?.status).toBe('resolved');
  });
});

const isMergeEvent = (e: TimelineEntryDto) =>
  e.type === 'event' && e.event.kind === 'conversation.merged';
const idOf = (e: TimelineEntryDto) => (e.type === 'message' ? e.message.id : e.event.id);
