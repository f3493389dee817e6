import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NUDGE_INTERVAL_SECONDS, type BoardHandoffDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { formatDuration } from '../../handoffs/format/handoff-sla';
import { useNudgeHandoff } from '../hooks/useNudgeHandoff';
import { contactName } from '../../contacts/contact-name';

export interface HandoffWatchListProps {
  handoffs: BoardHandoffDto[];
  now: number;
  onNotice: (text: string) => void;
}

/** Every open consult and transfer, most urgent first, with a nudge for whoever holds it. */
export function HandoffWatchList({ handoffs, now, onNotice }: HandoffWatchListProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const nudge = useNudgeHandoff();
  const [failed, setFailed] = useState<string | null>(null);
  const age = (iso: string) => formatDuration(now - Date.parse(iso), t);

  const remind = (h: BoardHandoffDto) => {
    setFailed(null);
    nudge.mutate(h.id, {
      onSuccess: () =>
        onNotice(t('supervisor.nudge.done', { name: h.assignee?.name ?? h.toTeam?.name ?? '' })),
      onError: (error) => setFailed(apiErrorMessage(error, t)),
    });
  };

  return (
    <section className="tp-supervisor__section" aria-labelledby={titleId}>
      <h2 id={titleId} className="tp-supervisor__heading">
        {t('supervisor.handoffs.title')}
      </h2>
      {failed && (
        <Alert tone="error" data-testid="nudge-error">
          {failed}
        </Alert>
      )}
      {handoffs.length === 0 ? (
        <p className="tp-supervisor__empty">{t('supervisor.handoffs.empty')}</p>
      ) : (
        <ul className="tp-board-handoffs" data-testid="board-handoffs">
          {handoffs.map((h) => {
            const due = h.dueAt ? Date.parse(h.dueAt) - now : null;
            const nudgedRecently =
              h.lastNudgedAt !== null &&
              now - Date.parse(h.lastNudgedAt) < NUDGE_INTERVAL_SECONDS * 1000;
            const target = h.toTeam
              ? h.assignee
                ? t('supervisor.handoffs.teamPerson', {
                    team: h.toTeam.name,
                    person: h.assignee.name,
                  })
                : h.toTeam.name
              : (h.assignee?.name ?? '');
            return (
              <li
                key={h.id}
                className={`tp-board-handoff tp-board-handoff--${h.risk}`}
                data-testid="board-handoff"
                data-risk={h.risk}
              >
                <div className="tp-board-handoff__main">
                  <Link to={`/inbox/${h.conversationId}`} className="tp-board-handoff__who">
                    {contactName(h.contactName, t)}
                  </Link>
                  <span className="tp-board-handoff__what">
                    {t(`supervisor.handoffs.${h.kind}`, {
                      from: h.fromTeam?.name ?? h.requestedBy.name,
                      to: target,
                    })}
                  </span>
                </div>
                <span className="tp-board-handoff__state" data-testid="handoff-state">
                  {h.status === 'requested'
                    ? t('supervisor.handoffs.waitingFor', { age: age(h.createdAt) })
                    : t('supervisor.handoffs.acceptedFor', {
                        age: age(h.acceptedAt ?? h.createdAt),
                      })}
                  {due !== null &&
                    ` · ${
                      due <= 0
                        ? t('supervisor.handoffs.overdueBy', { duration: formatDuration(-due, t) })
                        : h.risk === 'breached'
                          ? // The server saw the deadline pass; this browser's clock is behind.
                            t('supervisor.handoffs.overdue')
                          : t('supervisor.handoffs.dueIn', { duration: formatDuration(due, t) })
                    }`}
                </span>
                {h.risk !== 'ok' && (
                  <span className={`tp-board-badge tp-board-badge--${h.risk}`}>
                    {t(`supervisor.risk.${h.risk === 'breached' ? 'breached' : 'atRisk'}`)}
                  </span>
                )}
                <Button
                  variant="secondary"
                  onClick={() => remind(h)}
                  disabled={nudgedRecently || (nudge.isPending && nudge.variables === h.id)}
                  title={
                    nudgedRecently && h.lastNudgedAt
                      ? t('supervisor.nudge.recently', { age: age(h.lastNudgedAt) })
                      : t('supervisor.nudge.hint')
                  }
                >
                  {nudgedRecently ? t('supervisor.nudge.sent') : t('supervisor.nudge.action')}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
