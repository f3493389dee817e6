import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardAgentDto, BoardTeamDto } from '@touchpoint/shared';

/** Everyone active: present or not, and how much they hold against what they may be given. */
export function AgentList({ agents, teams }: { agents: BoardAgentDto[]; teams: BoardTeamDto[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name;
  return (
    <section className="tp-supervisor__section" aria-labelledby={titleId}>
      <h2 id={titleId} className="tp-supervisor__heading">
        {t('supervisor.agents.title')}
      </h2>
      <table className="tp-board-agents" data-testid="board-agents">
        <thead>
          <tr>
            <th scope="col">{t('supervisor.agents.name')}</th>
            <th scope="col">{t('supervisor.agents.presence')}</th>
            <th scope="col">{t('supervisor.agents.teams')}</th>
            <th scope="col">{t('supervisor.agents.load')}</th>
            <th scope="col">{t('supervisor.agents.handoffs')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((a) => {
            const full = a.capacity !== null && a.open >= a.capacity;
            return (
              <tr key={a.id} data-testid="board-agent" data-presence={a.presence}>
                <th scope="row">{a.name}</th>
                <td>
                  <span className={`tp-presence-dot tp-presence-dot--${a.presence}`} aria-hidden />
                  {t(`supervisor.presence.${a.presence}`)}
                </td>
                <td>{a.teamIds.map(teamName).filter(Boolean).join(', ') || '–'}</td>
                <td className={full ? 'tp-board-agents__full' : undefined} data-testid="agent-load">
                  {a.capacity === null
                    ? t('supervisor.agents.open', { count: a.open })
                    : t('supervisor.agents.openOf', { count: a.open, capacity: a.capacity })}
                </td>
                <td>{a.handoffs}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
