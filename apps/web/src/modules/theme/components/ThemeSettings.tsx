import { useTranslation } from 'react-i18next';
import { SettingsSection } from '../../../ui/SettingsSection';
import { useStore } from '../../../lib/store';
import { useMe } from '../../auth/hooks/useMe';
import {
  changeThemePreference,
  THEME_PREFERENCES,
  themePreferenceStore,
  type ThemePreference,
} from '../states/theme-preference.store';

const whole = (preference: ThemePreference) => preference;

/** Account › Appearance: Light, Dark or as the system says; remembered per user in this browser. */
export function ThemeSettings() {
  const { t } = useTranslation();
  const userId = useMe().data?.id;
  const preference = useStore(themePreferenceStore, whole);

  return (
    <SettingsSection title={t('theme.title')} intro={t('theme.intro')} data-testid="theme-settings">
      <fieldset className="tp-theme-choice">
        <legend className="tp-visually-hidden">{t('theme.title')}</legend>
        {THEME_PREFERENCES.map((option) => (
          <label key={option} className="tp-choice">
            <input
              type="radio"
              name="theme"
              value={option}
              checked={preference === option}
              disabled={!userId}
              onChange={() => userId && changeThemePreference(userId, option)}
              data-testid={`theme-${option}`}
            />
            <span className="tp-choice__text">
              <span className="tp-choice__title">{t(`theme.options.${option}`)}</span>
              <span className="tp-choice__hint">{t(`theme.hints.${option}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </SettingsSection>
  );
}
