import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CSAT_DELAY_MAX_SECONDS } from '@touchpoint/shared';
import { ApiError } from '../../../api/http';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { RetryAlert } from '../../../ui/RetryAlert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { Skeleton } from '../../../ui/Skeleton';
import { describedBy, fieldIds, SettingsField } from '../../settings/components/SettingsField';
import {
  useSatisfactionSettings,
  useUpdateSatisfactionSettings,
} from '../hooks/useSatisfactionSettings';
import './satisfaction.css';

const RULES = ['once', 'quietHours', 'channel'] as const;
/** The API takes seconds up to a week; admins think in minutes. */
const DELAY_MAX_MINUTES = CSAT_DELAY_MAX_SECONDS / 60;

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
          <li>
            {t('satisfaction.settings.rules.afterResolution', {
              minutes: Math.round(settings.data.delaySeconds / 60),
            })}
          </li>
          {RULES.map((rule) => (
            <li key={rule}>{t(`satisfaction.settings.rules.${rule}`)}</li>
          ))}
        </ul>
        <DelayForm key={settings.data.delaySeconds} delaySeconds={settings.data.delaySeconds} />
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

/** How long after the resolution the survey goes out, in minutes; saved on its own. */
function DelayForm({ delaySeconds }: { delaySeconds: number }) {
  const { t } = useTranslation();
  const update = useUpdateSatisfactionSettings();
  const ids = fieldIds(useId(), 'delay');
  const [minutes, setMinutes] = useState(String(Math.round(delaySeconds / 60)));
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes.trim());
    if (
      minutes.trim() === '' ||
      !Number.isInteger(value) ||
      value < 0 ||
      value > DELAY_MAX_MINUTES
    ) {
      setError(t('satisfaction.settings.delayInvalid', { max: DELAY_MAX_MINUTES }));
      return;
    }
    setError(undefined);
    update.mutate(
      { delaySeconds: value * 60 },
      {
        onError: (failure) => {
          const detail =
            failure instanceof ApiError
              ? failure.details.find((d) => d.path === 'delaySeconds')
              : undefined;
          setError(detail?.message ?? apiErrorMessage(failure, t));
        },
      },
    );
  };

  return (
    <form className="tp-satisfaction-settings__delay" onSubmit={submit} noValidate>
      <SettingsField
        ids={ids}
        label={t('satisfaction.settings.delay')}
        hint={t('satisfaction.settings.delayHint')}
        error={error}
      >
        <input
          id={ids.control}
          className="tp-field__input"
          inputMode="numeric"
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(ids, true, error)}
          data-testid="satisfaction-delay"
        />
      </SettingsField>
      <Button
        type="submit"
        variant="secondary"
        busy={update.isPending}
        data-testid="satisfaction-delay-save"
      >
        {t('satisfaction.settings.delaySave')}
      </Button>
    </form>
  );
}
