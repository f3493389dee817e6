import { act, screen, waitFor, within } from '@testing-library/react';
import {
  CONVERSATION_TYPING_TTL_MS,
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  type ConversationTypingPayload,
  type UserRefDto,
} from '@touchpoint/shared';
import { installApi, type Routes } from '../../../../test/fake-api';
import { signIn } from '../../../../test/fixtures';
import { ANNA_REF, BEN_REF, SVEN_REF } from '../../../../test/handoff-fixtures';
import { inboxRoutes, serverPush } from '../../../../test/inbox-app';
import { CONTACT_ID, CONVERSATION_ID } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';

const THREAD = `/inbox/${CONVERSATION_ID}`;

/** Opens the thread; the server answers the join with who has it open (Anna, the user, too). */
async function openThread(viewers: UserRefDto[] = [ANNA_REF], routes: Routes = inboxRoutes()) {
  signIn();
  const network = installApi(routes);
  const app = renderApp(THREAD);
  await screen.findByTestId('page-inbox');
  const socket = app.sockets[0];
  if (!socket) throw new Error('the app opened no socket');
  socket.respondToAck = (event) =>
    event === REALTIME_JOIN_CONVERSATION ? { ok: true, viewers } : { ok: true };
  act(() => socket.accept());
  await screen.findByTestId('thread-contact');
  return { ...app, network, socket };
}

function typing(author: ConversationTypingPayload['author'], on = true): ConversationTypingPayload {
  return { conversationId: CONVERSATION_ID, typing: on, author };
}

const BEN_TYPING = { type: 'user', ...BEN_REF } as const;

describe('Who is in the conversation', () => {
  describe('viewers', () => {
    it('shows the colleagues who have it open, not the user, and follows them live', async () => {
      const { socket } = await openThread([ANNA_REF, BEN_REF]);

      const viewers = await screen.findByTestId('conversation-viewers');
      expect(viewers).toHaveTextContent('Ben Busy is viewing');
      expect(within(viewers).getAllByTestId('viewer')).toHaveLength(1);
      expect(within(viewers).getByTitle('Ben Busy')).toBeInTheDocument();
      expect(within(viewers).queryByTitle('Anna Agent')).not.toBeInTheDocument();

      serverPush(socket, REALTIME_EVENTS.conversationViewers, {
        conversationId: CONVERSATION_ID,
        viewers: [ANNA_REF, BEN_REF, SVEN_REF],
      });
      await waitFor(() =>
        expect(screen.getByTestId('conversation-viewers')).toHaveTextContent(
          'Ben Busy and Sven Sales are viewing',
        ),
      );
      expect(screen.getAllByTestId('viewer')).toHaveLength(2);

      serverPush(socket, REALTIME_EVENTS.conversationViewers, {
        conversationId: CONVERSATION_ID,
        viewers: [ANNA_REF],
      });
      await waitFor(() =>
        expect(screen.queryByTestId('conversation-viewers')).not.toBeInTheDocument(),
      );
    });

    it('shows nobody while the user is alone, and ignores other conversations', async () => {
      const { socket } = await openThread([ANNA_REF]);
      expect(screen.queryByTestId('conversation-viewers')).not.toBeInTheDocument();
      serverPush(socket, REALTIME_EVENTS.conversationViewers, {
        conversationId: 'c0000000-0000-4000-8000-000000000099',
        viewers: [ANNA_REF, BEN_REF],
      });
      serverPush(socket, REALTIME_EVENTS.conversationViewers, {
        conversationId: CONVERSATION_ID,
        viewers: [ANNA_REF, SVEN_REF],
      });
      const viewers = await screen.findByTestId('conversation-viewers');
      expect(viewers).toHaveTextContent('Sven Sales is viewing');
      expect(viewers).not.toHaveTextContent('Ben Busy');
    });

    it('forgets the viewers when the connection drops (nothing keeps them current)', async () => {
      const { socket } = await openThread([ANNA_REF, BEN_REF]);
      await screen.findByTestId('conversation-viewers');
      act(() => socket.drop());
      await waitFor(() =>
        expect(screen.queryByTestId('conversation-viewers')).not.toBeInTheDocument(),
      );
    });

    it('speaks German', async () => {
      jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
      await openThread([ANNA_REF, BEN_REF, SVEN_REF]);
      expect(await screen.findByTestId('conversation-viewers')).toHaveTextContent(
        'Ben Busy und Sven Sales sehen sich das gerade an',
      );
    });
  });

  describe('typing', () => {
    beforeEach(() => jest.useFakeTimers({ advanceTimers: true }));
    afterEach(() => jest.useRealTimers());

    const indicator = () => screen.getByTestId('typing-indicator');

    it('shows a colleague typing until the TTL passes without news', async () => {
      const { socket } = await openThread();
      expect(indicator()).toBeEmptyDOMElement();

      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing(BEN_TYPING));
      await waitFor(() => expect(indicator()).toHaveTextContent('Ben Busy is typing…'));

      // News within the TTL keeps it up past the first deadline.
      act(() => jest.advanceTimersByTime(CONVERSATION_TYPING_TTL_MS - 1000));
      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing(BEN_TYPING));
      act(() => jest.advanceTimersByTime(CONVERSATION_TYPING_TTL_MS - 1000));
      expect(indicator()).toHaveTextContent('Ben Busy is typing…');

      act(() => jest.advanceTimersByTime(1500));
      expect(indicator()).toHaveTextContent('');
      expect(indicator()).toBeEmptyDOMElement();
    });

    it('hides at once on typing: false', async () => {
      const { socket } = await openThread();
      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing(BEN_TYPING));
      await waitFor(() => expect(indicator()).toHaveTextContent('Ben Busy is typing…'));
      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing(BEN_TYPING, false));
      await waitFor(() => expect(indicator()).toBeEmptyDOMElement());
    });

    it('names the website-chat customer as the customer, and several people at once', async () => {
      const { socket } = await openThread();
      const clara = { type: 'contact', id: CONTACT_ID, name: 'Clara Customer' } as const;
      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing(clara));
      await waitFor(() =>
        expect(indicator()).toHaveTextContent('Clara Customer (customer) is typing…'),
      );

      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing(BEN_TYPING));
      await waitFor(() =>
        expect(indicator()).toHaveTextContent('Clara Customer and Ben Busy are typing…'),
      );
    });

    it("ignores the user's own typing (from another tab) and other conversations", async () => {
      const { socket } = await openThread();
      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing({ type: 'user', ...ANNA_REF }));
      serverPush(socket, REALTIME_EVENTS.conversationTyping, {
        ...typing(BEN_TYPING),
        conversationId: 'c0000000-0000-4000-8000-000000000099',
      });
      // A colleague's typing afterwards shows: the two before it really were ignored.
      serverPush(socket, REALTIME_EVENTS.conversationTyping, typing(BEN_TYPING));
      await waitFor(() => expect(indicator()).toHaveTextContent('Ben Busy is typing…'));
      expect(indicator()).not.toHaveTextContent('Anna');
    });
  });
});
