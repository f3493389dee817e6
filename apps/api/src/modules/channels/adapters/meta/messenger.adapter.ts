import { Injectable } from '@nestjs/common';
import type { IdentityKind } from '@touchpoint/shared';
import { RegisterChannelAdapter } from '../../channel-adapter';
import { PageChannelAdapter } from './page-channel.adapter';

/**
 * Facebook pages through the Messenger Platform: webhooks at `/webhooks/meta/:channelId`, replies
 * through the Send API to the customer's page-scoped id (PSID).
 */
@Injectable()
@RegisterChannelAdapter()
export class MessengerAdapter extends PageChannelAdapter {
  readonly kind = 'messenger' as const;
  readonly reaches: readonly IdentityKind[] = ['messenger'];
}
