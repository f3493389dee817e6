import { channelConfigSchemas, type ChannelConfig } from '@touchpoint/shared';
import type { Channel } from '../../channel.entity';
import { InvalidChannelConfigError } from '../../channel-config';

export type FormChannelConfig = ChannelConfig<'form'>;

export function formChannelConfig(channel: Pick<Channel, 'id' | 'config'>): FormChannelConfig {
  const parsed = channelConfigSchemas.form.safeParse(channel.config);
  if (!parsed.success)
    throw new InvalidChannelConfigError(
      `Form channel ${channel.id} has an invalid config: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * URLs a browser may be sent to after posting (`config.redirectUrls`). Not part of the shared config
 * schema yet, so read defensively; without it every browser gets the thank-you page.
 */
export function allowedRedirect(
  channel: Pick<Channel, 'config'>,
  url: string | undefined,
): string | undefined {
  if (!url) return undefined;
  const allowed = (channel.config as { redirectUrls?: unknown }).redirectUrls;
  return Array.isArray(allowed) && allowed.includes(url) ? url : undefined;
}
