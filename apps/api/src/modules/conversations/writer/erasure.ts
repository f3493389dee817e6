import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';

/**
 * Keys of timeline event data (and of saved conversation states) that can carry a customer's
 * words or details: notes and summaries quote them, subjects and previews are theirs. Names of
 * staff, teams and channels stay, so the history still reads.
 */
export const PERSONAL_DATA_KEYS: readonly string[] = [
  'subject',
  'note',
  'summary',
  'reason',
  'text',
  'body',
  'snippet',
  'preview',
  'previewText',
  'quoted',
  'address',
  'email',
  'phone',
  'contactName',
  'from',
  'to',
  'recordingUrl',
];

/** `value` without the personal keys, at any depth (arrays and objects alike). */
export function withoutPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPersonalData);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PERSONAL_DATA_KEYS.includes(key))
      .map(([key, inner]) => [key, withoutPersonalData(inner)]),
  );
}

/** Message metadata that says what happened without who or what was said. */
const KEPT_METADATA = ['suggestion', 'suggestionSentMessageId', 'templateName', 'templateLanguage'];

export interface ErasedContent {
  conversationIds: string[];
  messages: number;
  /** Storage keys of the attachments whose rows are gone; the files go after commit. */
  storageKeys: string[];
}

/**
 * A contact's personal data leaves their conversations, inside the caller's transaction: every
 * message of them (and any the contact wrote elsewhere) loses its subject, text, HTML, quoted
 * history, delivery error and provider details (a call keeps its direction, outcome and duration;
 * a reply still waiting to go out fails instead of going out empty),
 * attachments lose their rows, conversations their subject and preview, timeline events the notes
 * and texts in their data. Counts, statuses, times and seqs stay, so reports add up as before.
 */
export async function eraseConversationContent(
  m: EntityManager,
  contactId: string,
  batch: EventBatch,
): Promise<ErasedContent> {
  const conversations: { id: string }[] = await m.query(
    'SELECT id FROM conversations WHERE contact_id = $1 ORDER BY id FOR UPDATE',
    [contactId],
  );
  const conversationIds = conversations.map((c) => c.id);
  const [messages]: [{ id: string; conversation_id: string }[], number] = await m.query(
    `UPDATE messages SET subject = NULL, text = '', html = NULL, quoted = NULL,
       html_original = NULL,
       -- A reply still waiting to go out is not sent empty: it fails, saying why.
       delivery_status = CASE WHEN delivery_status IN ('queued', 'sending') THEN 'failed'
         ELSE delivery_status END,
       delivery_error = CASE WHEN delivery_status IN ('queued', 'sending')
         THEN 'Not sent: the customer''s personal data was erased' END,
       metadata = (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
                     FROM jsonb_each(metadata) WHERE key = ANY($3::text[]))
         || CASE WHEN metadata ? 'call' THEN jsonb_build_object('call',
              (metadata -> 'call') || '{"from": null, "to": null, "recordingUrl": null}'::jsonb)
            ELSE '{}'::jsonb END
     WHERE conversation_id = ANY($1::uuid[]) OR contact_id = $2
     RETURNING id, conversation_id`,
    [conversationIds, contactId, KEPT_METADATA],
  );
  const messageIds = messages.map((row) => row.id);
  const [attachments]: [{ storage_key: string }[], number] = await m.query(
    'DELETE FROM attachments WHERE message_id = ANY($1::uuid[]) RETURNING storage_key',
    [messageIds],
  );
  await m.query(
    `UPDATE conversations SET subject = NULL,
       preview_text = CASE WHEN preview_text IS NULL THEN NULL ELSE '' END
     WHERE id = ANY($1::uuid[])`,
    [conversationIds],
  );
  const events: { id: string; data: unknown }[] = await m.query(
    'SELECT id, data FROM timeline_events WHERE conversation_id = ANY($1::uuid[])',
    [conversationIds],
  );
  const changed = events
    .map((e) => ({ id: e.id, before: JSON.stringify(e.data), data: withoutPersonalData(e.data) }))
    .filter((e) => JSON.stringify(e.data) !== e.before);
  if (changed.length)
    await m.query(
      `UPDATE timeline_events t SET data = u.data
         FROM unnest($1::uuid[], $2::jsonb[]) AS u(id, data) WHERE t.id = u.id`,
      [changed.map((e) => e.id), changed.map((e) => JSON.stringify(e.data))],
    );
  for (const conversationId of conversationIds)
    batch.add('conversation.updated', { conversationId });
  // Threads open on someone's screen show the emptied messages at once.
  for (const message of messages)
    batch.add('message.updated', {
      conversationId: message.conversation_id,
      messageId: message.id,
    });
  return {
    conversationIds,
    messages: messageIds.length,
    storageKeys: attachments.map((a) => a.storage_key),
  };
}
