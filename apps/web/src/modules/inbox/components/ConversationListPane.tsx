import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationFilters } from '../../../api/conversations.api';
import { EmptyState } from '../../../ui/EmptyState';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useConversationList } from '../hooks/useConversationList';
import { ConversationListItem } from './ConversationListItem';
import { LoadMoreButton } from '../../../ui/LoadMoreButton';
import { BulkBar } from '../../labels/components/BulkBar';
import { LabelFilter } from '../../labels/components/LabelFilter';
import { useInboxFilters } from '../hooks/useInboxFilters';

export interface ConversationListPaneProps {
  filters: ConversationFilters;
  selectedId: string | undefined;
}

/** Up and down arrows move between the conversations of the list. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a')];
  const index = links.findIndex((link) => link === document.activeElement);
  if (index < 0) return;
  const next = links[event.key === 'ArrowDown' ? index + 1 : index - 1];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

/** Middle pane: the conversations of the current view, newest activity first, live. */
export function ConversationListPane({ filters, selectedId }: ConversationListPaneProps) {
  const { t } = useTranslation();
  const list = useConversationList(filters);
  const { change } = useInboxFilters();
  const narrowed = Boolean(filters.q || filters.channel || filters.labelId);

  let content;
  if (list.isPending) {
    content = <Skeleton rows={6} variant="card" label={t('inbox.list.loading')} />;
  } else if (list.isError) {
    content = (
      <div className="tp-pane-message">
        <RetryAlert
          title={t('inbox.list.error')}
          retryLabel={t('inbox.list.retry')}
          onRetry={() => void list.refetch()}
        >
          {apiErrorMessage(list.error, t)}
        </RetryAlert>
      </div>
    );
  } else if (list.data.length === 0) {
    content = (
      <EmptyState
        icon="inbox"
        title={narrowed ? t('inbox.list.emptySearch') : t('inbox.list.empty')}
        hint={narrowed ? undefined : t('inbox.list.emptyHint')}
        data-testid="conversation-list-empty"
      />
    );
  } else {
    content = (
      <>
        <ul
          className="tp-conversations"
          aria-labelledby="conversation-list-title"
          data-testid="conversation-list"
          onKeyDown={moveFocus}
        >
          {list.data.map((conversation) => (
            <ConversationListItem
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
            />
          ))}
        </ul>
        <LoadMoreButton query={list} testId="load-more" />
      </>
    );
  }

  return (
    <section className="tp-inbox__list" aria-labelledby="conversation-list-title">
      <h2 id="conversation-list-title" className="tp-visually-hidden">
        {t('inbox.list.label')}
      </h2>
      <LabelFilter value={filters.labelId} onChange={(labelId) => change({ labelId })} />
      <BulkBar visibleIds={list.data?.map((conversation) => conversation.id) ?? []} />
      {content}
    </section>
  );
}
