import { useParams } from 'react-router-dom';
import { useStore } from '../../../lib/store';
import { useMe } from '../../auth/hooks/useMe';
import { SearchResultsPane } from '../../search/components/SearchResultsPane';
import { messageSearchStore } from '../../search/states/search.store';
import { allowedFilters } from '../format/inbox-views';
import { useContactPanelBeside } from '../hooks/useContactPanelBeside';
import { useInboxFilters } from '../hooks/useInboxFilters';
import { contactPanelStore } from '../states/inbox-layout.store';
import { ConversationListPane } from './ConversationListPane';
import { ConversationPane } from './ConversationPane';
import { InboxSidebar } from './InboxSidebar';
import { NoConversationSelected } from './NoConversationSelected';

const wholeSearch = <T,>(value: T) => value;
const isOpen = (open: boolean) => open;

/**
 * `/inbox` and `/inbox/:conversationId`: views, the conversation list (or, while searching all
 * messages, the results in its place), and the open thread.
 */
export function InboxPage() {
  const { conversationId } = useParams();
  const { data: me } = useMe();
  const { filters: stored, change } = useInboxFilters();
  const search = useStore(messageSearchStore, wholeSearch);
  const contactOpen = useStore(contactPanelStore, isOpen) && Boolean(conversationId);
  const contactBeside = useContactPanelBeside();
  if (!me) return null; // the shell renders only once the user is loaded
  const filters = allowedFilters(stored, me);
  return (
    <div
      className={`tp-inbox${conversationId ? ' tp-inbox--thread-open' : ''}${
        contactOpen ? ` tp-inbox--contact-${contactBeside ? 'beside' : 'overlay'}` : ''
      }`}
      data-testid="page-inbox"
    >
      <InboxSidebar me={me} filters={filters} onChange={change} />
      {search ? (
        <SearchResultsPane search={search} me={me} selectedId={conversationId} />
      ) : (
        <ConversationListPane filters={filters} selectedId={conversationId} />
      )}
      {conversationId ? (
        <ConversationPane key={conversationId} conversationId={conversationId} />
      ) : (
        <NoConversationSelected />
      )}
    </div>
  );
}
