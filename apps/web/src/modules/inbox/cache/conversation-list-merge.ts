import type { InfiniteData } from '@tanstack/react-query';
import {
  compareListOrder,
  conversationInList,
  listFactsOfSummary,
  type ConversationListDto,
  type ConversationSummaryDto,
  type ListVerdict,
  type UserDto,
} from '@touchpoint/shared';
import type { ConversationFilters } from '../../../api/conversations.api';

/** A loaded conversation list: its pages, each with the cursor of the next. */
export type ConversationListData = InfiniteData<ConversationListDto, string | null>;

/** Yes, no, or "cannot tell on the client" (participants and search are the server's to know). */
export type Acceptance = ListVerdict;

/**
 * Whether a conversation belongs in a list with these filters, by the server's own list rule, as
 * far as its summary tells.
 */
export function listAccepts(
  filters: ConversationFilters,
  conversation: ConversationSummaryDto,
  me: UserDto | undefined,
): Acceptance {
  if (!me) return 'unknown';
  const viewer = { id: me.id, role: me.role, teamIds: me.teams.map((team) => team.id) };
  return conversationInList(filters, viewer, listFactsOfSummary(conversation));
}

/** Whether `a` is listed above `b`, by the order the server pages in. */
function comesBefore(a: ConversationSummaryDto, b: ConversationSummaryDto): boolean {
  return compareListOrder(a, b) < 0;
}

export interface ListUpsert {
  data: ConversationListData;
  /** The client cannot place the conversation: the list should be fetched again. */
  refetch: boolean;
}

/**
 * Puts a changed conversation where it belongs in a loaded list: out if it no longer matches,
 * at its place by activity if it does (a new message moves it to the top), replaced in place
 * if the client cannot tell. An older copy than the one shown is ignored.
 */
export function upsertIntoList(
  data: ConversationListData,
  conversation: ConversationSummaryDto,
  acceptance: Acceptance,
): ListUpsert {
  const shown = data.pages.flatMap((page) => page.items).find((c) => c.id === conversation.id);
  if (shown && shown.lastSeq > conversation.lastSeq) return { data, refetch: false };

  if (acceptance === 'unknown') {
    if (!shown) return { data, refetch: true };
    return {
      data: {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((item) => (item.id === conversation.id ? conversation : item)),
        })),
      },
      refetch: false,
    };
  }

  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.filter((item) => item.id !== conversation.id),
  }));
  if (acceptance === 'yes') {
    const pageIndex = pages.findIndex((page) =>
      page.items.some((item) => comesBefore(conversation, item)),
    );
    const last = pages[pages.length - 1];
    if (pageIndex >= 0) {
      const page = pages[pageIndex];
      if (page) {
        const at = page.items.findIndex((item) => comesBefore(conversation, item));
        const items = [...page.items];
        items.splice(at, 0, conversation);
        pages[pageIndex] = { ...page, items };
      }
    } else if (last && last.nextCursor === null) {
      // Older than everything shown, and nothing more to load: it goes at the end.
      pages[pages.length - 1] = { ...last, items: [...last.items, conversation] };
    }
    // Otherwise it belongs to a page not loaded yet and arrives with it.
  }
  const unchanged = !shown && acceptance === 'no';
  return { data: unchanged ? data : { ...data, pages }, refetch: false };
}

export function findInList(
  data: ConversationListData | undefined,
  id: string,
): ConversationSummaryDto | undefined {
  return data?.pages.flatMap((page) => page.items).find((item) => item.id === id);
}
