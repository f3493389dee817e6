import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AreaTabs } from '../../../ui/AreaTabs';
import { PageHeader } from '../../../ui/PageHeader';
import { ChannelsSettings } from '../../channels/components/ChannelsSettings';
import { AuditLogList } from '../../privacy/components/AuditLogList';
import { AssistSettings } from '../../assist/components/AssistSettings';
import { SatisfactionSettings } from '../../satisfaction/components/SatisfactionSettings';
import { NotFoundPage } from '../../shell/components/NotFoundPage';
import { IntegrationsSettings } from '../integrations/components/IntegrationsSettings';
import { TeamsSettings } from './TeamsSettings';
import { UsersSettings } from './UsersSettings';

/**
 * The areas of the settings, as tabs: teams at `/settings`, users at `/settings/users`, channels
 * at `/settings/channels`.
 */
const AREAS = [
  { area: undefined, to: '/settings', label: 'settings.areas.teams' },
  { area: 'users', to: '/settings/users', label: 'settings.areas.users' },
  { area: 'channels', to: '/settings/channels', label: 'settings.areas.channels' },
  { area: 'integrations', to: '/settings/integrations', label: 'settings.areas.integrations' },
  { area: 'audit', to: '/settings/audit', label: 'settings.areas.audit' },
  { area: 'ai', to: '/settings/ai', label: 'settings.areas.ai' },
  { area: 'satisfaction', to: '/settings/satisfaction', label: 'settings.areas.satisfaction' },
] as const;

/** `/settings/:area?` (admins): how the workspace works: its teams and its channels. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { area } = useParams();
  if (!AREAS.some((candidate) => candidate.area === area)) return <NotFoundPage />;
  return (
    <section className="tp-settings" aria-labelledby="settings-title" data-testid="page-settings">
      <PageHeader
        titleId="settings-title"
        title={t('settings.title')}
        intro={t('settings.intro')}
      />
      <AreaTabs
        label={t('settings.areas.label')}
        tabs={AREAS.map((candidate) => ({
          to: candidate.to,
          label: t(candidate.label),
          testId: `settings-area-${candidate.area ?? 'teams'}`,
        }))}
      />
      {area === 'channels' ? (
        <ChannelsSettings />
      ) : area === 'integrations' ? (
        <IntegrationsSettings />
      ) : area === 'audit' ? (
        <AuditLogList />
      ) : area === 'ai' ? (
        <AssistSettings />
      ) : area === 'satisfaction' ? (
        <SatisfactionSettings />
      ) : area === 'users' ? (
        <UsersSettings />
      ) : (
        <TeamsSettings />
      )}
    </section>
  );
}
