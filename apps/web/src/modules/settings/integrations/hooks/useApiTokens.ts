import { useQuery } from '@tanstack/react-query';
import type { ApiTokenDto } from '@touchpoint/shared';
import { apiTokensApi } from '../../../../api/api-tokens.api';
import type { ApiError } from '../../../../api/http';
import { queryKeys } from '../../../../lib/query-keys';

/** Every API token, newest first (admins only). */
export function useApiTokens() {
  return useQuery<ApiTokenDto[], ApiError>({
    queryKey: queryKeys.apiTokens(),
    queryFn: ({ signal }) => apiTokensApi.list(signal),
  });
}
