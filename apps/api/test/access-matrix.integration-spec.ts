import { randomUUID } from 'node:crypto';
import type {
  ContactDto,
  ConversationCountsDto,
  ConversationDto,
  ConversationListDto,
  NotificationListDto,
} from '@touchpoint/shared';
import { REALTIME_UNAUTHORIZED } from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import {
  buildAccessFixture,
  NOTE,
  PEOPLE,
  type AccessFixture,
  type Person,
  type Who,
} from './helpers/access-fixture';
import { connectStaff, once, staffSentinel } from './helpers/sockets';
import { startTestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

/**
 * Who may do what with a conversation, over every endpoint that touches one and the realtime rooms.
 * The rule (ConversationAccess): supervisors and admins see everything; an agent sees what they own,
 * what waits unowned in their teams' queues, and what they take part in (accepted consult or mention,
 * until the grace period ends). Everything else is 403, an unknown id 404, no valid login 401.
 *
 * People are named by their relation to `owned` (a Marketing conversation claimed by `owner`) and
 * `queued` (waiting unowned in Marketing's queue); see helpers/access-fixture.ts. Every refused call
 * must leave the conversation as it was (messages, timeline, handoffs, participants, notifications).
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Body = Record<string, unknown>;
type Row = [who: Who, method: Method, path: string, expected: number, body?: Body];

const EVERYONE: Who[] = [...PEOPLE, 'anonymous'];
const TARGETS = ['owned', 'queued', 'missing'] as const;
type Target = (typeof TARGETS)[number];

/** The rule in one table: the answer each person gets when reading each conversation. */
const SEES: Record<Who, Record<Target, number>> = {
  owner: { owned: 200, queued: 200, missing: 404 },
  colleague: { owned: 403, queued: 200, missing: 404 },
  specialist: { owned: 200, queued: 403, missing: 404 },
  mentioned: { owned: 200, queued: 403, missing: 404 },
  expired: { owned: 403, queued: 403, missing: 404 },
  outsider: { owned: 403, queued: 403, missing: 404 },
  supervisor: { owned: 200, queued: 200, missing: 404 },
  admin: { owned: 200, queued: 200, missing: 404 },
  deactivated: { owned: 401, queued: 401, missing: 401 },
  anonymous: { owned: 401, queued: 401, missing: 401 },
};

const READS = [
  '/api/conversations/:c',
  '/api/conversations/:c/timeline',
  '/api/conversations/:c/reply-channels',
  '/api/conversations/:c/handoffs',
  '/api/conversations/:c/participants',
];

const READ_ROWS: Row[] = READS.flatMap((path) =>
  EVERYONE.flatMap((who) =>
    TARGETS.map((target): Row => [who, 'GET', path.replace(':c', `:${target}`), SEES[who][target]]),
  ),
);

const note = { type: 'note', body: 'Interne Notiz aus der Matrix', clientMessageId: ':uuid' };
const reply = { type: 'reply', body: 'Antwort aus der Matrix', clientMessageId: ':uuid' };
const suggest = { type: 'suggestion', body: 'Vorschlag aus der Matrix', clientMessageId: ':uuid' };
const resolve = { status: 'resolved' };
const priority = { priority: 'high' };
const consultSales = { kind: 'consult', teamId: ':salesTeam', note: NOTE };
const consultOther = { kind: 'consult', teamId: ':otherTeam', note: NOTE };
const forcedTransfer = { kind: 'transfer', force: true, userId: ':colleagueId', note: NOTE };
const reason = { reason: 'Keine Kapazität diese Woche' };
const summary = { summary: 'Angebot als Notiz hinterlegt' };
const send = { clientMessageId: ':uuid' };

/**
 * `:fresh…` targets are built for the row (a new queued conversation, one claimed by owner, a new
 * consult…) so that a row that is let through changes nothing the next rows rely on.
 */
const CONVERSATION_ROWS: Row[] = [
  // claim: a queue member takes an unowned conversation; a team member who comes too late (also the
  // loser of a claim race) learns who owns it now (409), others may not see it at all
  ['owner', 'POST', '/api/conversations/:owned/claim', 200],
  ['colleague', 'POST', '/api/conversations/:owned/claim', 409],
  ['specialist', 'POST', '/api/conversations/:owned/claim', 409],
  ['mentioned', 'POST', '/api/conversations/:owned/claim', 409],
  ['expired', 'POST', '/api/conversations/:owned/claim', 403],
  ['outsider', 'POST', '/api/conversations/:owned/claim', 403],
  ['supervisor', 'POST', '/api/conversations/:owned/claim', 409],
  ['admin', 'POST', '/api/conversations/:owned/claim', 409],
  ['deactivated', 'POST', '/api/conversations/:owned/claim', 401],
  ['anonymous', 'POST', '/api/conversations/:owned/claim', 401],
  ['owner', 'POST', '/api/conversations/:missing/claim', 404],
  ['colleague', 'POST', '/api/conversations/:fresh/claim', 200],
  ['specialist', 'POST', '/api/conversations/:fresh/claim', 403],
  ['outsider', 'POST', '/api/conversations/:fresh/claim', 403],
  ['supervisor', 'POST', '/api/conversations/:fresh/claim', 200],
  ['admin', 'POST', '/api/conversations/:fresh/claim', 200],
  ['deactivated', 'POST', '/api/conversations/:fresh/claim', 401],
  // mark read
  ['owner', 'POST', '/api/conversations/:owned/read', 200],
  ['colleague', 'POST', '/api/conversations/:owned/read', 403],
  ['specialist', 'POST', '/api/conversations/:owned/read', 200],
  ['mentioned', 'POST', '/api/conversations/:owned/read', 200],
  ['expired', 'POST', '/api/conversations/:owned/read', 403],
  ['outsider', 'POST', '/api/conversations/:owned/read', 403],
  ['supervisor', 'POST', '/api/conversations/:owned/read', 200],
  ['admin', 'POST', '/api/conversations/:owned/read', 200],
  ['deactivated', 'POST', '/api/conversations/:owned/read', 401],
  ['anonymous', 'POST', '/api/conversations/:owned/read', 401],
  ['owner', 'POST', '/api/conversations/:missing/read', 404],
  ['colleague', 'POST', '/api/conversations/:queued/read', 200],
  ['outsider', 'POST', '/api/conversations/:queued/read', 403],
  // status and priority
  ['owner', 'PATCH', '/api/conversations/:owned', 200, priority],
  ['colleague', 'PATCH', '/api/conversations/:owned', 403, resolve],
  // Specialists advise; status and priority stay with the owner.
  ['specialist', 'PATCH', '/api/conversations/:owned', 403, resolve],
  ['mentioned', 'PATCH', '/api/conversations/:owned', 403, priority],
  ['expired', 'PATCH', '/api/conversations/:owned', 403, resolve],
  ['outsider', 'PATCH', '/api/conversations/:owned', 403, resolve],
  ['supervisor', 'PATCH', '/api/conversations/:owned', 200, priority],
  ['admin', 'PATCH', '/api/conversations/:owned', 200, priority],
  ['deactivated', 'PATCH', '/api/conversations/:owned', 401, resolve],
  ['anonymous', 'PATCH', '/api/conversations/:owned', 401, resolve],
  ['owner', 'PATCH', '/api/conversations/:missing', 404, resolve],
  ['colleague', 'PATCH', '/api/conversations/:queued', 200, priority],
  ['specialist', 'PATCH', '/api/conversations/:queued', 403, resolve],
  ['outsider', 'PATCH', '/api/conversations/:queued', 403, resolve],
  // lists a person may not open at all (what lists show is checked below)
  ['colleague', 'GET', '/api/conversations?view=all', 403],
  ['colleague', 'GET', '/api/conversations?view=team&teamId=:salesTeam', 403],
  ['outsider', 'GET', '/api/conversations?view=team&teamId=:marketingTeam', 403],
  ['supervisor', 'GET', '/api/conversations?view=all', 200],
  ['admin', 'GET', '/api/conversations?view=team&teamId=:salesTeam', 200],
  ['deactivated', 'GET', '/api/conversations?view=mine', 401],
  ['anonymous', 'GET', '/api/conversations?view=mine', 401],
  ['deactivated', 'GET', '/api/conversations/counts', 401],
  ['anonymous', 'GET', '/api/conversations/counts', 401],
];

const MESSAGE_ROWS: Row[] = [
  // notes: everyone who sees the conversation
  ['owner', 'POST', '/api/conversations/:owned/messages', 201, note],
  ['colleague', 'POST', '/api/conversations/:owned/messages', 403, note],
  ['specialist', 'POST', '/api/conversations/:owned/messages', 201, note],
  ['mentioned', 'POST', '/api/conversations/:owned/messages', 201, note],
  ['expired', 'POST', '/api/conversations/:owned/messages', 403, note],
  ['outsider', 'POST', '/api/conversations/:owned/messages', 403, note],
  ['supervisor', 'POST', '/api/conversations/:owned/messages', 201, note],
  ['admin', 'POST', '/api/conversations/:owned/messages', 201, note],
  ['deactivated', 'POST', '/api/conversations/:owned/messages', 401, note],
  ['anonymous', 'POST', '/api/conversations/:owned/messages', 401, note],
  ['owner', 'POST', '/api/conversations/:missing/messages', 404, note],
  ['colleague', 'POST', '/api/conversations/:queued/messages', 201, note],
  ['specialist', 'POST', '/api/conversations/:queued/messages', 403, note],
  ['outsider', 'POST', '/api/conversations/:queued/messages', 403, note],
  // replies: the owner (or the first replier of an unowned one), supervisors and admins
  ['owner', 'POST', '/api/conversations/:owned/messages', 201, reply],
  ['colleague', 'POST', '/api/conversations/:owned/messages', 403, reply],
  ['specialist', 'POST', '/api/conversations/:owned/messages', 403, reply],
  ['mentioned', 'POST', '/api/conversations/:owned/messages', 403, reply],
  ['expired', 'POST', '/api/conversations/:owned/messages', 403, reply],
  ['outsider', 'POST', '/api/conversations/:owned/messages', 403, reply],
  ['supervisor', 'POST', '/api/conversations/:owned/messages', 201, reply],
  ['admin', 'POST', '/api/conversations/:owned/messages', 201, reply],
  ['deactivated', 'POST', '/api/conversations/:owned/messages', 401, reply],
  ['colleague', 'POST', '/api/conversations/:fresh/messages', 201, reply],
  ['outsider', 'POST', '/api/conversations/:fresh/messages', 403, reply],
  // suggested replies: drafted by those who see it, sent by the owner (or a supervisor/admin)
  ['specialist', 'POST', '/api/conversations/:owned/messages', 201, suggest],
  ['colleague', 'POST', '/api/conversations/:owned/messages', 403, suggest],
  ['expired', 'POST', '/api/conversations/:owned/messages', 403, suggest],
  ['owner', 'POST', '/api/messages/:suggestion/send-suggestion', 201, send],
  ['colleague', 'POST', '/api/messages/:suggestion/send-suggestion', 403, send],
  ['specialist', 'POST', '/api/messages/:suggestion/send-suggestion', 403, send],
  ['mentioned', 'POST', '/api/messages/:suggestion/send-suggestion', 403, send],
  ['expired', 'POST', '/api/messages/:suggestion/send-suggestion', 403, send],
  ['outsider', 'POST', '/api/messages/:suggestion/send-suggestion', 403, send],
  ['supervisor', 'POST', '/api/messages/:suggestion/send-suggestion', 201, send],
  ['admin', 'POST', '/api/messages/:suggestion/send-suggestion', 201, send],
  ['deactivated', 'POST', '/api/messages/:suggestion/send-suggestion', 401, send],
  ['anonymous', 'POST', '/api/messages/:suggestion/send-suggestion', 401, send],
  ['owner', 'POST', '/api/messages/:missing/send-suggestion', 404, send],
  // retry of a failed reply: who sees the conversation (it resends the owner's words, it says nothing new)
  ['owner', 'POST', '/api/messages/:failedReply/retry', 201],
  ['colleague', 'POST', '/api/messages/:failedReply/retry', 403],
  ['specialist', 'POST', '/api/messages/:failedReply/retry', 201],
  ['expired', 'POST', '/api/messages/:failedReply/retry', 403],
  ['outsider', 'POST', '/api/messages/:failedReply/retry', 403],
  ['supervisor', 'POST', '/api/messages/:failedReply/retry', 201],
  ['deactivated', 'POST', '/api/messages/:failedReply/retry', 401],
  ['anonymous', 'POST', '/api/messages/:failedReply/retry', 401],
  ['owner', 'POST', '/api/messages/:missing/retry', 404],
  // attachment links: signed, handed out only with the timeline (which refuses outsiders above)
  ['anonymous', 'GET', ':attachmentUrl', 200],
  ['anonymous', 'GET', ':attachmentTampered', 403],
  ['outsider', 'GET', ':attachmentTampered', 403],
  ['outsider', 'GET', ':attachmentUnsigned', 400],
];

const HANDOFF_ROWS: Row[] = [
  // pull in or hand over: the owner, supervisors and admins
  ['owner', 'POST', '/api/conversations/:freshOwned/handoffs', 201, consultSales],
  ['colleague', 'POST', '/api/conversations/:owned/handoffs', 403, consultOther],
  ['specialist', 'POST', '/api/conversations/:owned/handoffs', 403, consultOther],
  ['mentioned', 'POST', '/api/conversations/:owned/handoffs', 403, consultOther],
  ['expired', 'POST', '/api/conversations/:owned/handoffs', 403, consultOther],
  ['outsider', 'POST', '/api/conversations/:owned/handoffs', 403, consultOther],
  ['supervisor', 'POST', '/api/conversations/:freshOwned/handoffs', 201, consultSales],
  ['admin', 'POST', '/api/conversations/:freshOwned/handoffs', 201, consultSales],
  ['deactivated', 'POST', '/api/conversations/:owned/handoffs', 401, consultOther],
  ['anonymous', 'POST', '/api/conversations/:owned/handoffs', 401, consultOther],
  ['owner', 'POST', '/api/conversations/:missing/handoffs', 404, consultOther],
  ['colleague', 'POST', '/api/conversations/:queued/handoffs', 403, consultSales],
  // forced transfer (new): supervisors and admins only
  ['supervisor', 'POST', '/api/conversations/:freshOwned/handoffs', 201, forcedTransfer],
  ['admin', 'POST', '/api/conversations/:freshOwned/handoffs', 201, forcedTransfer],
  ['owner', 'POST', '/api/conversations/:freshOwned/handoffs', 403, forcedTransfer],
  ['specialist', 'POST', '/api/conversations/:owned/handoffs', 403, forcedTransfer],
  ['outsider', 'POST', '/api/conversations/:owned/handoffs', 403, forcedTransfer],
  // accept / decline: members of the requested team (Sales), supervisors, admins
  ['owner', 'POST', '/api/handoffs/:pendingConsult/accept', 403],
  ['colleague', 'POST', '/api/handoffs/:pendingConsult/accept', 403],
  ['mentioned', 'POST', '/api/handoffs/:pendingConsult/accept', 403],
  ['outsider', 'POST', '/api/handoffs/:pendingConsult/accept', 403],
  ['deactivated', 'POST', '/api/handoffs/:pendingConsult/accept', 401],
  ['anonymous', 'POST', '/api/handoffs/:pendingConsult/accept', 401],
  ['outsider', 'POST', '/api/handoffs/:missing/accept', 404],
  ['specialist', 'POST', '/api/handoffs/:freshPendingConsult/accept', 200],
  ['supervisor', 'POST', '/api/handoffs/:freshPendingConsult/accept', 200],
  ['owner', 'POST', '/api/handoffs/:pendingConsult/decline', 403, reason],
  ['colleague', 'POST', '/api/handoffs/:pendingConsult/decline', 403, reason],
  ['outsider', 'POST', '/api/handoffs/:pendingConsult/decline', 403, reason],
  ['anonymous', 'POST', '/api/handoffs/:pendingConsult/decline', 401, reason],
  ['specialist', 'POST', '/api/handoffs/:freshPendingConsult/decline', 200, reason],
  ['admin', 'POST', '/api/handoffs/:freshPendingConsult/decline', 200, reason],
  // complete: who accepted the consult, supervisors, admins
  ['owner', 'POST', '/api/handoffs/:acceptedConsult/complete', 403, summary],
  ['colleague', 'POST', '/api/handoffs/:acceptedConsult/complete', 403, summary],
  ['mentioned', 'POST', '/api/handoffs/:acceptedConsult/complete', 403, summary],
  ['expired', 'POST', '/api/handoffs/:acceptedConsult/complete', 403, summary],
  ['outsider', 'POST', '/api/handoffs/:acceptedConsult/complete', 403, summary],
  ['deactivated', 'POST', '/api/handoffs/:acceptedConsult/complete', 401, summary],
  ['specialist', 'POST', '/api/handoffs/:freshAcceptedConsult/complete', 200, summary],
  ['supervisor', 'POST', '/api/handoffs/:freshAcceptedConsult/complete', 200, summary],
  // cancel: who asked for it, supervisors, admins
  ['specialist', 'POST', '/api/handoffs/:pendingConsult/cancel', 403],
  ['colleague', 'POST', '/api/handoffs/:pendingConsult/cancel', 403],
  ['mentioned', 'POST', '/api/handoffs/:pendingConsult/cancel', 403],
  ['outsider', 'POST', '/api/handoffs/:pendingConsult/cancel', 403],
  ['specialist', 'POST', '/api/handoffs/:acceptedConsult/cancel', 403],
  ['anonymous', 'POST', '/api/handoffs/:pendingConsult/cancel', 401],
  ['owner', 'POST', '/api/handoffs/:freshPendingConsult/cancel', 200],
  ['supervisor', 'POST', '/api/handoffs/:freshPendingConsult/cancel', 200],
  ['admin', 'POST', '/api/handoffs/:freshAcceptedConsult/cancel', 200],
  // a team's handoff queue: its members, supervisors, admins
  ['specialist', 'GET', '/api/handoffs?view=queue&teamId=:salesTeam', 200],
  ['colleague', 'GET', '/api/handoffs?view=queue&teamId=:salesTeam', 403],
  ['outsider', 'GET', '/api/handoffs?view=queue&teamId=:salesTeam', 403],
  ['supervisor', 'GET', '/api/handoffs?view=queue&teamId=:salesTeam', 200],
  ['anonymous', 'GET', '/api/handoffs?view=queue', 401],
];

/** New endpoints: keep a participant past the grace period, or take them out (owner, supervisor, admin). */
const PARTICIPANT_ROWS: Row[] = [
  ['owner', 'POST', '/api/conversations/:freshGrace/participants/:specialistId/keep', 200],
  ['supervisor', 'POST', '/api/conversations/:freshGrace/participants/:specialistId/keep', 200],
  ['admin', 'POST', '/api/conversations/:freshGrace/participants/:specialistId/keep', 200],
  ['colleague', 'POST', '/api/conversations/:owned/participants/:specialistId/keep', 403],
  ['specialist', 'POST', '/api/conversations/:owned/participants/:specialistId/keep', 403],
  ['mentioned', 'POST', '/api/conversations/:owned/participants/:specialistId/keep', 403],
  ['expired', 'POST', '/api/conversations/:owned/participants/:expiredId/keep', 403],
  ['outsider', 'POST', '/api/conversations/:owned/participants/:specialistId/keep', 403],
  ['anonymous', 'POST', '/api/conversations/:owned/participants/:specialistId/keep', 401],
  ['owner', 'POST', '/api/conversations/:missing/participants/:specialistId/keep', 404],
  ['owner', 'DELETE', '/api/conversations/:freshGrace/participants/:specialistId', 204],
  ['supervisor', 'DELETE', '/api/conversations/:freshGrace/participants/:specialistId', 204],
  ['admin', 'DELETE', '/api/conversations/:freshGrace/participants/:specialistId', 204],
  ['colleague', 'DELETE', '/api/conversations/:owned/participants/:specialistId', 403],
  ['specialist', 'DELETE', '/api/conversations/:owned/participants/:mentionedId', 403],
  ['mentioned', 'DELETE', '/api/conversations/:owned/participants/:specialistId', 403],
  ['expired', 'DELETE', '/api/conversations/:owned/participants/:specialistId', 403],
  ['outsider', 'DELETE', '/api/conversations/:owned/participants/:specialistId', 403],
  ['anonymous', 'DELETE', '/api/conversations/:owned/participants/:specialistId', 401],
  ['owner', 'DELETE', '/api/conversations/:missing/participants/:specialistId', 404],
];

const CONTACT_AND_NOTIFICATION_ROWS: Row[] = [
  // a contact profile: to those who may see one of its conversations
  ['owner', 'GET', '/api/contacts/:ownedContact', 200],
  ['colleague', 'GET', '/api/contacts/:ownedContact', 403],
  ['specialist', 'GET', '/api/contacts/:ownedContact', 200],
  ['mentioned', 'GET', '/api/contacts/:ownedContact', 200],
  ['expired', 'GET', '/api/contacts/:ownedContact', 403],
  ['outsider', 'GET', '/api/contacts/:ownedContact', 403],
  ['supervisor', 'GET', '/api/contacts/:ownedContact', 200],
  ['admin', 'GET', '/api/contacts/:ownedContact', 200],
  ['deactivated', 'GET', '/api/contacts/:ownedContact', 401],
  ['anonymous', 'GET', '/api/contacts/:ownedContact', 401],
  ['owner', 'GET', '/api/contacts/:missing', 404],
  ['colleague', 'GET', '/api/contacts/:queuedContact', 200],
  ['specialist', 'GET', '/api/contacts/:queuedContact', 403],
  ['outsider', 'GET', '/api/contacts/:queuedContact', 403],
  // notifications are per user, for supervisors and admins too
  ['owner', 'POST', '/api/notifications/:specialistNotification/read', 404],
  ['colleague', 'POST', '/api/notifications/:specialistNotification/read', 404],
  ['outsider', 'POST', '/api/notifications/:specialistNotification/read', 404],
  ['supervisor', 'POST', '/api/notifications/:specialistNotification/read', 404],
  ['admin', 'POST', '/api/notifications/:specialistNotification/read', 404],
  ['anonymous', 'POST', '/api/notifications/:specialistNotification/read', 401],
  ['specialist', 'POST', '/api/notifications/:specialistNotification/read', 200],
  ['deactivated', 'GET', '/api/notifications', 401],
  ['anonymous', 'GET', '/api/notifications', 401],
];

type ListKey = 'owned' | 'queued' | 'mixedHidden' | 'mixedVisible';
type ListRow = [who: Person, query: string, shows: ListKey[], hides: ListKey[]];

/** What list views and search show: never a conversation the viewer may not open. */
const LIST_ROWS: ListRow[] = [
  ['owner', 'view=mine', ['owned'], ['queued']],
  ['owner', 'view=team&teamId=:marketingTeam', ['owned', 'queued', 'mixedVisible'], []],
  ['owner', 'view=team&teamId=:marketingTeam&q=:ownedEmail', ['owned'], ['queued']],
  ['owner', 'view=team&teamId=:marketingTeam&status=resolved', ['mixedHidden'], []],
  ['colleague', 'view=mine', [], ['owned', 'queued']],
  ['colleague', 'view=unassigned', ['queued', 'mixedVisible'], ['owned']],
  ['colleague', 'view=team&teamId=:marketingTeam', ['queued', 'mixedVisible'], ['owned']],
  ['colleague', 'view=team&teamId=:marketingTeam&q=:ownedEmail', [], ['owned']],
  ['colleague', 'view=team&teamId=:marketingTeam&q=:mixedEmail', ['mixedVisible'], []],
  ['colleague', 'view=team&teamId=:marketingTeam&status=resolved', [], ['mixedHidden']],
  ['colleague', 'view=unassigned&q=:ownedEmail', [], ['owned']],
  ['colleague', 'view=participating', [], ['owned']],
  ['specialist', 'view=participating', ['owned'], ['queued']],
  ['specialist', 'view=participating&q=:ownedEmail', ['owned'], []],
  ['specialist', 'view=team&teamId=:salesTeam', [], ['owned', 'queued']],
  ['mentioned', 'view=participating', ['owned'], ['queued']],
  ['expired', 'view=participating', [], ['owned']],
  ['expired', 'view=participating&q=:ownedEmail', [], ['owned']],
  ['outsider', 'view=team&teamId=:otherTeam&q=:ownedEmail', [], ['owned']],
  ['outsider', 'view=unassigned', [], ['owned', 'queued']],
  ['supervisor', 'view=all', ['owned', 'queued', 'mixedVisible'], []],
  ['supervisor', 'view=all&q=:ownedEmail', ['owned'], ['queued']],
  ['admin', 'view=team&teamId=:marketingTeam', ['owned', 'queued'], []],
];

type SocketEvent = 'conversation.join' | 'conversation.typing';
type SocketRow = [who: Person, event: SocketEvent, target: Target, expected: 'ok' | 'refused'];

/** Rooms follow the same rule; the deactivated user's socket was opened before the deactivation. */
const SOCKET_ROWS: SocketRow[] = (['conversation.join', 'conversation.typing'] as const).flatMap(
  (event) =>
    PEOPLE.flatMap((who) =>
      TARGETS.map((target): SocketRow => [
        who,
        event,
        target,
        SEES[who][target] === 200 ? 'ok' : 'refused',
      ]),
    ),
);

type TitledRow = [
  who: Who,
  method: Method,
  path: string,
  expected: number,
  what: string,
  body?: Body,
];

/** Adds what the body is (a note, a reply, a forced transfer…) so that the test titles differ. */
function titled(rows: Row[]): TitledRow[] {
  return rows.map(([who, method, path, expected, body]) => {
    const what = !body
      ? ''
      : body.force
        ? '(forced transfer)'
        : `(${String(body.type ?? body.kind ?? Object.keys(body).join(', '))})`;
    return [who, method, path, expected, what, body];
  });
}

function routeMissing(res: { status: number; body: { message?: unknown } }): boolean {
  return (
    res.status === 404 && /^Cannot (GET|POST|PATCH|PUT|DELETE) /.test(String(res.body?.message))
  );
}

describe('access matrix: who gets through to a conversation', () => {
  let f: AccessFixture;
  const MISSING = randomUUID();

  beforeAll(async () => {
    f = await buildAccessFixture(await startTestApp());
  }, 90_000);
  afterAll(async () => {
    if (!f) return;
    Object.values(f.sockets).forEach((s) => s.disconnect());
    await f.t.close();
  });

  /** Placeholders of a row, each with the conversation it belongs to (for the footprint check). */
  async function token(
    name: string,
  ): Promise<{ value: string; conversationId?: string; messageId?: string }> {
    const on = (value: string, conversationId = f.owned) => ({ value, conversationId });
    switch (name) {
      case 'owned':
        return on(f.owned);
      case 'queued':
        return on(f.queued, f.queued);
      case 'missing':
        return { value: MISSING };
      case 'fresh': {
        const id = await f.fresh();
        return on(id, id);
      }
      case 'freshOwned': {
        const id = await f.freshOwned();
        return on(id, id);
      }
      case 'freshGrace': {
        const id = await f.freshGrace();
        return on(id, id);
      }
      case 'freshPendingConsult': {
        const { conversationId, handoffId } = await f.freshPendingConsult();
        return on(handoffId, conversationId);
      }
      case 'freshAcceptedConsult': {
        const { conversationId, handoffId } = await f.freshAcceptedConsult();
        return on(handoffId, conversationId);
      }
      case 'pendingConsult':
        return on(f.pendingConsult);
      case 'acceptedConsult':
        return on(f.acceptedConsult);
      case 'suggestion': {
        const id = await f.suggestion();
        return { ...on(id), messageId: id };
      }
      case 'failedReply': {
        const id = await f.failedReply();
        return { ...on(id), messageId: id };
      }
      case 'ownedContact':
        return on(f.ownedContactId);
      case 'queuedContact':
        return on(f.queuedContactId, f.queued);
      case 'specialistNotification':
        return on(f.specialistNotification);
      case 'attachmentUrl':
        return on(f.attachmentUrl);
      case 'attachmentTampered':
        return on(
          f.attachmentUrl.replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`),
        );
      case 'attachmentUnsigned':
        return on(f.attachmentUrl.replace(/\?.*$/, ''));
      case 'specialistId':
      case 'expiredId':
      case 'mentionedId':
      case 'colleagueId':
        return { value: f.users[name.replace(/Id$/, '') as Person].id };
      case 'salesTeam':
      case 'marketingTeam':
      case 'otherTeam':
        return { value: f.teams[name.replace(/Team$/, '') as keyof AccessFixture['teams']] };
      case 'ownedEmail':
        return { value: encodeURIComponent(f.ownedEmail) };
      case 'mixedEmail':
        return { value: encodeURIComponent(f.mixed.email) };
      case 'uuid':
        return { value: randomUUID() };
      default:
        throw new Error(`unknown placeholder :${name}`);
    }
  }

  async function fill(
    template: string,
    seen: { conversationId?: string; messageId?: string },
  ): Promise<string> {
    let out = '';
    let last = 0;
    for (const match of template.matchAll(/:([A-Za-z]+)/g)) {
      const t = await token(match[1]);
      seen.conversationId ??= t.conversationId;
      seen.messageId ??= t.messageId;
      out += template.slice(last, match.index) + t.value;
      last = (match.index ?? 0) + match[0].length;
    }
    return out + template.slice(last);
  }

  async function fillBody(body: Body | undefined, seen: object): Promise<Body | undefined> {
    if (!body) return undefined;
    const entries = await Promise.all(
      Object.entries(body).map(async ([k, v]) => [
        k,
        typeof v === 'string' && /^:[A-Za-z]+$/.test(v) ? await fill(v, seen) : v,
      ]),
    );
    return Object.fromEntries(entries);
  }

  /** Everything a call could have written about a conversation (and the message it named). */
  async function footprint(conversationId?: string, messageId?: string): Promise<unknown> {
    if (!conversationId) return null;
    const [row] = await f.t.db.query(
      `SELECT c.owner_id, c.team_id, c.status, c.priority, c.unread_count, c.snoozed_until,
         (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id) AS messages,
         (SELECT count(*)::int FROM timeline_events e WHERE e.conversation_id = c.id) AS events,
         (SELECT string_agg(h.id || ':' || h.status, ',' ORDER BY h.id) FROM handoffs h
           WHERE h.conversation_id = c.id) AS handoffs,
         (SELECT string_agg(p.user_id || ':' || coalesce(p.expires_at::text, '-'), ',' ORDER BY p.user_id)
           FROM conversation_participants p WHERE p.conversation_id = c.id) AS participants,
         (SELECT string_agg(n.id || ':' || coalesce(n.read_at::text, '-'), ',' ORDER BY n.id)
           FROM notifications n WHERE n.conversation_id = c.id) AS notifications,
         (SELECT coalesce(m.delivery_status, '-') || ':' || m.metadata::text FROM messages m
           WHERE m.id = $2::uuid) AS message
       FROM conversations c WHERE c.id = $1`,
      [conversationId, messageId ?? null],
    );
    return row;
  }

  async function call(who: Who, method: Method, path: string, body?: Body) {
    const api = f.api(who);
    const req =
      method === 'GET'
        ? api.get(path)
        : method === 'POST'
          ? api.post(path)
          : method === 'PATCH'
            ? api.patch(path)
            : api.delete(path);
    return body ? req.send(body) : req;
  }

  async function runRow(
    who: Who,
    method: Method,
    template: string,
    expected: number,
    _what: string,
    body?: Body,
  ) {
    const seen: { conversationId?: string; messageId?: string } = {};
    const path = await fill(template, seen);
    const payload = await fillBody(body, seen);
    const before = await footprint(seen.conversationId, seen.messageId);
    const res = await call(who, method, path, payload);
    if (routeMissing(res)) throw new Error(`route not there yet: ${res.body.message}`);
    const got =
      res.status === expected ? `${res.status}` : `${res.status} ${JSON.stringify(res.body)}`;
    expect(got).toBe(`${expected}`);
    if (expected >= 400) {
      // A refused call leaves nothing written.
      expect(await footprint(seen.conversationId, seen.messageId)).toEqual(before);
    }
  }

  describe('lists, search and counts show only what the viewer may open', () => {
    it.each(LIST_ROWS)('%s GET /api/conversations?%s', async (who, query, shows, hides) => {
      const ids: Record<ListKey, string> = {
        owned: f.owned,
        queued: f.queued,
        mixedHidden: f.mixed.hidden,
        mixedVisible: f.mixed.visible,
      };
      const res = await f.api(who).get(`/api/conversations?${await fill(query, {})}&limit=200`);
      expect(res.status).toBe(200);
      const listed = (res.body as ConversationListDto).items.map((c) => c.id);
      for (const key of shows)
        expect({ [key]: listed.includes(ids[key]) }).toEqual({ [key]: true });
      for (const key of hides)
        expect({ [key]: listed.includes(ids[key]) }).toEqual({ [key]: false });
    });

    it('counts what the lists show: a colleague’s conversation is not counted for an agent', async () => {
      const M = f.teams.marketing;
      const counts = async (who: Person) =>
        (await f.api(who).get('/api/conversations/counts')).body as ConversationCountsDto;
      const list = async (who: Person, query: string) =>
        (
          (await f.api(who).get(`/api/conversations?${query}&limit=200`))
            .body as ConversationListDto
        ).items.map((c) => c.id);

      const colleague = await counts('colleague');
      const colleagueTeam = await list('colleague', `view=team&teamId=${M}`);
      expect(colleagueTeam).not.toContain(f.owned);
      expect(colleague.teams[M]).toBe(colleagueTeam.length);
      expect(colleague.team).toBe(colleagueTeam.length);
      expect(colleague.all).toBe(0);

      // The owner's Marketing count is the colleague's plus her own conversations.
      const [{ n: ownersOwn }]: { n: number }[] = await f.t.db.query(
        `SELECT count(*)::int AS n FROM conversations WHERE owner_id = $1 AND team_id = $2 AND status <> 'resolved'`,
        [f.users.owner.id, M],
      );
      expect(ownersOwn).toBeGreaterThan(0);
      expect((await counts('owner')).teams[M]).toBe(colleague.teams[M] + ownersOwn);

      const specialist = await counts('specialist');
      expect(specialist.participating).toBe(
        (await list('specialist', 'view=participating')).length,
      );
      expect(specialist.participating).toBeGreaterThanOrEqual(1);
      expect((await counts('expired')).participating).toBe(0);
      expect((await counts('mentioned')).participating).toBe(1);

      const [{ n: unresolved }]: { n: number }[] = await f.t.db.query(
        `SELECT count(*)::int AS n FROM conversations WHERE status <> 'resolved'`,
      );
      expect((await counts('supervisor')).all).toBe(unresolved);
    });
  });

  describe('REST, reads (generated from SEES)', () => {
    it.each(titled(READ_ROWS))('%s %s %s → %i %s', runRow);
  });

  describe('REST, conversations', () => {
    it.each(titled(CONVERSATION_ROWS))('%s %s %s → %i %s', runRow);

    it('a queue member loses sight of a conversation once a colleague claims it', async () => {
      const id = await f.fresh();
      expect((await f.api('colleague').get(`/api/conversations/${id}`)).status).toBe(200);
      expect((await f.api('owner').post(`/api/conversations/${id}/claim`)).status).toBe(200);
      expect((await f.api('colleague').get(`/api/conversations/${id}`)).status).toBe(403);
      expect((await f.api('colleague').get(`/api/conversations/${id}/timeline`)).status).toBe(403);
    });

    it('a specialist keeps access during the grace period and loses it when it is over', async () => {
      const id = await f.freshGrace();
      expect((await f.api('specialist').get(`/api/conversations/${id}`)).status).toBe(200);
      await f.t.db.query(
        `UPDATE conversation_participants SET expires_at = now() - interval '1 second'
         WHERE conversation_id = $1 AND user_id = $2`,
        [id, f.users.specialist.id],
      );
      expect((await f.api('specialist').get(`/api/conversations/${id}`)).status).toBe(403);
    });
  });

  describe('REST, messages and attachments', () => {
    it.each(titled(MESSAGE_ROWS))('%s %s %s → %i %s', runRow);
  });

  describe('REST, handoffs', () => {
    it.each(titled(HANDOFF_ROWS))('%s %s %s → %i %s', runRow);

    it('a forced transfer by a supervisor takes effect at once', async () => {
      const id = await f.freshOwned();
      const res = await f.api('supervisor').post(`/api/conversations/${id}/handoffs`).send({
        kind: 'transfer',
        force: true,
        userId: f.users.colleague.id,
        note: NOTE,
      });
      expect(res.status).toBe(201);
      const now = await f.api('colleague').get(`/api/conversations/${id}`);
      expect(now.status).toBe(200);
      expect((now.body as ConversationDto).owner?.id).toBe(f.users.colleague.id);
    });
  });

  describe('REST, participants (keep / remove)', () => {
    it.each(titled(PARTICIPANT_ROWS))('%s %s %s → %i %s', runRow);

    it('keeping lets a specialist stay past the grace period; removing ends their access at once', async () => {
      const id = await f.freshGrace();
      const path = `/api/conversations/${id}/participants/${f.users.specialist.id}`;
      const kept = await f.api('owner').post(`${path}/keep`);
      expect(kept.body).toMatchObject({ user: { id: f.users.specialist.id }, expiresAt: null });
      expect((await f.api('specialist').get(`/api/conversations/${id}`)).status).toBe(200);
      expect((await f.api('owner').delete(path)).status).toBe(204);
      expect((await f.api('specialist').get(`/api/conversations/${id}`)).status).toBe(403);
    });
  });

  describe('REST, contacts and notifications', () => {
    it.each(titled(CONTACT_AND_NOTIFICATION_ROWS))('%s %s %s → %i %s', runRow);

    it('a contact profile lists only the conversations the viewer may see', async () => {
      const path = `/api/contacts/${f.mixed.contactId}`;
      const ofColleague = (await f.api('colleague').get(path)).body as ContactDto;
      expect(ofColleague.conversations.map((c) => c.id)).toEqual([f.mixed.visible]);
      const ofOwner = (await f.api('owner').get(path)).body as ContactDto;
      expect(ofOwner.conversations.map((c) => c.id).sort()).toEqual(
        [f.mixed.hidden, f.mixed.visible].sort(),
      );
      expect((await f.api('outsider').get(path)).status).toBe(403);
    });

    it('a conversation’s contact details do not reveal the contact’s other conversations the viewer may not see', async () => {
      const res = await f.api('colleague').get(`/api/conversations/${f.mixed.visible}`);
      expect(res.status).toBe(200);
      const listed = (res.body as ConversationDto).contactDetails.conversations.map((c) => c.id);
      expect(listed).toContain(f.mixed.visible);
      expect(listed).not.toContain(f.mixed.hidden);
    });

    it('notifications are each user’s own', async () => {
      const ids = async (who: Person) =>
        ((await f.api(who).get('/api/notifications')).body as NotificationListDto).items.map(
          (n) => n.id,
        );
      expect(await ids('specialist')).toContain(f.specialistNotification);
      for (const who of ['owner', 'colleague', 'outsider', 'supervisor', 'admin'] as const)
        expect({ who, leaked: (await ids(who)).includes(f.specialistNotification) }).toEqual({
          who,
          leaked: false,
        });
    });
  });

  describe('realtime', () => {
    async function ack(socket: Socket, event: string, payload: unknown): Promise<unknown> {
      if (!socket.connected) return { ok: false, error: 'disconnected' };
      try {
        return await socket.timeout(5000).emitWithAck(event, payload);
      } catch (err) {
        return socket.connected
          ? { timeout: (err as Error).message }
          : { ok: false, error: 'disconnected' };
      }
    }

    it.each(SOCKET_ROWS)('%s emits %s on %s → %s', async (who, event, target, expected) => {
      const conversationId = { owned: f.owned, queued: f.queued, missing: MISSING }[target];
      const payload =
        event === 'conversation.join'
          ? { conversationId }
          : { conversationId, typing: true, kind: 'note' };
      const answer = await ack(f.sockets[who], event, payload);
      if (expected === 'ok') expect(answer).toMatchObject({ ok: true });
      else if (who === 'deactivated') expect(answer).toMatchObject({ ok: false });
      else expect(answer).toEqual({ ok: false, error: 'forbidden' });
    });

    it.each([['deactivated'], ['anonymous']] as const)('%s cannot open a socket', async (who) => {
      const socket = connectStaff(f.t.url, who === 'anonymous' ? undefined : f.tokens[who]);
      try {
        const err = await once<Error>(socket, 'connect_error');
        expect(err.message).toBe(REALTIME_UNAUTHORIZED);
      } finally {
        socket.disconnect();
      }
    });

    it('events of a conversation reach only sockets of people who may see it', async () => {
      const listen = (who: Person, conversationId: string) => {
        const heard: string[] = [];
        const socket = f.sockets[who];
        const on = (event: string) => (p: { conversationId?: string }) => {
          if (p.conversationId === conversationId) heard.push(event);
        };
        const handlers = ['message.created', 'conversation.updated'].map(
          (event) => [event, on(event)] as const,
        );
        handlers.forEach(([event, h]) => socket.on(event, h));
        return {
          heard,
          stop: () => handlers.forEach(([event, h]) => socket.off(event, h)),
        };
      };
      const watchers = {
        owner: listen('owner', f.owned),
        supervisor: listen('supervisor', f.owned),
        admin: listen('admin', f.owned),
        colleague: listen('colleague', f.owned),
        expired: listen('expired', f.owned),
        outsider: listen('outsider', f.owned),
      };
      const queue = listen('colleague', f.queued);
      try {
        expect(
          (
            await f
              .api('owner')
              .post(`/api/conversations/${f.owned}/messages`)
              .send({ type: 'note', body: 'Nur für Befugte', clientMessageId: randomUUID() })
          ).status,
        ).toBe(201);
        expect(
          (
            await f
              .api('owner')
              .post(`/api/conversations/${f.queued}/messages`)
              .send({ type: 'note', body: 'Für die Warteschlange', clientMessageId: randomUUID() })
          ).status,
        ).toBe(201);
        await waitFor('the owner, supervisors and admins to hear it', async () =>
          (['owner', 'supervisor', 'admin'] as const).every((w) =>
            watchers[w].heard.includes('message.created'),
          ),
        );
        // The queue member hears about the queued conversation (the team room works)…
        await waitFor('the queue to hear its conversation', async () =>
          queue.heard.includes('message.created'),
        );
        for (const who of ['colleague', 'expired', 'outsider'] as const)
          await staffSentinel(f.t, f.sockets[who], f.users[who].id);
        // …but not about a colleague's conversation, nor do outsiders or expired participants.
        expect({
          colleague: watchers.colleague.heard,
          expired: watchers.expired.heard,
          outsider: watchers.outsider.heard,
        }).toEqual({ colleague: [], expired: [], outsider: [] });
      } finally {
        Object.values(watchers).forEach((w) => w.stop());
        queue.stop();
      }
    });
  });
});
