import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserDto, UserLinkDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { usersApi } from '../../../api/users.api';
import { queryKeys } from '../../../lib/query-keys';
import { withUser } from '../format/user-list';

/** Resets a user's password (by user id) and answers the link to choose a new one. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation<UserLinkDto, ApiError, string>({
    mutationFn: (id) => usersApi.resetPassword(id),
    onSuccess: (link) => {
      queryClient.setQueryData<UserDto[]>(queryKeys.users(), (users) => withUser(users, link.user));
    },
  });
}
