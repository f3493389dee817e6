import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { RetryAlert } from '../../../ui/RetryAlert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { Skeleton } from '../../../ui/Skeleton';
import {
  useSatisfactionSettings,
  useUpdateSatisfactionSettings,
} from '../hooks/useSatisfactionSettings';
import './satisfaction.css';

const RULES = ['afterResolution', 'once', 'quietHours', 'channel'] as const;

/** Settings → Satisfaction (admins): whether customers are asked for a rating, and how they are asked. */
export function SatisfactionSettings() {
  const { t } = useTranslation();
  const settings = useSatisfactionSettings();
  const update = useUpdateSatisfactionSettings();

  let content;
  if (settings.isPending)
    content = <Skeleton rows={2} label={t('satisfaction.settings.loading')} />;
  else if (settings.isError)
    content = (
      <RetryAlert
        title={t('satisfaction.settings.loadFailed')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void settings.refetch()}
      >
        {apiErrorMessage(settings.error, t)}
      </RetryAlert>
    );
  else
    content = (
      <>
        <label className="tp-choice">
          <input
            type="checkbox"
            checked={settings.data.enabled}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ enabled: event.target.checked })}
            data-testid="satisfaction-enabled"
          />
          <span className="tp-choice__text">
            <span className="tp-choice__title">{t('satisfaction.settings.enabled')}</span>
            <span className="tp-choice__hint">
              {settings.data.enabled
                ? t('satisfaction.settings.onHint')
                : t('satisfaction.settings.offHint')}
            </span>
          </span>
        </label>
        <ul className="tp-satisfaction-settings__points">
          {RULES.map((rule) => (
            <li key={rule}>{t(`satisfaction.settings.rules.${rule}`)}</li>
          ))}
        </ul>
        {update.isError ? (
          <Alert tone="error" data-testid="satisfaction-settings-error">
            {apiErrorMessage(update.error, t)}
          </Alert>
        ) : null}
      </>
    );

  return (
    <SettingsSection
      title={t('satisfaction.settings.title')}
      intro={t('satisfaction.settings.intro')}
      data-testid="satisfaction-settings"
    >
      {content}
    </SettingsSection>
  );
}
