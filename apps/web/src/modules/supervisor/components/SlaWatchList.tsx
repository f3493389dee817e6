import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { BoardSlaConversationDto, BoardWaitingDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { slaText } from '../format/sla-text';
import { contactName } from '../../contacts/contact-name';

export interface SlaWatchListProps {
  conversations: BoardSlaConversationDto[];
  now: number;
  onAssign: (conversation: Pick<BoardWaitingDto, 'id' | 'contactName'>) => void;
}

/**
 * Open conversations past or close to an SLA target, owned or not, most urgent first: the ones a
 * supervisor steps in on (assign, take over) before a customer is let down.
 */
export function SlaWatchList({ conversations, now, onAssign }: SlaWatchListProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="tp-supervisor__section" aria-labelledby={titleId}>
      <h2 id={titleId} className="tp-supervisor__heading">
        {t('supervisor.sla.title')}
      </h2>
      {conversations.length === 0 ? (
        <p className="tp-supervisor__empty">{t('supervisor.sla.empty')}</p>
      ) : (
        <ul className="tp-board-handoffs" data-testid="board-sla">
          {conversations.map((c) => (
            <li
              key={c.id}
              className={`tp-board-handoff tp-board-handoff--${c.sla.risk}`}
              data-testid="board-sla-conversation"
              data-risk={c.sla.risk}
            >
              <div className="tp-board-handoff__main">
                <Link to={`/inbox/${c.id}`} className="tp-board-handoff__who">
                  {contactName(c.contactName, t)}
                  {c.subject ? ` · ${c.subject}` : ''}
                </Link>
                <span className="tp-board-handoff__what">
                  {t('supervisor.sla.teamOwner', {
                    team: c.team?.name ?? t('supervisor.teams.noTeam'),
                    owner: c.owner?.name ?? t('supervisor.sla.unassigned'),
                  })}
                </span>
              </div>
              <span className="tp-board-handoff__state" data-testid="sla-state">
                {slaText(c.sla, now, t)}
              </span>
              {c.sla.risk !== 'ok' && (
                <span className={`tp-board-badge tp-board-badge--${c.sla.risk}`}>
                  {t(`supervisor.risk.${c.sla.risk === 'breached' ? 'breached' : 'atRisk'}`)}
                </span>
              )}
              <Button variant="secondary" onClick={() => onAssign(c)}>
                {c.owner ? t('supervisor.sla.reassign') : t('supervisor.assign.action')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
