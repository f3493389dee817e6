import { useQueryClient } from '@tanstack/react-query';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type MutableRefObject,
  type RefObject,
} from 'react';
import type { TimelineEntryDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import { queryKeys } from '../../../lib/query-keys';
import { useStore } from '../../../lib/store';
import { mergeOlder, type LoadedTimeline } from '../../inbox/cache/timeline-merge';
import { useTimeline } from '../../inbox/hooks/useTimeline';
import { finishJump, messageJumpStore, type MessageJump } from '../states/message-jump.store';

/** Entries read before the found one, so it opens with some of what led to it. */
const CONTEXT_BEFORE = 10;
/** The most the timeline API gives in one page. */
const MAX_PAGE = 500;
/** How long the found message stays marked. */
export const FOUND_MARK_MS = 2500;

function holds(entry: TimelineEntryDto, target: MessageJump): boolean {
  return entry.type === 'message' && entry.message.id === target.messageId;
}

/**
 * Opens a thread at a message found by search: reads older pages (as large as the API allows, up to
 * a few entries before it) until the loaded window holds it, which stays complete up to its newest
 * entry as the timeline cache expects; then scrolls it into the middle of `scroller`, stops
 * following the newest entries, and answers its seq for a moment to mark it.
 */
export function useMessageJump(
  conversationId: string,
  scroller: RefObject<HTMLElement | null>,
  stickToBottom: MutableRefObject<boolean>,
): number | null {
  const queryClient = useQueryClient();
  const select = useCallback(
    (jump: MessageJump | null) => (jump?.conversationId === conversationId ? jump : null),
    [conversationId],
  );
  const target = useStore(messageJumpStore, select);
  const timeline = useTimeline(conversationId);
  const [found, setFound] = useState<number | null>(null);
  const reading = useRef<number | null>(null);
  const data = timeline.data;

  useEffect(() => {
    if (!target || !data) return;
    const entry = data.entries.find((candidate) => holds(candidate, target));
    if (entry) {
      stickToBottom.current = false;
      const element = scroller.current;
      const row = element?.querySelector(`[data-seq="${entry.seq}"]`);
      if (element && row) {
        const offset = row.getBoundingClientRect().top - element.getBoundingClientRect().top;
        element.scrollTop += offset - element.clientHeight / 3;
      }
      setFound(entry.seq);
      finishJump(target);
      return;
    }
    const first = data.entries[0]?.seq;
    if (data.hasOlder && first !== undefined && first > target.seq - CONTEXT_BEFORE) {
      if (reading.current === first) return;
      reading.current = first;
      stickToBottom.current = false;
      const limit = Math.min(MAX_PAGE, first - Math.max(1, target.seq - CONTEXT_BEFORE));
      conversationsApi
        .timeline(conversationId, { before: first, limit })
        .then((page) =>
          queryClient.setQueryData<LoadedTimeline>(queryKeys.timeline(conversationId), (old) =>
            old ? mergeOlder(old, page) : old,
          ),
        )
        // A failed read leaves the thread as it is, opened at its end.
        .catch(() => finishJump(target))
        .finally(() => {
          reading.current = null;
        });
      return;
    }
    // Newer than the window: the timeline's own catch-up brings it. Otherwise it is gone.
    if (target.seq <= data.lastSeq && !timeline.isFetching) finishJump(target);
  }, [target, data, timeline.isFetching, conversationId, queryClient, scroller, stickToBottom]);

  // The mark fades: a moment on screen, not a state of the thread.
  useEffect(() => {
    if (found === null) return undefined;
    const timer = window.setTimeout(() => setFound(null), FOUND_MARK_MS);
    return () => window.clearTimeout(timer);
  }, [found]);

  return found;
}
