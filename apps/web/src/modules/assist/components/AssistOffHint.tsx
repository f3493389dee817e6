import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/hooks/useMe';
import { useAssistStatus } from '../hooks/useAssistStatus';

/**
 * For admins where AI help would be: how to switch it on while the model server is not
 * configured. Nobody else sees anything.
 */
export function AssistOffHint() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const status = useAssistStatus();
  if (me?.role !== 'admin' || status.data?.configured !== false) return null;
  return (
    <p className="tp-assist__hint" data-testid="assist-off-hint">
      {t('assist.offHint')}
    </p>
  );
}
