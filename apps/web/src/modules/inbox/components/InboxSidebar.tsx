import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  type ChannelKind,
  type ConversationStatus,
  type UserDto,
} from '@touchpoint/shared';
import type { ConversationFilters } from '../../../api/conversations.api';
import { inboxViewsFor, isActiveView, type InboxViewOption } from '../format/inbox-views';
import { useConversationCounts } from '../hooks/useConversationCounts';
import { HandoffQueueLink } from '../../handoffs/components/HandoffQueueLink';
import { rolesFor } from '../../shell/navigation';
import { SearchBox } from './SearchBox';

export interface InboxSidebarProps {
  me: UserDto;
  filters: ConversationFilters;
  onChange: (patch: Partial<ConversationFilters>) => void;
}

function isStatus(value: string): value is ConversationStatus {
  return (CONVERSATION_STATUSES as readonly string[]).includes(value);
}

function isChannelKind(value: string): value is ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(value);
}

/** Left pane: the views with their counts, the status and channel filters, and search. */
export function InboxSidebar({ me, filters, onChange }: InboxSidebarProps) {
  const { t } = useTranslation();
  const counts = useConversationCounts();
  const statusId = useId();
  const channelId = useId();

  const label = (option: InboxViewOption) =>
    option.view === 'team'
      ? t('inbox.views.team', { name: option.teamName ?? '' })
      : t(`inbox.views.${option.view}`);

  return (
    <aside className="tp-inbox__sidebar" aria-labelledby="inbox-title" data-testid="inbox-sidebar">
      <h1 id="inbox-title" className="tp-inbox__title">
        {t('inbox.title')}
      </h1>
      <SearchBox value={filters.q ?? ''} onSearch={(q) => onChange({ q })} />
      <nav aria-label={t('inbox.views.label')}>
        <ul className="tp-views">
          {inboxViewsFor(me, counts.data).map((option) => (
            <li key={option.key}>
              <button
                type="button"
                className="tp-views__item"
                aria-pressed={isActiveView(option, filters)}
                data-testid={`view-${option.key}`}
                onClick={() => onChange({ view: option.view, teamId: option.teamId })}
              >
                <span className="tp-views__label">{label(option)}</span>
                {option.count !== undefined ? (
                  <>
                    <span className="tp-views__count" aria-hidden="true">
                      {option.count}
                    </span>
                    <span className="tp-visually-hidden">
                      , {t('inbox.views.count', { count: option.count })}
                    </span>
                  </>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {/* Only for whom the handoffs page is open (the touchpoint manager takes no consults). */}
      {rolesFor('handoffs').includes(me.role) ? <HandoffQueueLink /> : null}
      <div className="tp-filters" role="group" aria-label={t('inbox.filters.label')}>
        <div className="tp-filters__field">
          <label htmlFor={statusId}>{t('inbox.filters.status')}</label>
          <select
            id={statusId}
            className="tp-select"
            value={filters.status ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              onChange({ status: isStatus(value) ? value : undefined });
            }}
          >
            <option value="">{t('inbox.filters.anyStatus')}</option>
            {CONVERSATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`inbox.status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="tp-filters__field">
          <label htmlFor={channelId}>{t('inbox.filters.channel')}</label>
          <select
            id={channelId}
            className="tp-select"
            value={filters.channel ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              onChange({ channel: isChannelKind(value) ? value : undefined });
            }}
          >
            <option value="">{t('inbox.filters.anyChannel')}</option>
            {CHANNEL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`inbox.channelKinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </aside>
  );
}
