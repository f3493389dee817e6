import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ContactConversationDto } from '@touchpoint/shared';
import { EmptyState } from '../../../ui/EmptyState';
import { currentLocale } from '../../../lib/i18n';
import { HandoffStatusBadge } from '../../handoffs/components/HandoffStatusBadge';
import { ChannelIcon } from '../../inbox/components/ChannelIcon';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { StatusPill } from '../../inbox/components/StatusPill';
import { fullDateTime } from '../../inbox/format/relative-age';

/**
 * The contact's story: every conversation the user may open, newest first, with the channels it
 * came through, who has it, and whom it pulled in (consults and transfers) with what came of it.
 */
export function ContactStory({
  conversations,
  currentConversationId,
}: {
  conversations: readonly ContactConversationDto[];
  currentConversationId?: string;
}) {
  const { t } = useTranslation();
  if (conversations.length === 0)
    return <EmptyState icon="inbox" title={t('contacts.story.empty')} data-testid="story-empty" />;
  return (
    <ol className="tp-story" data-testid="contact-story">
      {conversations.map((conversation) => (
        <StoryConversation
          key={conversation.id}
          conversation={conversation}
          current={conversation.id === currentConversationId}
        />
      ))}
    </ol>
  );
}

function StoryConversation({
  conversation,
  current,
}: {
  conversation: ContactConversationDto;
  current: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  return (
    <li className="tp-story__item" data-testid="story-conversation">
      <div className="tp-story__head">
        <span className="tp-story__channels">
          {conversation.channels.map((kind) => (
            <ChannelIcon key={kind} kind={kind} />
          ))}
        </span>
        <Link
          to={`/inbox/${conversation.id}`}
          className="tp-story__subject"
          aria-current={current ? 'page' : undefined}
          data-testid="contact-conversation"
        >
          {conversation.subject ?? conversation.preview ?? t('contact.noSubject')}
        </Link>
        {current ? <span className="tp-contact__current">{t('contact.current')}</span> : null}
        <StatusPill status={conversation.status} />
      </div>
      <p className="tp-story__meta">
        <span>
          {conversation.team
            ? t('contacts.story.team', { team: conversation.team.name })
            : t('contacts.story.noTeam')}
        </span>
        <span>
          {conversation.owner
            ? t('contacts.story.owner', { owner: conversation.owner.name })
            : t('contacts.story.noOwner')}
        </span>
        <span title={fullDateTime(conversation.createdAt, locale)}>
          {t('contacts.story.started', {
            date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(
              Date.parse(conversation.createdAt),
            ),
          })}
        </span>
        <span>
          {t('contacts.story.lastActivity')} <RelativeTime at={conversation.lastActivityAt} />
        </span>
      </p>
      {conversation.handoffs.length > 0 ? (
        <ul className="tp-story__handoffs" aria-label={t('contacts.story.handoffs')}>
          {conversation.handoffs.map((handoff) => (
            <li key={handoff.id} className="tp-story__handoff" data-testid="story-handoff">
              <span className="tp-story__handoff-line">
                <span className="tp-story__handoff-kind">{t(`handoffs.kind.${handoff.kind}`)}</span>
                <span>
                  {[handoff.team?.name, handoff.assignee?.name].filter(Boolean).join(' · ') ||
                    t('contacts.story.nobody')}
                </span>
                <HandoffStatusBadge status={handoff.status} />
                <RelativeTime at={handoff.createdAt} className="tp-story__time" />
              </span>
              {handoff.note ? <span className="tp-story__note">{handoff.note}</span> : null}
              {handoff.outcome ? (
                <span className="tp-story__outcome" data-testid="story-handoff-outcome">
                  {t('contacts.story.outcome', { outcome: handoff.outcome })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
