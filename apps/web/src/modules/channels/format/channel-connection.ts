import type { ChannelDto } from '@touchpoint/shared';
import type en from '../../../lib/locales/en.json';

type ConnectTexts = (typeof en)['channels']['connect'];
export type ConnectLabel = keyof ConnectTexts['labels'];
export type ConnectHint = keyof ConnectTexts['hints'];

/** One thing the admin copies into the provider's console or the website. */
export interface ConnectionItem {
  id: ConnectLabel;
  value: string;
  /** A page the admin may open (the public form). */
  link?: boolean;
  /** Several lines (an HTML snippet). */
  snippet?: boolean;
}

/** Placeholders of the hints (a type, not an interface: i18next wants an indexable object). */
export type ConnectionValues = {
  port?: string;
  host?: string;
  address?: string;
};

export interface Connection {
  items: ConnectionItem[];
  /** What to do with them, for this kind. */
  hints: ConnectHint[];
  /** Values for the hints' placeholders. */
  values?: ConnectionValues;
}

function text(config: Record<string, unknown>, key: string): string {
  const value = config[key];
  return typeof value === 'string' ? value : '';
}

/** The SMTP intake's port, which only the server knows (it says it in `endpoints.smtp`). */
function smtpPort(channel: ChannelDto): string | undefined {
  return /\bport (\d+)\b/.exec(channel.endpoints['smtp'] ?? '')?.[1];
}

/**
 * What the admin needs to connect a channel: the webhook URLs of the public contract, the embed
 * snippet, the form page, the inbox address. URLs are the server's (`endpoints`, from its
 * PUBLIC_URL: the address it also registers with providers); where it gives none they are built
 * from the address this page is served from, where the api answers webhooks too.
 */
export function channelConnection(channel: ChannelDto, origin: string): Connection {
  const id = encodeURIComponent(channel.id);
  const served = (key: string, fallback: string) => channel.endpoints[key] || fallback;
  switch (channel.kind) {
    case 'email': {
      const port = smtpPort(channel);
      const imap = channel.config['imap'];
      const imapHost =
        imap && typeof imap === 'object' ? text(imap as Record<string, unknown>, 'host') : '';
      return {
        items: [{ id: 'inboxAddress', value: text(channel.config, 'address') }],
        hints: [port ? 'email' : 'emailNoPort', ...(imapHost ? (['emailImap'] as const) : [])],
        values: { port, host: imapHost },
      };
    }
    case 'form':
      return {
        items: [
          { id: 'formPage', value: served('embed', `${origin}/forms/${id}/embed`), link: true },
          { id: 'formPost', value: served('post', `${origin}/forms/${id}`) },
        ],
        hints: ['form'],
        values: { address: text(channel.config, 'replyFrom') },
      };
    case 'webchat':
      return {
        items: [
          {
            id: 'embed',
            value: served(
              'script',
              `<script src="${origin}/widget.js" data-channel="${channel.id}" async></script>`,
            ),
            snippet: true,
          },
        ],
        hints: ['webchat'],
      };
    case 'api':
      return {
        items: [{ id: 'webhook', value: served('webhook', `${origin}/webhooks/api/${id}`) }],
        hints: [text(channel.config, 'callbackUrl') ? 'api' : 'apiNoCallback'],
      };
    case 'twilio':
      return {
        items: [
          { id: 'twilioWebhook', value: served('webhook', `${origin}/webhooks/twilio/${id}`) },
          {
            id: 'twilioStatus',
            value: served('status', `${origin}/webhooks/twilio/${id}/status`),
          },
          { id: 'twilioVoice', value: served('voice', `${origin}/webhooks/twilio/${id}/voice`) },
          {
            id: 'twilioVoiceStatus',
            value: served('voiceStatus', `${origin}/webhooks/twilio/${id}/voice/status`),
          },
        ],
        hints: ['twilio'],
      };
    case 'telegram':
      return {
        items: [{ id: 'webhook', value: served('webhook', `${origin}/webhooks/telegram/${id}`) }],
        hints: ['telegram'],
      };
    case 'whatsapp':
    case 'messenger':
    case 'instagram':
      return {
        items: [{ id: 'metaCallback', value: served('webhook', `${origin}/webhooks/meta/${id}`) }],
        hints: [channel.kind],
      };
  }
}
