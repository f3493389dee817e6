import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditLogPageDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { privacyApi } from '../../../api/privacy.api';
import { queryKeys } from '../../../lib/query-keys';

/** The audit log, newest first, a page at a time. */
export function useAuditLog() {
  return useInfiniteQuery<
    AuditLogPageDto,
    ApiError,
    { pages: AuditLogPageDto[] },
    readonly unknown[],
    string | undefined
  >({
    queryKey: queryKeys.auditLog(),
    queryFn: ({ pageParam, signal }) => privacyApi.auditLog(pageParam, signal),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
