import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConversationSummaryDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';

/** Above a conversation merged into another: its thread lives there now. */
export function MergedAwayNotice({ conversation }: { conversation: ConversationSummaryDto }) {
  const { t } = useTranslation();
  if (!conversation.mergedIntoId) return null;
  return (
    <Alert
      data-testid="merged-away"
      action={<Link to={`/inbox/${conversation.mergedIntoId}`}>{t('inbox.merge.openTarget')}</Link>}
    >
      {t('inbox.merge.mergedAway')}
    </Alert>
  );
}
