import {
  entries,
  eventDto,
  messageDto,
  replyDto,
  timelineDto,
} from '../../../../test/inbox-fixtures';
import { catchUpAfter, mergeOlder, mergeTimeline, olderBefore } from './timeline-merge';

describe('timeline merge', () => {
  it('keeps each seq once, ascending, whatever overlaps and order arrive', () => {
    const current = timelineDto(entries(eventDto({ seq: 1 }), messageDto({ seq: 2 })));
    const merged = mergeTimeline(
      current,
      entries(messageDto({ seq: 4 }), messageDto({ seq: 2 }), eventDto({ seq: 3 })),
      'fresher',
      { lastSeq: 4, hasMore: false },
    );
    expect(merged.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    expect(merged.lastSeq).toBe(4);
  });

  it('counts as complete only up to the first gap: a live entry past it does not move lastSeq', () => {
    const current = timelineDto(entries(messageDto({ seq: 1 }), messageDto({ seq: 2 })));
    const live = mergeTimeline(current, entries(messageDto({ seq: 5 })), 'fresher');
    expect(live.lastSeq).toBe(2);
    expect(catchUpAfter(live)).toBe(2);

    const caughtUp = mergeTimeline(
      live,
      entries(messageDto({ seq: 3 }), eventDto({ seq: 4 })),
      'fresher',
      {
        lastSeq: 4,
        hasMore: false,
      },
    );
    expect(caughtUp.lastSeq).toBe(5);
    expect(caughtUp.entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('does not let a fetched snapshot undo a delivery update that arrived live', () => {
    const current = timelineDto(entries(replyDto({ seq: 2, deliveryStatus: 'delivered' })));
    const merged = mergeTimeline(
      current,
      entries(replyDto({ seq: 2, deliveryStatus: 'sent' })),
      'fresher',
    );
    expect(merged.entries[0]).toMatchObject({ message: { deliveryStatus: 'delivered' } });
  });

  it('keeps a reply the customer read as read when an older snapshot says delivered', () => {
    const current = timelineDto(entries(replyDto({ seq: 2, deliveryStatus: 'read' })));
    const merged = mergeTimeline(
      current,
      entries(replyDto({ seq: 2, deliveryStatus: 'delivered' })),
      'fresher',
    );
    expect(merged.entries[0]).toMatchObject({ message: { deliveryStatus: 'read' } });
  });

  it('lets a retry turn a failed reply back into a queued one', () => {
    const current = timelineDto(entries(replyDto({ seq: 2, deliveryStatus: 'failed' })));
    const merged = mergeTimeline(
      current,
      entries(replyDto({ seq: 2, deliveryStatus: 'queued' })),
      'incoming',
    );
    expect(merged.entries[0]).toMatchObject({ message: { deliveryStatus: 'queued' } });
  });

  it('returns the same timeline when nothing changed', () => {
    const current = timelineDto(entries(messageDto({ seq: 1 })));
    expect(mergeTimeline(current, [], 'fresher', { lastSeq: 1, hasMore: false })).toBe(current);
  });

  it('catches up after the last seq, or before the oldest reply still on its way', () => {
    expect(
      catchUpAfter(
        timelineDto(entries(messageDto({ seq: 1 }), replyDto({ seq: 2, deliveryStatus: 'sent' }))),
      ),
    ).toBe(2);
    expect(
      catchUpAfter(
        timelineDto(
          entries(
            messageDto({ seq: 1 }),
            replyDto({ seq: 2, deliveryStatus: 'sending' }),
            messageDto({ seq: 3 }),
          ),
        ),
      ),
    ).toBe(1);
  });

  it('puts an older page in front of a window opened at the end, and keeps it through live merges', () => {
    const window = {
      ...timelineDto(entries(messageDto({ seq: 51 }), messageDto({ seq: 52 }))),
      hasOlder: true,
    };
    expect(olderBefore(window)).toBe(51);

    const live = mergeTimeline(window, entries(messageDto({ seq: 53 })), 'incoming');
    expect(live.lastSeq).toBe(53);
    expect(live.hasOlder).toBe(true);

    const older = mergeOlder(
      live,
      timelineDto(entries(messageDto({ seq: 49 }), eventDto({ seq: 50 })), true),
    );
    expect(older.entries.map((entry) => entry.seq)).toEqual([49, 50, 51, 52, 53]);
    expect(older.lastSeq).toBe(53);
    expect(olderBefore(older)).toBe(49);

    const first = mergeOlder(older, timelineDto(entries(messageDto({ seq: 48 }))));
    expect(first.hasOlder).toBe(false);
    expect(olderBefore(first)).toBeUndefined();
  });
});
