import { channelConfigSchemas, type ChannelConfig } from '@touchpoint/shared';
import { InvalidChannelConfigError } from '../../channel-config';
import type { Channel } from '../../channel.entity';

export type EmailChannelConfig = ChannelConfig<'email'>;
export type MailServerConfig = EmailChannelConfig['smtp'];

/** The validated config of an email channel (the stored JSON is read defensively: it outlives code versions). */
export function emailChannelConfig(channel: Pick<Channel, 'id' | 'config'>): EmailChannelConfig {
  const parsed = channelConfigSchemas.email.safeParse(channel.config);
  if (!parsed.success)
    throw new InvalidChannelConfigError(
      `Email channel ${channel.id} has an invalid config: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
