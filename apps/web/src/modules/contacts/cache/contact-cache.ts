import type { QueryClient } from '@tanstack/react-query';
import type { ContactDto, ConversationDto, PreferredChannel } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';

/*
 * How a changed contact reaches the cache: its own query, the contact a loaded conversation
 * carries, and the reply channels of its conversations (a preferred channel reorders them).
 */

/**
 * Patches the contact's preference into its query and into loaded conversations of it; when that
 * changed anything, their reply channels are asked again. True when something changed.
 */
export function applyContactPreference(
  queryClient: QueryClient,
  contactId: string,
  preferredChannel: PreferredChannel | null,
  conversationIds: readonly string[],
): boolean {
  let changed = false;
  queryClient.setQueryData<ContactDto>(queryKeys.contact(contactId), (old) => {
    if (!old || old.preferredChannel === preferredChannel) return old;
    changed = true;
    return { ...old, preferredChannel };
  });
  for (const id of conversationIds) {
    queryClient.setQueryData<ConversationDto>(queryKeys.conversation(id), (old) => {
      if (!old || old.contactDetails.id !== contactId) return old;
      if (old.contactDetails.preferredChannel === preferredChannel) return old;
      changed = true;
      return { ...old, contactDetails: { ...old.contactDetails, preferredChannel } };
    });
  }
  if (changed) invalidateReplyChannels(queryClient, conversationIds);
  return changed;
}

/** The server answered a changed contact: it replaces the cached one everywhere. */
export function applyContact(queryClient: QueryClient, contact: ContactDto): void {
  const conversationIds = contact.conversations.map((c) => c.id);
  queryClient.setQueryData<ContactDto>(queryKeys.contact(contact.id), contact);
  for (const id of conversationIds) {
    queryClient.setQueryData<ConversationDto>(queryKeys.conversation(id), (old) =>
      old && old.contactDetails.id === contact.id ? { ...old, contactDetails: contact } : old,
    );
  }
  invalidateReplyChannels(queryClient, conversationIds);
}

function invalidateReplyChannels(queryClient: QueryClient, conversationIds: readonly string[]) {
  for (const id of conversationIds)
    void queryClient.invalidateQueries({ queryKey: queryKeys.replyChannels(id), exact: true });
}

/**
 * Two contacts became one, or one came apart again: the kept contact, the merged one, lists and
 * every loaded conversation (their contact changed) are read again. The merged contact is gone
 * until an undo brings it back, so its own queries are dropped rather than asked again.
 */
export function applyContactMerge(
  queryClient: QueryClient,
  merge: { contactId: string; mergedContactId: string },
  undone: boolean,
): void {
  if (undone) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.contact(merge.mergedContactId) });
  } else {
    queryClient.removeQueries({ queryKey: queryKeys.contact(merge.mergedContactId) });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.contact(merge.contactId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversations() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversationDetails() });
}
