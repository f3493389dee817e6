import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useOlderTimeline, useTimeline } from '../hooks/useTimeline';
import { HandoffCard } from '../../handoffs/components/HandoffCard';
import { useMessageJump } from '../../search/hooks/useMessageJump';
import { MessageItem } from './MessageItem';
import { TimelineEventLine } from './TimelineEventLine';

/** How close to the bottom still counts as "reading the latest": new entries keep it in view. */
const STICKY_BOTTOM_PX = 120;

/** How close to the top reading back starts to fetch the page before. */
const LOAD_OLDER_PX = 400;

/**
 * Messages of every channel and the conversation's events, interleaved by seq; handoff requests
 * as live cards, suggested replies as cards the owner can send.
 */
export function Timeline({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(conversationId);
  const older = useOlderTimeline(conversationId);
  const { loadOlder } = older;
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  // A message found by search: shown in the middle, marked for a moment.
  const found = useMessageJump(conversationId, scroller, stickToBottom);
  const count = timeline.data?.entries.length ?? 0;
  const firstSeq = timeline.data?.entries[0]?.seq;
  const hasOlder = timeline.data?.hasOlder === true;

  // Older entries put in front keep what the reader looks at in place: the scroll position
  // moves down by the height they added.
  const heightBefore = useRef(0);
  const firstSeqBefore = useRef(firstSeq);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (
      element &&
      firstSeq !== undefined &&
      firstSeqBefore.current !== undefined &&
      firstSeq < firstSeqBefore.current &&
      !stickToBottom.current
    ) {
      element.scrollTop += element.scrollHeight - heightBefore.current;
    }
    firstSeqBefore.current = firstSeq;
  }, [firstSeq]);
  useLayoutEffect(() => {
    heightBefore.current = scroller.current?.scrollHeight ?? 0;
  });

  // Open at the latest entry, and follow new ones unless the user scrolled up to read.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [count]);

  // Content that grows after rendering (an email frame sizing itself, images) keeps it there too.
  const hasEntries = count > 0;
  useEffect(() => {
    const element = scroller.current;
    const content = element?.firstElementChild;
    if (!element || !content || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, [hasEntries]);

  // A first page too short to scroll cannot be scrolled up: fetch older ones until it can.
  useEffect(() => {
    const element = scroller.current;
    if (!element || !hasOlder || older.isPending || older.error) return;
    if (element.clientHeight > 0 && element.scrollHeight <= element.clientHeight) loadOlder();
  }, [hasOlder, count, older.isPending, older.error, loadOlder]);

  if (timeline.isPending) {
    return (
      <div className="tp-timeline">
        <Skeleton rows={4} variant="bubble" label={t('inbox.thread.loadingTimeline')} />
      </div>
    );
  }
  if (timeline.isError) {
    return (
      <div className="tp-timeline tp-pane-message">
        <RetryAlert
          title={t('inbox.thread.timelineError')}
          retryLabel={t('inbox.list.retry')}
          onRetry={() => void timeline.refetch()}
        >
          {apiErrorMessage(timeline.error, t)}
        </RetryAlert>
      </div>
    );
  }

  return (
    <div
      ref={scroller}
      className="tp-timeline"
      role="log"
      aria-label={t('inbox.thread.messages')}
      tabIndex={0}
      data-testid="timeline"
      onScroll={(event) => {
        const element = event.currentTarget;
        stickToBottom.current =
          element.scrollHeight - element.scrollTop - element.clientHeight < STICKY_BOTTOM_PX;
        heightBefore.current = element.scrollHeight;
        if (hasOlder && !older.error && element.scrollTop < LOAD_OLDER_PX) loadOlder();
      }}
    >
      {hasOlder && (
        <div className="tp-timeline__older" data-testid="timeline-older">
          {older.error ? (
            <RetryAlert
              title={t('inbox.thread.olderError')}
              retryLabel={t('inbox.list.retry')}
              onRetry={loadOlder}
            >
              {apiErrorMessage(older.error, t)}
            </RetryAlert>
          ) : (
            <button
              type="button"
              className="tp-button tp-button--ghost"
              disabled={older.isPending}
              onClick={loadOlder}
            >
              {older.isPending ? t('inbox.thread.loadingOlder') : t('inbox.thread.loadOlder')}
            </button>
          )}
        </div>
      )}
      {count === 0 ? (
        <p className="tp-empty__hint tp-timeline__empty">{t('inbox.thread.empty')}</p>
      ) : (
        <ol className="tp-timeline__entries">
          {timeline.data.entries.map((entry) => (
            <li
              key={entry.seq}
              className={`tp-timeline__entry tp-timeline__entry--${entry.type}${
                entry.seq === found ? ' tp-timeline__entry--found' : ''
              }`}
              data-seq={entry.seq}
            >
              {entry.type === 'message' ? (
                <MessageItem message={entry.message} />
              ) : entry.event.kind === 'handoff.requested' ? (
                // A request stays in view as a card that follows the handoff to its end.
                <HandoffCard event={entry.event} />
              ) : (
                <TimelineEventLine event={entry.event} />
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
