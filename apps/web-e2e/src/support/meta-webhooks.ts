import { createHmac } from 'node:crypto';
import { baseUrl } from './e2e-env';

/** The WhatsApp Business Account the fake number belongs to (`entry[].id`). */
const WABA_ID = '102290129340398';
/** The business number's display form, as `metadata.display_phone_number` carries it. */
const DISPLAY_NUMBER = '49301234567';

/**
 * JSON as Meta sends (and signs) it: every non-ASCII character escaped as `\uXXXX` (an emoji as
 * its surrogate pair) and every `/` as `\/`. The signature covers exactly these bytes, so a server
 * that re-serialises the parsed body before checking it fails here.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff/]/g, (c) =>
    c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A WhatsApp `messages` change of one phone number, wrapped as a webhook body. */
function whatsappWebhook(phoneNumberId: string, value: Record<string, unknown>): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

const unixSeconds = () => String(Math.floor(Date.now() / 1000));

/** A customer's text message (`messages[].type = text`) with their profile name. */
export function whatsappTextWebhook(message: {
  phoneNumberId: string;
  from: string;
  name: string;
  wamid: string;
  text: string;
}): unknown {
  return whatsappWebhook(message.phoneNumberId, {
    contacts: [{ profile: { name: message.name }, wa_id: message.from }],
    messages: [
      {
        from: message.from,
        id: message.wamid,
        timestamp: unixSeconds(),
        text: { body: message.text },
        type: 'text',
      },
    ],
  });
}

/** The status of one of our replies (`statuses[]`): `delivered` carries pricing, `read` does not. */
export function whatsappStatusWebhook(status: {
  phoneNumberId: string;
  wamid: string;
  status: 'sent' | 'delivered' | 'read';
  recipient: string;
}): unknown {
  return whatsappWebhook(status.phoneNumberId, {
    statuses: [
      {
        id: status.wamid,
        status: status.status,
        timestamp: unixSeconds(),
        recipient_id: status.recipient,
        ...(status.status !== 'read' && {
          conversation: { id: 'c5f0b0e1d2a34b5c6d7e8f9a0b1c2d3e', origin: { type: 'service' } },
          pricing: {
            billable: true,
            pricing_model: 'PMP',
            category: 'service',
            type: 'free_customer_service',
          },
        }),
      },
    ],
  });
}

/**
 * Posts a webhook to the channel's callback URL as Meta does: the escaped JSON, signed with the
 * app secret in `X-Hub-Signature-256` (and the legacy SHA-1 `X-Hub-Signature`).
 */
export function postMetaWebhook(
  channelId: string,
  payload: unknown,
  appSecret: string,
): Promise<Response> {
  const body = metaJson(payload);
  const hmac = (algorithm: string) => createHmac(algorithm, appSecret).update(body).digest('hex');
  return fetch(`${baseUrl()}/webhooks/meta/${channelId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature': `sha1=${hmac('sha1')}`,
      'x-hub-signature-256': `sha256=${hmac('sha256')}`,
    },
    body,
  });
}
