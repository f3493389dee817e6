import { SEES_ALL_ROLES } from '@touchpoint/shared';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../ui/Alert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { useSetWeeklySummary } from '../hooks/useSetWeeklySummary';

/**
 * Account › Weekly summary (supervisors, touchpoint managers, admins): an email every Monday about
 * the week before, off until switched on. Agents do not see it (the server refuses them too).
 */
export function WeeklySummarySettings() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const change = useSetWeeklySummary();
  if (!me || !SEES_ALL_ROLES.includes(me.role)) return null;

  return (
    <SettingsSection
      title={t('account.weeklySummary.title')}
      intro={t('account.weeklySummary.intro')}
      data-testid="weekly-summary-settings"
    >
      <label className="tp-choice">
        <input
          type="checkbox"
          role="switch"
          checked={change.isPending ? change.variables : me.weeklySummary}
          disabled={change.isPending}
          onChange={(event) => change.mutate(event.target.checked)}
          data-testid="weekly-summary-switch"
        />
        <span className="tp-choice__text">
          <span className="tp-choice__title">{t('account.weeklySummary.switch')}</span>
          <span className="tp-choice__hint">
            {t('account.weeklySummary.hint', { email: me.email })}
          </span>
        </span>
      </label>
      {change.isError ? (
        <Alert tone="error" data-testid="weekly-summary-error">
          {apiErrorMessage(change.error, t)}
        </Alert>
      ) : null}
    </SettingsSection>
  );
}
