import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactNoteDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/*
 * Adding, editing and deleting a contact's notes; each answer patches the notes list and the
 * edit history is read again.
 */

function useNotesCache(contactId: string) {
  const queryClient = useQueryClient();
  return (change: (notes: ContactNoteDto[]) => ContactNoteDto[]) => {
    queryClient.setQueryData<ContactNoteDto[]>(queryKeys.contactNotes(contactId), (old) =>
      old ? change(old) : old,
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.contactHistory(contactId) });
  };
}

export function useAddContactNote(contactId: string) {
  const patch = useNotesCache(contactId);
  return useMutation<ContactNoteDto, ApiError, string>({
    mutationFn: (body) => contactsApi.addNote(contactId, { body }),
    onSuccess: (note) => patch((notes) => [note, ...notes.filter((n) => n.id !== note.id)]),
  });
}

export function useUpdateContactNote(contactId: string) {
  const patch = useNotesCache(contactId);
  return useMutation<ContactNoteDto, ApiError, { noteId: string; body: string }>({
    mutationFn: ({ noteId, body }) => contactsApi.updateNote(contactId, noteId, { body }),
    onSuccess: (note) => patch((notes) => notes.map((n) => (n.id === note.id ? note : n))),
  });
}

export function useDeleteContactNote(contactId: string) {
  const patch = useNotesCache(contactId);
  return useMutation<void, ApiError, string>({
    mutationFn: (noteId) => contactsApi.deleteNote(contactId, noteId),
    onSuccess: (_, noteId) => patch((notes) => notes.filter((n) => n.id !== noteId)),
  });
}
