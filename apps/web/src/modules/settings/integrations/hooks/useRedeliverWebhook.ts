import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookDeliveryDto } from '@touchpoint/shared';
import type { ApiError } from '../../../../api/http';
import { webhooksApi } from '../../../../api/webhooks.api';
import { queryKeys } from '../../../../lib/query-keys';

/** Sends a delivery again; its row in the log shows the answer, then the log refreshes. */
export function useRedeliverWebhook() {
  const queryClient = useQueryClient();
  return useMutation<WebhookDeliveryDto, ApiError, string>({
    mutationFn: (deliveryId) => webhooksApi.redeliver(deliveryId),
    onSuccess: (delivery) => {
      const key = queryKeys.webhookDeliveries(delivery.webhookId);
      queryClient.setQueryData<WebhookDeliveryDto[]>(key, (list) =>
        list?.map((candidate) => (candidate.id === delivery.id ? delivery : candidate)),
      );
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
