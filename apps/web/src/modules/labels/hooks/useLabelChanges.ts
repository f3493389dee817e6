import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateLabelRequest, LabelDto, UpdateLabelRequest } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { labelsApi } from '../../../api/labels.api';
import { queryKeys } from '../../../lib/query-keys';

/** Creates, changes or deletes a workspace label (supervisors and admins). */
export function useLabelChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.labels() });
  const create = useMutation<LabelDto, ApiError, CreateLabelRequest>({
    mutationFn: (body) => labelsApi.create(body),
    onSuccess: refresh,
  });
  const update = useMutation<LabelDto, ApiError, { id: string; body: UpdateLabelRequest }>({
    mutationFn: ({ id, body }) => labelsApi.update(id, body),
    onSuccess: refresh,
  });
  const remove = useMutation<void, ApiError, string>({
    mutationFn: (id) => labelsApi.remove(id),
    onSuccess: async () => {
      await refresh();
      // Conversations that carried it lose it.
      await queryClient.invalidateQueries({ queryKey: queryKeys.conversations() });
    },
  });
  return { create, update, remove };
}
