import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../ui/Alert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { useStore } from '../../../lib/store';
import {
  askDesktopPermission,
  desktopPermission,
  playChime,
  type DesktopPermission,
} from '../alerts/desktop-alerts';
import {
  alertPreferencesStore,
  changeAlertPreferences,
  loadAlertPreferences,
  type AlertPreferences,
} from '../states/alert-preferences.store';

const whole = (preferences: AlertPreferences) => preferences;

/**
 * Account › Alerts: desktop notifications and a sound for a conversation given to me, a mention and
 * a suggested reply waiting for me; off until switched on, per browser. Switching desktop alerts on
 * asks the browser for permission, and says what to do when it refuses.
 */
export function AlertSettings() {
  const { t } = useTranslation();
  const preferences = useStore(alertPreferencesStore, whole);
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);

  // The choice lives in this browser's storage, outside React.
  useEffect(loadAlertPreferences, []);

  const switchDesktop = async (on: boolean) => {
    if (!on) {
      changeAlertPreferences({ desktop: false });
      return;
    }
    const answer = permission === 'granted' ? permission : await askDesktopPermission();
    setPermission(answer);
    changeAlertPreferences({ desktop: answer === 'granted' });
  };

  return (
    <SettingsSection
      title={t('notifications.alerts.title')}
      intro={t('notifications.alerts.intro')}
      data-testid="alert-settings"
    >
      <label className="tp-choice">
        <input
          type="checkbox"
          checked={preferences.desktop && permission === 'granted'}
          disabled={permission === 'unsupported'}
          onChange={(event) => void switchDesktop(event.target.checked)}
          data-testid="alert-desktop"
        />
        <span className="tp-choice__text">
          <span className="tp-choice__title">{t('notifications.alerts.desktop')}</span>
          <span className="tp-choice__hint">
            {permission === 'unsupported'
              ? t('notifications.alerts.unsupported')
              : t('notifications.alerts.desktopHint')}
          </span>
        </span>
      </label>
      <label className="tp-choice">
        <input
          type="checkbox"
          checked={preferences.sound}
          onChange={(event) => {
            changeAlertPreferences({ sound: event.target.checked });
            if (event.target.checked) playChime(); // what it sounds like (and audio allowed)
          }}
          data-testid="alert-sound"
        />
        <span className="tp-choice__text">
          <span className="tp-choice__title">{t('notifications.alerts.sound')}</span>
          <span className="tp-choice__hint">{t('notifications.alerts.soundHint')}</span>
        </span>
      </label>
      {permission === 'denied' ? (
        <Alert tone="info" data-testid="alert-desktop-denied">
          {t('notifications.alerts.denied')}
        </Alert>
      ) : null}
    </SettingsSection>
  );
}
