import { useTranslation } from 'react-i18next';
import type { TimelineEventDto } from '@touchpoint/shared';
import { timelineEventText } from '../format/timeline-event-text';
import { RelativeTime } from './RelativeTime';
import { ThreadChangeActions } from './ThreadChangeActions';

/** A state change of the conversation, as a small centred line between the messages. */
export function TimelineEventLine({ event }: { event: TimelineEventDto }) {
  const { t } = useTranslation();
  return (
    <p className="tp-event" data-testid="timeline-event" data-kind={event.kind}>
      <span>{timelineEventText(event, t)}</span>
      <span aria-hidden="true"> · </span>
      <RelativeTime at={event.createdAt} />
      <ThreadChangeActions event={event} />
    </p>
  );
}
