import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  type ChannelKind,
  type ConversationStatus,
  type SearchEntryDto,
  type SearchHitDto,
  type UserDto,
} from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { contactName } from '../../contacts/contact-name';
import { LeadBadge } from '../../handoffs/components/LeadBadge';
import { ChannelIcon } from '../../inbox/components/ChannelIcon';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { StatusPill } from '../../inbox/components/StatusPill';
import { useMessageSearch } from '../hooks/useMessageSearch';
import {
  changeMessageSearch,
  closeMessageSearch,
  type MessageSearch,
} from '../states/search.store';
import { jumpToMessage } from '../states/message-jump.store';
import { HighlightedText } from './HighlightedText';
import './search.css';
import { LoadMoreButton } from '../../../ui/LoadMoreButton';

const OWNERS = ['me', 'none'] as const;

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The filters of a search: channel, status, team, owner and the days of the message. */
function SearchFilters({ search, me }: { search: MessageSearch; me: UserDto }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="tp-search-results__filters" role="group" aria-label={t('search.filters')}>
      <div className="tp-filters__field">
        <label htmlFor={`${id}-channel`}>{t('inbox.filters.channel')}</label>
        <select
          id={`${id}-channel`}
          className="tp-select"
          value={search.channelKind ?? ''}
          onChange={(e) =>
            changeMessageSearch({ channelKind: oneOf<ChannelKind>(CHANNEL_KINDS, e.target.value) })
          }
        >
          <option value="">{t('inbox.filters.anyChannel')}</option>
          {CHANNEL_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`inbox.channelKinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="tp-filters__field">
        <label htmlFor={`${id}-status`}>{t('inbox.filters.status')}</label>
        <select
          id={`${id}-status`}
          className="tp-select"
          value={search.status ?? ''}
          onChange={(e) =>
            changeMessageSearch({
              status: oneOf<ConversationStatus>(CONVERSATION_STATUSES, e.target.value),
            })
          }
        >
          <option value="">{t('search.anyStatus')}</option>
          {CONVERSATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`inbox.status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      {me.teams.length ? (
        <div className="tp-filters__field">
          <label htmlFor={`${id}-team`}>{t('search.team')}</label>
          <select
            id={`${id}-team`}
            className="tp-select"
            value={search.teamId ?? ''}
            onChange={(e) => changeMessageSearch({ teamId: e.target.value || undefined })}
          >
            <option value="">{t('search.anyTeam')}</option>
            {me.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="tp-filters__field">
        <label htmlFor={`${id}-owner`}>{t('search.owner')}</label>
        <select
          id={`${id}-owner`}
          className="tp-select"
          value={search.ownerId ?? ''}
          onChange={(e) => changeMessageSearch({ ownerId: oneOf(OWNERS, e.target.value) })}
        >
          <option value="">{t('search.anyOwner')}</option>
          <option value="me">{t('search.ownerMe')}</option>
          <option value="none">{t('search.ownerNone')}</option>
        </select>
      </div>
      <div className="tp-filters__field">
        <label htmlFor={`${id}-from`}>{t('search.from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={search.fromDay ?? ''}
          onChange={(e) => changeMessageSearch({ fromDay: e.target.value || undefined })}
        />
      </div>
      <div className="tp-filters__field">
        <label htmlFor={`${id}-to`}>{t('search.to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={search.toDay ?? ''}
          onChange={(e) => changeMessageSearch({ toDay: e.target.value || undefined })}
        />
      </div>
    </div>
  );
}

function SearchEntry({ entry }: { entry: SearchEntryDto }) {
  const { t } = useTranslation();
  const kind = entry.suggestion ? 'suggestion' : entry.type;
  return (
    <li
      className="tp-search-hit__entry tp-search-hit__entry--found"
      data-testid="search-entry"
      data-message-id={entry.messageId}
    >
      <span className="tp-search-hit__meta">
        {entry.channel ? <ChannelIcon kind={entry.channel.kind} size={12} /> : null}
        <span>
          {t(`search.entryKind.${kind}`)}
          {entry.author.name ? ` · ${entry.author.name}` : ''}
        </span>
        <RelativeTime at={entry.createdAt} />
      </span>
      <span className="tp-search-hit__snippet" data-testid="search-snippet">
        <HighlightedText text={entry.snippet} highlights={entry.highlights} />
      </span>
    </li>
  );
}

/**
 * The found message a click on a hit shows: the one clicked, else the newest (the keyboard's
 * choice, as the hit is one link).
 */
function jumpTarget(hit: SearchHitDto, clicked: EventTarget): SearchEntryDto | undefined {
  const row = clicked instanceof Element ? clicked.closest('[data-message-id]') : null;
  const id = row?.getAttribute('data-message-id');
  return hit.entries.find((entry) => entry.messageId === id) ?? hit.entries[0];
}

function SearchHit({ hit, selected }: { hit: SearchHitDto; selected: boolean }) {
  const { t } = useTranslation();
  const { conversation } = hit;
  const more = hit.matchCount - hit.entries.length;
  return (
    <li className="tp-conversations__entry">
      <Link
        to={`/inbox/${conversation.id}`}
        onClick={(event) => {
          const entry = jumpTarget(hit, event.target);
          if (entry)
            jumpToMessage({
              conversationId: conversation.id,
              messageId: entry.messageId,
              seq: entry.seq,
            });
        }}
        className={`tp-conversation${selected ? ' tp-conversation--selected' : ''}`}
        aria-current={selected ? 'page' : undefined}
        data-testid="search-hit"
        data-conversation-id={conversation.id}
      >
        <span className="tp-conversation__top">
          <span className="tp-conversation__name">
            {contactName(conversation.contact.name, t, conversation.createdAt)}
          </span>
          <StatusPill status={conversation.status} />
          <LeadBadge leadAt={conversation.leadAt} />
          <RelativeTime at={conversation.lastActivityAt} className="tp-conversation__age" />
        </span>
        {conversation.subject ? (
          <span className="tp-conversation__preview">{conversation.subject}</span>
        ) : null}
        {hit.contactMatched && !hit.entries.length ? (
          <span className="tp-search-hit__entry">{t('search.contactMatched')}</span>
        ) : null}
        {hit.entries.length ? (
          <ul className="tp-search-hit__entries">
            {hit.entries.map((entry) => (
              <SearchEntry key={entry.messageId} entry={entry} />
            ))}
          </ul>
        ) : null}
        {more > 0 ? (
          <span className="tp-search-hit__entry">{t('search.moreMatches', { count: more })}</span>
        ) : null}
      </Link>
    </li>
  );
}

export interface SearchResultsPaneProps {
  search: MessageSearch;
  me: UserDto;
  selectedId: string | undefined;
}

/**
 * Middle pane while searching all messages: the conversations found with their matching messages,
 * the found words marked; opening one opens the thread beside the results.
 */
export function SearchResultsPane({ search, me, selectedId }: SearchResultsPaneProps) {
  const { t } = useTranslation();
  const results = useMessageSearch(search);

  let content;
  if (search.q.length < 2) {
    content = <EmptyState icon="search" title={t('search.tooShort')} />;
  } else if (results.isPending) {
    content = <Skeleton rows={4} variant="card" label={t('search.loading')} />;
  } else if (results.isError) {
    content = (
      <div className="tp-pane-message">
        <RetryAlert
          title={t('search.error')}
          retryLabel={t('inbox.list.retry')}
          onRetry={() => void results.refetch()}
        >
          {apiErrorMessage(results.error, t)}
        </RetryAlert>
      </div>
    );
  } else if (results.data.length === 0) {
    content = (
      <EmptyState
        icon="search"
        title={t('search.empty')}
        hint={t('search.emptyHint')}
        data-testid="search-empty"
      />
    );
  } else {
    content = (
      <>
        <ul
          className="tp-conversations"
          aria-labelledby="search-results-title"
          data-testid="search-results"
        >
          {results.data.map((hit) => (
            <SearchHit
              key={hit.conversation.id}
              hit={hit}
              selected={hit.conversation.id === selectedId}
            />
          ))}
        </ul>
        <LoadMoreButton query={results} testId="search-load-more" />
      </>
    );
  }

  return (
    <section
      className="tp-inbox__list"
      aria-labelledby="search-results-title"
      data-testid="search-pane"
    >
      <div className="tp-search-results__header">
        <h2 id="search-results-title" className="tp-search-results__title">
          {t('search.title', { q: search.q })}
        </h2>
        <Button variant="secondary" onClick={closeMessageSearch} data-testid="search-close">
          {t('search.close')}
        </Button>
      </div>
      <SearchFilters search={search} me={me} />
      {content}
    </section>
  );
}
