import { channelConfigSchemas, type ChannelConfig } from '@touchpoint/shared';
import type { Channel } from '../../channel.entity';

export type EmailChannelConfig = ChannelConfig<'email'>;
export type MailServerConfig = EmailChannelConfig['smtp'];

/** A channel's stored config does not match its kind's schema (edited by hand, older version). */
export class InvalidChannelConfigError extends Error {}

/** The validated config of an email channel (the stored JSON is read defensively: it outlives code versions). */
export function emailChannelConfig(channel: Pick<Channel, 'id' | 'config'>): EmailChannelConfig {
  const parsed = channelConfigSchemas.email.safeParse(channel.config);
  if (!parsed.success)
    throw new InvalidChannelConfigError(
      `Email channel ${channel.id} has an invalid config: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
