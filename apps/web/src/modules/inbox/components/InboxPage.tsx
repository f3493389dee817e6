import { useParams } from 'react-router-dom';
import { useMe } from '../../auth/hooks/useMe';
import { allowedFilters } from '../format/inbox-views';
import { useInboxFilters } from '../hooks/useInboxFilters';
import { ConversationListPane } from './ConversationListPane';
import { ConversationPane } from './ConversationPane';
import { InboxSidebar } from './InboxSidebar';
import { NoConversationSelected } from './NoConversationSelected';

/** `/inbox` and `/inbox/:conversationId`: views, the conversation list, and the open thread. */
export function InboxPage() {
  const { conversationId } = useParams();
  const { data: me } = useMe();
  const { filters: stored, change } = useInboxFilters();
  if (!me) return null; // the shell renders only once the user is loaded
  const filters = allowedFilters(stored, me);
  return (
    <div
      className={`tp-inbox${conversationId ? ' tp-inbox--thread-open' : ''}`}
      data-testid="page-inbox"
    >
      <InboxSidebar me={me} filters={filters} onChange={change} />
      <ConversationListPane filters={filters} selectedId={conversationId} />
      {conversationId ? (
        <ConversationPane key={conversationId} conversationId={conversationId} />
      ) : (
        <NoConversationSelected />
      )}
    </div>
  );
}
