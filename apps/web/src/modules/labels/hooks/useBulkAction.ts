import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BulkConversationsRequest, BulkConversationsResultDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { labelsApi } from '../../../api/labels.api';
import { queryKeys } from '../../../lib/query-keys';

/** One action on the selected conversations; the lists are read anew afterwards. */
export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation<BulkConversationsResultDto, ApiError, BulkConversationsRequest>({
    mutationFn: (body) => labelsApi.bulk(body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.conversations() }),
  });
}
