import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateWebhookRequest, WebhookDto } from '@touchpoint/shared';
import type { ApiError } from '../../../../api/http';
import { webhooksApi } from '../../../../api/webhooks.api';
import { queryKeys } from '../../../../lib/query-keys';

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation<WebhookDto, ApiError, { id: string; body: UpdateWebhookRequest }>({
    mutationFn: ({ id, body }) => webhooksApi.update(id, body),
    onSuccess: (webhook) => {
      queryClient.setQueryData<WebhookDto[]>(queryKeys.webhooks(), (list) =>
        list?.map((candidate) => (candidate.id === webhook.id ? webhook : candidate)),
      );
    },
  });
}
