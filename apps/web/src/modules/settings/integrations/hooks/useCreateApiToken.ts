import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenDto, ApiTokenWithSecretDto, CreateApiTokenRequest } from '@touchpoint/shared';
import { apiTokensApi } from '../../../../api/api-tokens.api';
import type { ApiError } from '../../../../api/http';
import { queryKeys } from '../../../../lib/query-keys';

/** Creates a token; the answer's secret is shown once and never cached. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation<ApiTokenWithSecretDto, ApiError, CreateApiTokenRequest>({
    mutationFn: (body) => apiTokensApi.create(body),
    onSuccess: ({ token: _token, ...created }) => {
      queryClient.setQueryData<ApiTokenDto[]>(queryKeys.apiTokens(), (list) =>
        list ? [created, ...list] : [created],
      );
    },
  });
}
