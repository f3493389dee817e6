import { useQuery } from '@tanstack/react-query';
import type { WebhookDeliveryDto } from '@touchpoint/shared';
import type { ApiError } from '../../../../api/http';
import { webhooksApi } from '../../../../api/webhooks.api';
import { queryKeys } from '../../../../lib/query-keys';

/** How often an open delivery log looks again while something is still being sent. */
const PENDING_REFRESH_MS = 5000;

/** The latest deliveries of one webhook; refreshed while one of them is still pending. */
export function useWebhookDeliveries(webhookId: string) {
  return useQuery<WebhookDeliveryDto[], ApiError>({
    queryKey: queryKeys.webhookDeliveries(webhookId),
    queryFn: ({ signal }) => webhooksApi.deliveries(webhookId, signal),
    refetchInterval: (query) =>
      query.state.data?.some((d) => d.status === 'pending') ? PENDING_REFRESH_MS : false,
  });
}
