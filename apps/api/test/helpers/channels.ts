import { randomBytes } from 'node:crypto';
import type { ChannelKind } from '@touchpoint/shared';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { inboxAddressOf, validateConfig } from '../../src/modules/channels/channel-config';
import { Channel } from '../../src/modules/channels/channel.entity';
import { sign, SIGNATURE_HEADER } from '../../src/modules/channels/adapters/api/api-signature';

/** A channel row, config validated as the admin API would. */
export async function makeChannel(
  db: DataSource,
  kind: ChannelKind,
  teamId: string,
  config: Record<string, unknown>,
  name = `${kind} ${randomBytes(3).toString('hex')}`,
): Promise<Channel> {
  const valid = validateConfig(kind, config);
  return db.getRepository(Channel).save({
    kind,
    name,
    teamId,
    config: valid,
    inboxAddress: inboxAddressOf(kind, valid),
    enabled: true,
  });
}

/** POSTs a signed message to the API channel's webhook, as a custom source would. */
export function postApiMessage(
  url: string,
  channel: Channel,
  body: unknown,
  secret = (channel.config as { secret: string }).secret,
) {
  const raw = JSON.stringify(body);
  return request(url)
    .post(`/webhooks/api/${channel.id}`)
    .set('Content-Type', 'application/json')
    .set(SIGNATURE_HEADER, sign(raw, secret))
    .send(raw);
}
