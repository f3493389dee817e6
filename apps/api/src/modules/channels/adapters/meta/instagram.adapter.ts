import { Injectable } from '@nestjs/common';
import type { IdentityKind } from '@touchpoint/shared';
import { RegisterChannelAdapter } from '../../channel-adapter';
import { PageChannelAdapter } from './page-channel.adapter';

/**
 * Instagram professional accounts linked to a Facebook page, through the Messenger Platform:
 * webhooks at `/webhooks/meta/:channelId`, replies through the Send API to the customer's
 * Instagram-scoped id (IGSID).
 */
@Injectable()
@RegisterChannelAdapter()
export class InstagramAdapter extends PageChannelAdapter {
  readonly kind = 'instagram' as const;
  readonly reaches: readonly IdentityKind[] = ['instagram'];
}
