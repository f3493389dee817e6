import { useTranslation } from 'react-i18next';
import { Avatar } from '../../../ui/Avatar';
import { useMe } from '../../auth/hooks/useMe';
import { peopleList } from '../format/people-list';
import { useConversationViewers } from '../hooks/useConversationViewers';

/**
 * The colleagues who have the conversation open right now ("Anna Agent is viewing"), as small
 * avatars with their names on hover; the user is not among them. Nothing while alone.
 */
export function ConversationViewers({ conversationId }: { conversationId: string }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const others = useConversationViewers(conversationId).filter((viewer) => viewer.id !== me?.id);
  if (others.length === 0) return null;
  const names = peopleList(
    others.map((viewer) => viewer.name),
    i18n.language,
    (count) => t('presence.more', { count }),
  );
  const text = t('presence.viewing', { count: others.length, names });
  return (
    <div className="tp-viewers" data-testid="conversation-viewers" title={text}>
      <ul className="tp-avatar-stack tp-viewers__avatars" aria-hidden="true">
        {others.map((viewer) => (
          <li key={viewer.id} data-testid="viewer">
            <Avatar name={viewer.name} size="small" label={viewer.name} />
          </li>
        ))}
      </ul>
      <span className="tp-viewers__text">{text}</span>
    </div>
  );
}
