import { useQuery } from '@tanstack/react-query';
import type { SupervisorBoardDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { supervisorApi } from '../../../api/supervisor.api';
import { queryKeys } from '../../../lib/query-keys';

/** The live board; kept current by socket events (`refreshBoard`), never by polling. */
export function useSupervisorBoard() {
  return useQuery<SupervisorBoardDto, ApiError>({
    queryKey: queryKeys.supervisorBoard(),
    queryFn: ({ signal }) => supervisorApi.board(signal),
  });
}
