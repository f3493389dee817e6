import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/hooks/useMe';
import { peopleList } from '../format/people-list';
import { useConversationTyping } from '../hooks/useConversationTyping';

/**
 * "Anna Agent is typing…" or "Clara Customer (customer) is typing…" above the composer, for
 * colleagues and the website-chat customer; it goes when they stop or after a few seconds
 * without news. A polite live region, so screen readers hear it without losing their place.
 */
export function TypingIndicator({ conversationId }: { conversationId: string }) {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const typing = useConversationTyping(conversationId).filter(
    // Our own other tabs are in the room too.
    (entry) => !(entry.author.type === 'user' && entry.author.id === me?.id),
  );
  let text = '';
  const [first] = typing;
  if (typing.length === 1 && first) {
    text =
      first.author.type === 'contact'
        ? t('presence.typing.contact', { name: first.author.name })
        : t('presence.typing.user', { name: first.author.name });
  } else if (typing.length > 1) {
    const names = peopleList(
      typing.map((entry) => entry.author.name),
      i18n.language,
      (count) => t('presence.more', { count }),
    );
    text = t('presence.typing.several', { names });
  }
  return (
    <p className="tp-typing" role="status" aria-live="polite" data-testid="typing-indicator">
      {text ? (
        <>
          <span className="tp-typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {text}
        </>
      ) : null}
    </p>
  );
}
