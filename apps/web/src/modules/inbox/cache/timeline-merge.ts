import type { DeliveryStatus, MessageDto, TimelineDto, TimelineEntryDto } from '@touchpoint/shared';

/**
 * How a merge treats an entry the cache already holds with the same seq:
 * `fresher` keeps the cached message if its delivery went further (a snapshot fetched before a
 * live update must not undo it); `incoming` always takes the new one (live updates, retries).
 */
export type MergePolicy = 'fresher' | 'incoming';

const DELIVERY_PROGRESS: Record<DeliveryStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  failed: 3,
  read: 4,
};

/** Deliveries that may still change to sent or failed. */
const UNSETTLED: readonly DeliveryStatus[] = ['queued', 'sending'];

function progress(message: MessageDto): number {
  return message.deliveryStatus ? DELIVERY_PROGRESS[message.deliveryStatus] : 0;
}

function pick(
  cached: TimelineEntryDto | undefined,
  incoming: TimelineEntryDto,
  policy: MergePolicy,
): TimelineEntryDto {
  if (!cached || policy === 'incoming') return incoming;
  if (cached.type === 'message' && incoming.type === 'message') {
    return progress(cached.message) > progress(incoming.message) ? cached : incoming;
  }
  return incoming;
}

/**
 * A timeline as the web holds it: a window of the thread, complete from its first entry up to
 * `lastSeq`. A long thread opens at its end; `hasOlder` says older entries wait on the server.
 */
export interface LoadedTimeline extends TimelineDto {
  hasOlder?: boolean;
}

export function emptyTimeline(): LoadedTimeline {
  return { entries: [], lastSeq: 0, hasMore: false };
}

/**
 * Merges entries into a timeline by seq: each seq once, ascending, whatever the order and
 * overlap of what arrives. Returns the same object when nothing changed.
 *
 * `lastSeq` of the result is the seq up to which the timeline is complete: a fetched page
 * vouches for everything up to its `lastSeq`; a live entry extends it only when it follows on
 * without a gap. So after missed events, a catch-up asks `after=<lastSeq>` from before the gap,
 * not from a newer live message that arrived meanwhile.
 */
export function mergeTimeline(
  current: LoadedTimeline | undefined,
  incoming: readonly TimelineEntryDto[],
  policy: MergePolicy,
  page?: { lastSeq: number; hasMore: boolean },
): LoadedTimeline {
  const base = current ?? emptyTimeline();
  const bySeq = new Map<number, TimelineEntryDto>(base.entries.map((entry) => [entry.seq, entry]));
  let changed = current === undefined;
  for (const entry of incoming) {
    const cached = bySeq.get(entry.seq);
    const chosen = pick(cached, entry, policy);
    if (chosen !== cached) {
      bySeq.set(entry.seq, chosen);
      changed = true;
    }
  }
  let complete = Math.max(base.lastSeq, page?.lastSeq ?? 0);
  while (bySeq.has(complete + 1)) complete += 1;
  const hasMore = page ? page.hasMore : base.hasMore;
  if (!changed && complete === base.lastSeq && hasMore === base.hasMore) return base;
  return {
    ...base,
    entries: [...bySeq.values()].sort((a, b) => a.seq - b.seq),
    lastSeq: complete,
    hasMore,
  };
}

/**
 * Merges a page read backward (`before` = the first seq held) in front of the window: the
 * window stays complete up to its `lastSeq`, and the page says whether still older entries exist.
 */
export function mergeOlder(current: LoadedTimeline | undefined, page: TimelineDto): LoadedTimeline {
  const merged = mergeTimeline(current, page.entries, 'fresher');
  return merged.hasOlder === page.hasMore ? merged : { ...merged, hasOlder: page.hasMore };
}

/** The `before` for the next older page: the first seq held. */
export function olderBefore(timeline: LoadedTimeline): number | undefined {
  return timeline.hasOlder ? timeline.entries[0]?.seq : undefined;
}

/** A message as a timeline entry. */
export function messageEntry(message: MessageDto): TimelineEntryDto {
  return { type: 'message', seq: message.seq, message };
}

/**
 * Where an incremental fetch starts: after the last seq we have, or before the oldest reply
 * still queued or sending, whose later delivery updates we may have missed while offline.
 */
export function catchUpAfter(timeline: TimelineDto): number {
  let after = timeline.lastSeq;
  for (const entry of timeline.entries) {
    if (entry.type !== 'message') continue;
    const status = entry.message.deliveryStatus;
    if (status && UNSETTLED.includes(status)) after = Math.min(after, entry.seq - 1);
  }
  return Math.max(0, after);
}
