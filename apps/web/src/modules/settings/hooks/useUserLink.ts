import { useQuery } from '@tanstack/react-query';
import type { UserLinkInfoDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { usersApi } from '../../../api/users.api';
import { queryKeys } from '../../../lib/query-keys';

/** Whose one-time link `token` is and what for; fails with 404/410 when it does not work. */
export function useUserLink(token: string) {
  return useQuery<UserLinkInfoDto, ApiError>({
    queryKey: queryKeys.userLink(token),
    queryFn: ({ signal }) => usersApi.link(token, signal),
    // Opened again later, the link may have been used meanwhile (in another tab).
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}
