import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../../api/http';
import { privacyApi } from '../../../api/privacy.api';
import { queryKeys } from '../../../lib/query-keys';

/** Downloads the export of a contact as `contact-<id>.zip`. */
export function useExportContact(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<Blob, ApiError>({
    mutationFn: () => privacyApi.exportContact(contactId),
    onSuccess: (zip) => {
      const url = URL.createObjectURL(zip);
      const link = document.createElement('a');
      link.href = url;
      link.download = `contact-${contactId}.zip`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      void queryClient.invalidateQueries({ queryKey: queryKeys.auditLog() });
    },
  });
}
