import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardWaitingDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { useMe } from '../../auth/hooks/useMe';
import { useNow } from '../../inbox/hooks/useNow';
import { byUrgency } from '../format/board-order';
import { useSupervisorBoard } from '../hooks/useSupervisorBoard';
import { AgentList } from './AgentList';
import { AssignDialog } from './AssignDialog';
import { FlowPanel } from './FlowPanel';
import { HandoffWatchList } from './HandoffWatchList';
import { SlaWatchList } from './SlaWatchList';
import { TeamTile } from './TeamTile';

/**
 * The live board: the shift at a glance. Team tiles sorted by
 * urgency (red: a conversation or a request to the team is past its SLA target; amber: close to
 * it), the conversations at risk or overdue, who waits on whom between teams, every open consult
 * and transfer with its deadline, and each agent's presence and load.
 * Kept current by socket events; ages tick with the clock.
 */
export function LiveBoard() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const board = useSupervisorBoard();
  const clock = useNow();
  // The board's own time when it is newer: a refetch must not look older than its figures.
  const now = Math.max(clock, board.data ? Date.parse(board.data.at) : 0);
  const [assigning, setAssigning] = useState<Pick<BoardWaitingDto, 'id' | 'contactName'> | null>(
    null,
  );
  const [notice, setNotice] = useState<string | null>(null);
  const teamsTitleId = useId();
  if (!me) return null;

  return (
    <>
      {notice && (
        <Alert tone="success" data-testid="board-notice">
          {notice}
        </Alert>
      )}
      {board.isPending ? (
        <Skeleton rows={6} variant="card" label={t('supervisor.loading')} />
      ) : board.isError ? (
        <RetryAlert
          title={t('supervisor.loadFailed')}
          retryLabel={t('supervisor.retry')}
          onRetry={() => void board.refetch()}
        >
          {apiErrorMessage(board.error, t)}
        </RetryAlert>
      ) : (
        <>
          <section className="tp-supervisor__section" aria-labelledby={teamsTitleId}>
            <h2 id={teamsTitleId} className="tp-supervisor__heading">
              {t('supervisor.teams.title')}
            </h2>
            <ul className="tp-supervisor__tiles" data-testid="board-teams">
              {[...board.data.teams].sort(byUrgency).map((team) => (
                <TeamTile
                  key={team.id ?? 'none'}
                  team={team}
                  now={now}
                  onAssign={(conversation) => setAssigning(conversation)}
                />
              ))}
            </ul>
          </section>
          <SlaWatchList
            conversations={board.data.sla}
            now={now}
            onAssign={(conversation) => setAssigning(conversation)}
          />
          <FlowPanel flow={board.data.flow} now={now} />
          <HandoffWatchList handoffs={board.data.handoffs} now={now} onNotice={setNotice} />
          <AgentList agents={board.data.agents} teams={board.data.teams} />
        </>
      )}
      {assigning && (
        <AssignDialog
          conversation={assigning}
          me={me}
          agents={board.data?.agents ?? []}
          onClose={() => setAssigning(null)}
          onAssigned={(name) => {
            setAssigning(null);
            setNotice(t('supervisor.assign.done', { name }));
          }}
        />
      )}
    </>
  );
}
