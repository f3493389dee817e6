import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateUserRequest, UserDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { usersApi } from '../../../api/users.api';
import { queryKeys } from '../../../lib/query-keys';
import { withUser } from '../format/user-list';

export interface UpdateUserVariables {
  id: string;
  body: UpdateUserRequest;
}

/**
 * Changes a user's role, teams or active flag; the answer replaces them in the list. Team members
 * and the pull-in picker show role, teams and who is active, so those load again.
 */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation<UserDto, ApiError, UpdateUserVariables>({
    mutationFn: ({ id, body }) => usersApi.update(id, body),
    onSuccess: (user) => {
      queryClient.setQueryData<UserDto[]>(queryKeys.users(), (users) => withUser(users, user));
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.directory() });
    },
  });
}
