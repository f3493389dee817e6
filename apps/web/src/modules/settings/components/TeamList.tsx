import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TeamDto } from '@touchpoint/shared';
import { teamPolicySummary } from '../format/team-summary';

export interface TeamListProps {
  teams: readonly TeamDto[];
  selectedId: string | undefined;
}

/** The teams with member count and policy at a glance; the chosen one is in the URL (`?team=`). */
export function TeamList({ teams, selectedId }: TeamListProps) {
  const { t } = useTranslation();
  return (
    <nav className="tp-team-list" aria-label={t('settings.teams.listLabel')}>
      <ul className="tp-team-list__items" data-testid="team-list">
        {teams.map((team) => (
          <li key={team.id}>
            <Link
              to={{ search: new URLSearchParams({ team: team.id }).toString() }}
              className="tp-team-list__link"
              aria-current={team.id === selectedId ? 'true' : undefined}
              data-testid="team-list-item"
              data-team-id={team.id}
            >
              <span className="tp-team-list__name">{team.name}</span>
              <span className="tp-team-list__members">
                {t('settings.teams.members', { count: team.members.length })}
              </span>
              <span className="tp-team-list__summary">{teamPolicySummary(team, t)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
