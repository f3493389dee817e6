import type { ChannelKind, ReplyChannelOptionDto } from '@touchpoint/shared';
import type { TFunction } from 'i18next';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()/-]{4,}[0-9]$/;
/** Kinds whose address is a phone number, some stored without the leading plus (WhatsApp ids). */
const PHONE_KINDS: readonly ChannelKind[] = ['twilio', 'whatsapp'];
/** Kinds whose address is only ever the provider's id of the person. */
const ID_KINDS: readonly ChannelKind[] = ['webchat', 'messenger', 'instagram', 'telegram'];

/**
 * The contact's address as a person reads it, or null where it is only a provider's id (a website
 * visitor's `v_…`, a Messenger or Telegram id): an email address, or a phone number with its plus.
 */
export function readableAddress(kind: ChannelKind, address: string): string | null {
  const value = address.trim();
  if (ID_KINDS.includes(kind)) return null;
  if (EMAIL.test(value)) return value;
  if (!PHONE.test(value)) return null;
  if (PHONE_KINDS.includes(kind) && /^[0-9]/.test(value)) return `+${value}`;
  return value;
}

/**
 * How the reply-channel picker names a channel: "Support mail (anna@example.com)", "Website chat",
 * "WhatsApp (+49 170 1234567)"; never a raw visitor or provider id.
 */
export function replyChannelLabel(
  option: Pick<ReplyChannelOptionDto, 'channel' | 'address'>,
  t: TFunction,
): string {
  const { channel } = option;
  const name =
    channel.name.trim() ||
    (channel.kind === 'webchat' ? t('inbox.composer.websiteChat') : channel.kind);
  const address = readableAddress(channel.kind, option.address);
  return address ? t('inbox.composer.channelOption', { channel: name, address }) : name;
}
