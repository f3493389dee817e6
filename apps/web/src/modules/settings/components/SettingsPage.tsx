import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { TeamsSettings } from './TeamsSettings';

/** `/settings` (admins): how the workspace works; for now its teams. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section className="tp-settings" aria-labelledby="settings-title" data-testid="page-settings">
      <PageHeader
        titleId="settings-title"
        title={t('settings.title')}
        intro={t('settings.intro')}
      />
      <TeamsSettings />
    </section>
  );
}
