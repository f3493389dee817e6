import { useTranslation } from 'react-i18next';
import type { ConversationStatus } from '@touchpoint/shared';

export function StatusPill({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`tp-status tp-status--${status}`} data-testid="conversation-status">
      {t(`inbox.status.${status}`)}
    </span>
  );
}
