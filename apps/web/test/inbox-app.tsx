import { act, screen } from '@testing-library/react';
import type { ConversationCountsDto, TimelineEntryDto, UserDto } from '@touchpoint/shared';
import { installApi, type RouteHandler, type Routes } from './fake-api';
import type { FakeSocket } from './fake-socket';
import { signIn, userDto } from './fixtures';
import {
  conversationDto,
  conversationSummary,
  replyChannelOptions,
  timelineDto,
} from './inbox-fixtures';
import { renderApp } from './render-app';

export const ANNA = userDto();

export const COUNTS: ConversationCountsDto = {
  mine: 2,
  unassigned: 3,
  team: 4,
  participating: 1,
  all: 0,
  teams: {},
};

/** The inbox API of a quiet day: one open conversation, an empty timeline. */
export function inboxRoutes(overrides: Routes = {}, me: UserDto = ANNA): Routes {
  return {
    'GET /api/me': () => me,
    'GET /api/conversations/counts': () => COUNTS,
    'GET /api/conversations': () => ({ items: [conversationSummary()], nextCursor: null }),
    'GET /api/conversations/:id': () => conversationDto(),
    'GET /api/conversations/:id/timeline': () => timelineDto([]),
    'GET /api/conversations/:id/reply-channels': () => replyChannelOptions(),
    ...overrides,
  };
}

/**
 * A timeline endpoint over a list the test may grow, as the server pages it: what came `after`,
 * or the newest `limit` entries below `before` (with `hasMore` when older ones remain).
 */
export function timelineOf(all: TimelineEntryDto[]): RouteHandler {
  return (request) => {
    const before = request.query.get('before');
    if (before !== null) {
      const below = all.filter((entry) => entry.seq < Number(before));
      const limit = Number(request.query.get('limit') ?? '200');
      return timelineDto(below.slice(-limit), below.length > limit);
    }
    const after = Number(request.query.get('after') ?? '0');
    return timelineDto(all.filter((entry) => entry.seq > after));
  };
}

/** Signs in, renders the app at `path` with these routes and a connected socket. */
export async function renderInbox(path: string, routes: Routes = inboxRoutes()) {
  signIn();
  const network = installApi(routes);
  const app = renderApp(path);
  await screen.findByTestId('page-inbox');
  const socket: FakeSocket | undefined = app.sockets[0];
  if (!socket) throw new Error('the app opened no socket');
  act(() => socket.accept());
  return { ...app, network, socket };
}

/** The server pushes an event (inside act, as React must see its effects). */
export function serverPush(socket: FakeSocket, event: string, payload: unknown) {
  act(() => socket.deliver(event, payload));
}
