import { useQuery } from '@tanstack/react-query';
import type { UserDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { usersApi } from '../../../api/users.api';
import { queryKeys } from '../../../lib/query-keys';

/** Every user with teams, status and last sign-in (supervisors and admins may read it). */
export function useUsers() {
  return useQuery<UserDto[], ApiError>({
    queryKey: queryKeys.users(),
    queryFn: ({ signal }) => usersApi.list(signal),
  });
}
