import { useTranslation } from 'react-i18next';
import { ASSIST_FEATURES } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { EmptyState } from '../../../ui/EmptyState';
import { RetryAlert } from '../../../ui/RetryAlert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { Skeleton } from '../../../ui/Skeleton';
import { useAssistCalls } from '../hooks/useAssistCalls';
import { useAssistSettings } from '../hooks/useAssistSettings';
import { useUpdateAssistSettings } from '../hooks/useUpdateAssistSettings';
import './assist.css';

/**
 * Settings → AI assistance (admins): whether the model server is configured (and how to), a switch
 * per feature, and the latest calls with who, what, sizes and outcome (never content).
 */
export function AssistSettings() {
  const { t } = useTranslation();
  const settings = useAssistSettings();
  const update = useUpdateAssistSettings();

  let switches;
  if (settings.isPending) {
    switches = <Skeleton rows={3} label={t('assist.settings.loading')} />;
  } else if (settings.isError) {
    switches = (
      <RetryAlert
        title={t('assist.settings.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void settings.refetch()}
      >
        {apiErrorMessage(settings.error, t)}
      </RetryAlert>
    );
  } else {
    const { configured, model } = settings.data;
    switches = (
      <>
        {configured ? (
          <p className="tp-settings__intro" data-testid="assist-model">
            {t('assist.settings.model', { model })}
          </p>
        ) : (
          <Alert tone="info" data-testid="assist-off-hint">
            {t('assist.offHint')}
          </Alert>
        )}
        <fieldset className="tp-assist-settings__switches" disabled={update.isPending}>
          <legend className="tp-visually-hidden">{t('assist.settings.switches')}</legend>
          {ASSIST_FEATURES.map((feature) => (
            <label key={feature} className="tp-choice">
              <input
                type="checkbox"
                checked={settings.data.switches[feature]}
                onChange={(event) =>
                  update.mutate({ switches: { [feature]: event.target.checked } })
                }
                data-testid={`assist-switch-${feature}`}
              />
              <span className="tp-choice__text">
                <span className="tp-choice__title">{t(`assist.features.${feature}`)}</span>
                <span className="tp-choice__hint">{t(`assist.features.${feature}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {update.isError ? (
          <Alert tone="error" data-testid="assist-settings-error">
            {apiErrorMessage(update.error, t)}
          </Alert>
        ) : null}
      </>
    );
  }

  return (
    <>
      <SettingsSection
        title={t('assist.settings.title')}
        intro={t('assist.settings.intro')}
        data-testid="assist-settings"
      >
        {switches}
      </SettingsSection>
      <SettingsSection title={t('assist.calls.title')} intro={t('assist.calls.intro')}>
        <AssistCallList />
      </SettingsSection>
    </>
  );
}

function AssistCallList() {
  const { t, i18n } = useTranslation();
  const calls = useAssistCalls();
  if (calls.isPending) return <Skeleton rows={3} label={t('assist.calls.loading')} />;
  if (calls.isError)
    return (
      <RetryAlert
        title={t('assist.calls.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void calls.refetch()}
      >
        {apiErrorMessage(calls.error, t)}
      </RetryAlert>
    );
  if (!calls.data.length) return <EmptyState icon="sparkle" title={t('assist.calls.empty')} />;
  return (
    <table className="tp-assist-calls" data-testid="assist-calls">
      <thead>
        <tr>
          <th scope="col">{t('assist.calls.when')}</th>
          <th scope="col">{t('assist.calls.who')}</th>
          <th scope="col">{t('assist.calls.what')}</th>
          <th scope="col">{t('assist.calls.size')}</th>
          <th scope="col">{t('assist.calls.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {calls.data.map((call) => (
          <tr key={call.id} data-testid="assist-call">
            <td>{new Date(call.createdAt).toLocaleString(i18n.language)}</td>
            <td>{call.user?.name || t('assist.calls.unknownUser')}</td>
            <td>{t(`assist.features.${call.feature}`)}</td>
            <td>
              {t('assist.calls.sizes', {
                input: call.inputChars,
                output: call.outputChars,
                seconds: (call.durationMs / 1000).toFixed(1),
              })}
            </td>
            <td>{t(`assist.outcomes.${call.outcome}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
