import { useQuery } from '@tanstack/react-query';
import type { DirectoryDto } from '@touchpoint/shared';
import { directoryApi } from '../../../api/directory.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The teams and people one can pull in; changes rarely. */
export function useDirectory(enabled = true) {
  return useQuery<DirectoryDto, ApiError>({
    queryKey: queryKeys.directory(),
    queryFn: ({ signal }) => directoryApi.get(signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}
