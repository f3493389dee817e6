import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookDto } from '@touchpoint/shared';
import type { ApiError } from '../../../../api/http';
import { webhooksApi } from '../../../../api/webhooks.api';
import { queryKeys } from '../../../../lib/query-keys';

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => webhooksApi.remove(id),
    onSuccess: (_, id) => {
      queryClient.setQueryData<WebhookDto[]>(queryKeys.webhooks(), (list) =>
        list?.filter((candidate) => candidate.id !== id),
      );
      queryClient.removeQueries({ queryKey: queryKeys.webhookDeliveries(id) });
    },
  });
}
