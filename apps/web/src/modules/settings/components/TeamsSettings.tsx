import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { RetryAlert } from '../../../ui/RetryAlert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useTeams } from '../hooks/useTeams';
import { BusinessHoursForm } from './BusinessHoursForm';
import { DeleteTeamDialog } from './DeleteTeamDialog';
import { NewTeamDialog } from './NewTeamDialog';
import { SlaPolicyForm } from './SlaPolicyForm';
import { TeamList } from './TeamList';
import { TeamMembers } from './TeamMembers';
import { TeamPolicyForm } from './TeamPolicyForm';

/**
 * Settings → Teams: the list, and the chosen team's members, policy, business hours and SLA
 * policies (the first team by default).
 */
export function TeamsSettings() {
  const { t } = useTranslation();
  const teams = useTeams();
  const [params, setParams] = useSearchParams();
  const detailTitleId = useId();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);

  let content;
  if (teams.isPending) {
    content = <Skeleton rows={3} variant="card" label={t('settings.teams.loading')} />;
  } else if (teams.isError) {
    content = (
      <RetryAlert
        title={t('settings.teams.error')}
        retryLabel={t('settings.teams.retry')}
        onRetry={() => void teams.refetch()}
      >
        {apiErrorMessage(teams.error, t)}
      </RetryAlert>
    );
  } else if (teams.data.length === 0) {
    content = (
      <EmptyState icon="settings" title={t('settings.teams.empty')} data-testid="team-list-empty" />
    );
  } else {
    const wanted = params.get('team');
    const team = teams.data.find((candidate) => candidate.id === wanted) ?? teams.data[0];
    content = (
      <div className="tp-team-settings">
        <TeamList teams={teams.data} selectedId={team?.id} />
        {team ? (
          <article
            className="tp-team-detail"
            aria-labelledby={detailTitleId}
            data-testid="team-detail"
          >
            <header className="tp-team-detail__head">
              <h3 id={detailTitleId} className="tp-team-detail__title">
                {team.name}
              </h3>
              {team.description ? (
                <p className="tp-team-detail__description">{team.description}</p>
              ) : null}
              <Button
                variant="ghost"
                className="tp-team-detail__delete"
                onClick={() => setDeleting({ id: team.id, name: team.name })}
                data-testid="team-delete"
              >
                {t('settings.teams.delete.action')}
              </Button>
            </header>
            <TeamMembers team={team} />
            <TeamPolicyForm key={team.id} team={team} teams={teams.data} />
            <BusinessHoursForm key={`${team.id}-hours`} team={team} />
            <SlaPolicyForm key={`${team.id}-sla`} team={team} />
          </article>
        ) : null}
      </div>
    );
  }

  return (
    <SettingsSection
      title={t('settings.teams.title')}
      intro={t('settings.teams.intro')}
      data-testid="settings-teams"
    >
      <div className="tp-team-settings__actions">
        <Button onClick={() => setCreating(true)} data-testid="team-new">
          {t('settings.teams.new.action')}
        </Button>
      </div>
      {content}
      {creating ? (
        <NewTeamDialog
          onClose={() => setCreating(false)}
          onCreated={(team) => {
            setCreating(false);
            setParams({ team: team.id });
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteTeamDialog
          team={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            setParams({});
          }}
        />
      ) : null}
    </SettingsSection>
  );
}
