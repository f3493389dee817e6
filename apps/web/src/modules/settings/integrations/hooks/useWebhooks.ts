import { useQuery } from '@tanstack/react-query';
import type { WebhookDto } from '@touchpoint/shared';
import type { ApiError } from '../../../../api/http';
import { webhooksApi } from '../../../../api/webhooks.api';
import { queryKeys } from '../../../../lib/query-keys';

/** Every webhook (admins only). */
export function useWebhooks() {
  return useQuery<WebhookDto[], ApiError>({
    queryKey: queryKeys.webhooks(),
    queryFn: ({ signal }) => webhooksApi.list(signal),
  });
}
