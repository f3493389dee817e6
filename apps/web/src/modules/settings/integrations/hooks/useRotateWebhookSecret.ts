import { useMutation } from '@tanstack/react-query';
import type { WebhookWithSecretDto } from '@touchpoint/shared';
import type { ApiError } from '../../../../api/http';
import { webhooksApi } from '../../../../api/webhooks.api';

/** A new signing secret, shown once; nothing cached changes. */
export function useRotateWebhookSecret() {
  return useMutation<WebhookWithSecretDto, ApiError, string>({
    mutationFn: (id) => webhooksApi.rotateSecret(id),
  });
}
