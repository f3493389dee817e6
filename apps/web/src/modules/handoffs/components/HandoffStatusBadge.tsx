import { useTranslation } from 'react-i18next';
import type { HandoffStatus } from '@touchpoint/shared';

/** Where a handoff stands: requested, accepted, completed, declined, cancelled, expired. */
export function HandoffStatusBadge({ status }: { status: HandoffStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`tp-handoff-status tp-handoff-status--${status}`}
      data-testid="handoff-status"
      data-status={status}
    >
      {t(`handoffs.status.${status}`)}
    </span>
  );
}
