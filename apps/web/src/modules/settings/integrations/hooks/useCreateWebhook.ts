import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookRequest, WebhookDto, WebhookWithSecretDto } from '@touchpoint/shared';
import type { ApiError } from '../../../../api/http';
import { webhooksApi } from '../../../../api/webhooks.api';
import { queryKeys } from '../../../../lib/query-keys';

/** Adds a webhook; the answer's secret is shown once and never cached. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation<WebhookWithSecretDto, ApiError, CreateWebhookRequest>({
    mutationFn: (body) => webhooksApi.create(body),
    onSuccess: ({ secret: _secret, ...webhook }) => {
      queryClient.setQueryData<WebhookDto[]>(queryKeys.webhooks(), (list) =>
        list ? [...list, webhook] : [webhook],
      );
    },
  });
}
