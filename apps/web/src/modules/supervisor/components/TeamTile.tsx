import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { BoardTeamDto, BoardWaitingDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { formatDuration } from '../../handoffs/format/handoff-sla';
import { teamSeverity } from '../format/board-order';
import { slaText } from '../format/sla-text';
import { contactName } from '../../contacts/contact-name';

export interface TeamTileProps {
  team: BoardTeamDto;
  now: number;
  onAssign: (conversation: BoardWaitingDto) => void;
}

/** One team: its queue and the longest wait, its open work, what it was asked, who is there. */
export function TeamTile({ team, now, onAssign }: TeamTileProps) {
  const { t } = useTranslation();
  const severity = teamSeverity(team);
  const name = team.id ? team.name : t('supervisor.teams.noTeam');
  const waited = (since: string | null) =>
    since ? formatDuration(now - Date.parse(since), t) : null;
  const oldest = waited(team.oldestWaitingSince);
  return (
    <li
      className={`tp-board-tile tp-board-tile--${severity}`}
      data-testid="board-team"
      data-team={team.id ?? 'none'}
      data-severity={severity}
    >
      <header className="tp-board-tile__head">
        <h3 className="tp-board-tile__name">{name}</h3>
        {severity !== 'ok' && (
          <span className={`tp-board-badge tp-board-badge--${severity}`}>
            {t(`supervisor.risk.${severity === 'breached' ? 'breached' : 'atRisk'}`)}
          </span>
        )}
      </header>
      <dl className="tp-board-tile__figures">
        <div>
          <dt>{t('supervisor.teams.unassigned')}</dt>
          <dd data-testid="team-unassigned">{team.unassigned}</dd>
        </div>
        <div>
          <dt>{t('supervisor.teams.oldestWait')}</dt>
          <dd data-testid="team-oldest-wait">{oldest ?? '–'}</dd>
        </div>
        <div>
          <dt>{t('supervisor.teams.owned')}</dt>
          <dd>{team.owned}</dd>
        </div>
      </dl>
      <p className="tp-board-tile__line" data-testid="team-handoffs">
        {t('supervisor.teams.handoffs', {
          waiting: team.handoffsWaiting,
          unanswered: team.handoffsUnanswered,
        })}
        {team.handoffsBreached > 0 &&
          ` · ${t('supervisor.teams.breached', { count: team.handoffsBreached })}`}
        {team.handoffsAtRisk > 0 &&
          ` · ${t('supervisor.teams.atRisk', { count: team.handoffsAtRisk })}`}
      </p>
      {(team.slaBreached > 0 || team.slaAtRisk > 0) && (
        <p className="tp-board-tile__line" data-testid="team-sla">
          {t('supervisor.teams.sla', { breached: team.slaBreached, atRisk: team.slaAtRisk })}
        </p>
      )}
      {team.id && (
        <p className="tp-board-tile__line tp-board-tile__muted" data-testid="team-members">
          {t('supervisor.teams.members', team.members)}
        </p>
      )}
      {team.waiting.length > 0 && (
        <ol
          className="tp-board-waiting"
          aria-label={t('supervisor.teams.waitingList', { team: name })}
        >
          {team.waiting.map((c) => (
            <li key={c.id} className="tp-board-waiting__item" data-testid="waiting-conversation">
              <Link to={`/inbox/${c.id}`} className="tp-board-waiting__who">
                {contactName(c.contactName, t, c.createdAt)}
                {c.subject ? ` · ${c.subject}` : ''}
              </Link>
              <span className="tp-board-waiting__age">
                {waited(c.waitingSince) ?? t('supervisor.teams.answered')}
                {c.sla && c.sla.risk !== 'ok' && (
                  <span
                    className={`tp-board-waiting__sla tp-board-waiting__sla--${c.sla.risk}`}
                    data-testid="waiting-sla"
                  >
                    {slaText(c.sla, now, t)}
                  </span>
                )}
              </span>
              <Button variant="ghost" onClick={() => onAssign(c)}>
                {t('supervisor.assign.action')}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
