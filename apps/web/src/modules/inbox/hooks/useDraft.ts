import { useCallback } from 'react';
import { useStore } from '../../../lib/store';
import { draftsStore, type Draft } from '../states/drafts.store';

/** The draft of one conversation, undefined until the agent starts writing. */
export function useDraft(conversationId: string): Draft | undefined {
  const select = useCallback(
    (drafts: Readonly<Record<string, Draft>>) => drafts[conversationId],
    [conversationId],
  );
  return useStore(draftsStore, select);
}
