import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CannedResponseDto,
  CreateCannedResponseRequest,
  UpdateCannedResponseRequest,
} from '@touchpoint/shared';
import { cannedResponsesApi } from '../../../api/canned-responses.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Creates, changes or deletes a canned response. */
export function useCannedResponseChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.cannedResponses() });
  const create = useMutation<CannedResponseDto, ApiError, CreateCannedResponseRequest>({
    mutationFn: (body) => cannedResponsesApi.create(body),
    onSuccess: refresh,
  });
  const update = useMutation<
    CannedResponseDto,
    ApiError,
    { id: string; body: UpdateCannedResponseRequest }
  >({
    mutationFn: ({ id, body }) => cannedResponsesApi.update(id, body),
    onSuccess: refresh,
  });
  const remove = useMutation<void, ApiError, string>({
    mutationFn: (id) => cannedResponsesApi.remove(id),
    onSuccess: refresh,
  });
  return { create, update, remove };
}
