import type { ChannelKind, IdentityKind } from '@touchpoint/shared';
import type { IconName } from '../../../ui/Icon';

export const CHANNEL_ICONS: Record<ChannelKind, IconName> = {
  email: 'mail',
  form: 'form',
  webchat: 'chat',
  api: 'api',
  twilio: 'sms',
  whatsapp: 'whatsapp',
  messenger: 'messenger',
  instagram: 'instagram',
  telegram: 'telegram',
};

export const IDENTITY_ICONS: Record<IdentityKind, IconName> = {
  email: 'mail',
  phone: 'phone',
  whatsapp: 'whatsapp',
  messenger: 'messenger',
  instagram: 'instagram',
  telegram: 'telegram',
  webchat: 'chat',
  api: 'api',
};
