import { useTranslation } from 'react-i18next';
import { useReadOnly } from '../../auth/hooks/useReadOnly';
import { useBulkSelection } from '../hooks/useBulkSelection';
import { toggleBulkSelection } from '../states/bulk-selection.store';

/** Ticks a conversation of the list for a bulk action. */
export function BulkCheckbox({ conversationId, name }: { conversationId: string; name: string }) {
  const { t } = useTranslation();
  const selected = useBulkSelection().includes(conversationId);
  const readOnly = useReadOnly();
  // A touchpoint manager reads only: nothing to do to many at once.
  if (readOnly) return null;
  return (
    <input
      type="checkbox"
      className="tp-bulk-checkbox"
      checked={selected}
      onChange={(event) => toggleBulkSelection(conversationId, event.target.checked)}
      aria-label={t('labels.bulk.select', { name })}
      data-testid="bulk-checkbox"
    />
  );
}
