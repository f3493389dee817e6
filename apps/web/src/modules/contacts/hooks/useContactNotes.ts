import { useQuery } from '@tanstack/react-query';
import type { ContactNoteDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The notes staff keep about a contact. */
export function useContactNotes(contactId: string) {
  return useQuery<ContactNoteDto[], ApiError>({
    queryKey: queryKeys.contactNotes(contactId),
    queryFn: ({ signal }) => contactsApi.notes(contactId, signal),
  });
}
