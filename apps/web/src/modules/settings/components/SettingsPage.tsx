import { useTranslation } from 'react-i18next';
import { TeamsSettings } from './TeamsSettings';

/** `/settings` (admins): how the workspace works; for now its teams. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section className="tp-settings" aria-labelledby="settings-title" data-testid="page-settings">
      <div className="tp-settings__head">
        <h1 id="settings-title" className="tp-page__title">
          {t('settings.title')}
        </h1>
        <p className="tp-settings__intro">{t('settings.intro')}</p>
      </div>
      <TeamsSettings />
    </section>
  );
}
