import { useQuery } from '@tanstack/react-query';
import type { UserDto } from '@touchpoint/shared';
import { authApi } from '../../../api/auth.api';
import { queryKeys } from '../../../lib/query-keys';
import { useSession } from './useSession';

/** The signed-in user. */
export function useMe() {
  const signedIn = useSession() !== null;
  return useQuery<UserDto, Error>({
    queryKey: queryKeys.me(),
    queryFn: ({ signal }) => authApi.me(signal),
    enabled: signedIn,
    staleTime: 5 * 60_000,
  });
}
