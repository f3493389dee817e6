import { useTranslation } from 'react-i18next';
import type { HandoffDto } from '@touchpoint/shared';
import { currentLocale } from '../../../lib/i18n';
import { Icon } from '../../../ui/Icon';
import { useNow } from '../../inbox/hooks/useNow';
import { fullDateTime } from '../../inbox/format/relative-age';
import { deadlineText, handoffDeadline } from '../format/handoff-sla';

/** "Accept within 12 min" / "Acceptance overdue by 5 min", kept current; nothing once settled. */
export function SlaCountdown({ handoff }: { handoff: HandoffDto }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const deadline = handoffDeadline(handoff, now);
  if (!deadline) return null;
  return (
    <span
      className={`tp-sla${deadline.overdue ? ' tp-sla--overdue' : ''}`}
      data-testid="handoff-sla"
      data-overdue={deadline.overdue}
    >
      <Icon name={deadline.overdue ? 'alert' : 'clock'} size={13} />
      <time dateTime={deadline.dueAt} title={fullDateTime(deadline.dueAt, currentLocale(i18n))}>
        {deadlineText(deadline, t)}
      </time>
    </span>
  );
}
