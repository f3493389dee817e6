import { arrayOf, digestOf, isObject, objectOf, stringOf, type Json } from './meta-json';

/** The `object` of a webhook body, per channel kind. */
export const META_OBJECTS = {
  whatsapp: 'whatsapp_business_account',
  messenger: 'page',
  instagram: 'instagram',
} as const;
export type MetaChannelKind = keyof typeof META_OBJECTS;

/** One thing a webhook body tells (a message, a status, a read receipt...), stored as its own event. */
export interface MetaWebhookItem {
  /**
   * Unique per channel and event (`msg:<wamid>`, `status:<wamid>:<status>`, `echo:<mid>`...): Meta
   * redelivers whole bodies, and may batch the same event differently, so the event names itself.
   */
  key: string;
  /** The account the item is addressed to (WhatsApp phone number id, page or Instagram account id). */
  accountId?: string;
  /** A webhook body in Meta's own format holding only this item. */
  payload: Json;
}

/**
 * Splits a verified webhook body into one item per message, status and event, each a complete
 * webhook body of its own (so what is stored reads like what Meta sent). Null when the body is not
 * a Meta webhook at all. Pure; never throws.
 *
 * Why split at the webhook: one POST may mix customer messages with delivery statuses across several
 * entries, while a stored event parses to messages or delivery news, never both. One event per item
 * keeps every item, gives each its own dedupe key, and lets a failing item (a media download that
 * must be retried) be retried alone instead of holding back the rest.
 */
export function splitMetaWebhook(body: unknown): MetaWebhookItem[] | null {
  if (!isObject(body) || typeof body.object !== 'string' || !Array.isArray(body.entry)) return null;
  const object = body.object;
  const items: MetaWebhookItem[] = [];
  for (const rawEntry of body.entry) {
    const entry = objectOf(rawEntry);
    const head = { id: entry.id, time: entry.time };
    const entryId = stringOf(entry.id);
    let found = false;
    for (const rawChange of arrayOf(entry.changes)) {
      found = true;
      items.push(...splitChange(object, head, entryId, objectOf(rawChange)));
    }
    for (const list of ['messaging', 'standby'] as const) {
      for (const rawEvent of arrayOf(entry[list])) {
        found = true;
        const event = objectOf(rawEvent);
        items.push({
          key: messagingKey(event),
          ...(entryId && { accountId: entryId }),
          payload: { object, entry: [{ ...head, [list]: [event] }] },
        });
      }
    }
    // An entry this version does not know how to split is kept whole: ignored with the reason.
    if (!found)
      items.push({
        key: `entry:${digestOf(entry)}`,
        ...(entryId && { accountId: entryId }),
        payload: { object, entry: [entry] },
      });
  }
  return items;
}

function splitChange(
  object: string,
  head: Json,
  entryId: string | undefined,
  change: Json,
): MetaWebhookItem[] {
  const value = objectOf(change.value);
  const messages = arrayOf(value.messages);
  const statuses = arrayOf(value.statuses);
  const wrap = (v: Json): Json => ({
    object,
    entry: [{ ...head, changes: [{ field: change.field, value: v }] }],
  });
  // WhatsApp addresses a change to one phone number; others to the entry's account.
  const accountId = stringOf(objectOf(value.metadata).phone_number_id) ?? entryId;
  const at = accountId ? { accountId } : {};
  if (!messages.length && !statuses.length)
    return [
      {
        key: `change:${stringOf(change.field) ?? 'unknown'}:${digestOf(change)}`,
        ...at,
        payload: wrap(value),
      },
    ];
  const rest = { ...value };
  delete rest.messages;
  delete rest.statuses;
  delete rest.contacts;
  const contacts = arrayOf(value.contacts);
  return [
    ...messages.map((m) => {
      const from = stringOf(objectOf(m).from);
      const own = contacts.filter((c) => stringOf(objectOf(c).wa_id) === from);
      return {
        key: `msg:${stringOf(objectOf(m).id) ?? digestOf(m)}`,
        ...at,
        payload: wrap({ ...rest, contacts: own.length ? own : contacts, messages: [m] }),
      };
    }),
    ...statuses.map((s) => {
      const status = objectOf(s);
      const id = stringOf(status.id);
      return {
        // A status names its message and its step; `failed` may repeat with another error.
        key:
          id && stringOf(status.status) && stringOf(status.status) !== 'failed'
            ? `status:${id}:${stringOf(status.status)}`
            : `status:${id ?? 'unknown'}:${digestOf(s)}`,
        ...at,
        payload: wrap({ ...rest, statuses: [s] }),
      };
    }),
  ];
}

/** The key of one Messenger or Instagram event: its message id where it has one. */
function messagingKey(event: Json): string {
  const message = isObject(event.message) ? event.message : undefined;
  const mid = stringOf(message?.mid);
  if (message && mid) {
    if (message.is_echo === true) return `echo:${mid}`;
    return message.is_deleted === true ? `deleted:${mid}` : `msg:${mid}`;
  }
  const kind =
    ['reaction', 'read', 'delivery', 'postback', 'message_edit', 'referral', 'optin'].find((k) =>
      isObject(event[k]),
    ) ?? 'event';
  return `${kind}:${digestOf(event)}`;
}
