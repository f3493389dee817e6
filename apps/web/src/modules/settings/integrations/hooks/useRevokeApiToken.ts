import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiTokenDto } from '@touchpoint/shared';
import { apiTokensApi } from '../../../../api/api-tokens.api';
import type { ApiError } from '../../../../api/http';
import { queryKeys } from '../../../../lib/query-keys';

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation<ApiTokenDto, ApiError, string>({
    mutationFn: (id) => apiTokensApi.revoke(id),
    onSuccess: (revoked) => {
      queryClient.setQueryData<ApiTokenDto[]>(queryKeys.apiTokens(), (list) =>
        list?.map((candidate) => (candidate.id === revoked.id ? revoked : candidate)),
      );
    },
  });
}
