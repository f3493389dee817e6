import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardFlowDto } from '@touchpoint/shared';
import { formatDuration } from '../../handoffs/format/handoff-sla';

/** Who waits on whom: open consults and transfers from team to team, the longest waiting first. */
export function FlowPanel({ flow, now }: { flow: BoardFlowDto[]; now: number }) {
  const { t } = useTranslation();
  const titleId = useId();
  const age = (iso: string | null) => (iso ? formatDuration(now - Date.parse(iso), t) : null);
  return (
    <section className="tp-supervisor__section" aria-labelledby={titleId}>
      <h2 id={titleId} className="tp-supervisor__heading">
        {t('supervisor.flow.title')}
      </h2>
      {flow.length === 0 ? (
        <p className="tp-supervisor__empty">{t('supervisor.flow.empty')}</p>
      ) : (
        <ul className="tp-board-flow" data-testid="board-flow">
          {flow.map((f) => {
            const waitedFor = age(f.oldestWaitingSince);
            const openFor = age(f.oldestAcceptedAt);
            return (
              <li
                key={`${f.fromTeam?.id ?? ''}>${f.toTeam.id}`}
                className={`tp-board-flow__pair${f.breached ? ' tp-board-flow__pair--breached' : ''}`}
                data-testid="flow-pair"
              >
                <span className="tp-board-flow__teams">
                  {t('supervisor.flow.pair', {
                    from: f.fromTeam?.name ?? t('supervisor.teams.noTeam'),
                    to: f.toTeam.name,
                  })}
                </span>
                <span className="tp-board-flow__figures">
                  {f.waiting > 0 &&
                    t('supervisor.flow.waiting', { count: f.waiting, age: waitedFor })}
                  {f.waiting > 0 && f.unanswered > 0 && ' · '}
                  {f.unanswered > 0 &&
                    t('supervisor.flow.unanswered', { count: f.unanswered, age: openFor })}
                  {f.breached > 0 && ` · ${t('supervisor.flow.breached', { count: f.breached })}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
