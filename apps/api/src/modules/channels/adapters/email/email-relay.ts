import type { DataSource } from 'typeorm';
import { ChannelConnectError, PermanentDeliveryError } from '../../channel-adapter';
import { InvalidChannelConfigError } from '../../channel-config';
import type { Channel } from '../../channel.entity';
import { emailChannelConfig, type MailServerConfig } from './email-channel.config';

/** A broken channel config will not heal by retrying: a reply that reads it fails for good with the reason. */
export function configForReply<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof InvalidChannelConfigError) throw new PermanentDeliveryError(err.message);
    throw err;
  }
}

/** A broken channel config found by a check: what is wrong, for the admin. */
export function checkedConfig<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof InvalidChannelConfigError) throw new ChannelConnectError(err.message);
    throw err;
  }
}

/**
 * The SMTP relay of the enabled email channel receiving mail for `address`: channels that answer by
 * email (form, website chat) send through it.
 */
export async function findEmailRelay(
  db: DataSource,
  address: string,
): Promise<MailServerConfig | undefined> {
  const [row]: Pick<Channel, 'id' | 'config'>[] = await db.query(
    `SELECT id, config FROM channels
      WHERE kind = 'email' AND enabled AND inbox_address = $1
      ORDER BY created_at LIMIT 1`,
    [address.trim().toLowerCase()],
  );
  return row ? configForReply(() => emailChannelConfig(row).smtp) : undefined;
}
