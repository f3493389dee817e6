import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { JourneyQueryInput } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Dialog } from '../../../ui/Dialog';
import { LoadMoreButton } from '../../../ui/LoadMoreButton';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { useJourneyConversations } from '../hooks/useJourneyConversations';

/** A number of the journeys whose conversations are asked for: its key, what it is, how many. */
export interface Drill {
  key: string;
  title: string;
  count: number;
}

/** The conversations behind one number, oldest first, each opening in the inbox. */
export function JourneyDrillDown({
  query,
  drill,
  onClose,
}: {
  query: JourneyQueryInput;
  drill: Drill;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const list = useJourneyConversations(query, drill.key);
  const started = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <Dialog
      title={drill.title}
      description={t('journeys.conversations', { count: drill.count })}
      onClose={onClose}
      closeLabel={t('journeys.drill.close')}
      data-testid="journey-drill"
    >
      {list.isPending ? (
        <Skeleton rows={4} label={t('journeys.drill.loading')} />
      ) : list.isError && !list.data ? (
        <RetryAlert
          title={t('journeys.drill.loadFailed')}
          retryLabel={t('supervisor.retry')}
          onRetry={() => void list.refetch()}
        >
          {apiErrorMessage(list.error, t)}
        </RetryAlert>
      ) : list.data.length === 0 ? (
        <p className="tp-supervisor__empty">{t('journeys.drill.empty')}</p>
      ) : (
        <ul className="tp-journey-drill" aria-label={t('journeys.drill.label')}>
          {list.data.map((row) => (
            <li key={row.id} className="tp-journey-drill__row" data-testid="journey-drill-row">
              <Link to={`/inbox/${row.id}`} className="tp-journey-drill__subject">
                {row.subject || t('journeys.drill.noSubject')}
              </Link>
              <span className="tp-journey-drill__meta">
                {[
                  row.contactName,
                  t(`inbox.status.${row.status}`, { defaultValue: row.status }),
                  row.entryKind ? t(`inbox.channelKinds.${row.entryKind}`) : null,
                  row.team?.name ?? t('supervisor.teams.noTeam'),
                  started.format(new Date(row.createdAt)),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <LoadMoreButton query={list} testId="journey-drill-more" />
    </Dialog>
  );
}
