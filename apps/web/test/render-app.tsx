import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router-dom';
import { App } from '../src/app/App';
import { createQueryClient } from '../src/app/query-client';
import { appRoutes } from '../src/app/routes';
import { RealtimeConnection } from '../src/api/socket';
import { sessionNoticeStore } from '../src/modules/auth/states/session-notice.store';
import { createI18n } from '../src/lib/i18n';
import { FakeSocket } from './fake-socket';

export interface RenderAppOptions {
  sockets?: FakeSocket[];
  /** How a connection gets a new token when the server refuses or ends its own; default: it does. */
  renewAccessToken?: () => Promise<boolean>;
}

/** Renders the whole app at `path`, with a fake socket behind each realtime connection. */
export function renderApp(path: string, options: RenderAppOptions = {}) {
  const sockets = options.sockets ?? [];
  const connections: RealtimeConnection[] = [];
  const createConnection = () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    const connection = new RealtimeConnection({
      socket,
      renewAccessToken: options.renewAccessToken ?? (async () => true),
      onSessionOver: (reason) => sessionNoticeStore.set(reason),
    });
    connections.push(connection);
    return connection;
  };
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const i18n = createI18n();
  const queryClient = createQueryClient();
  const user = userEvent.setup();
  const view = render(
    <App
      router={router}
      i18n={i18n}
      queryClient={queryClient}
      createRealtimeConnection={createConnection}
    />,
  );
  return { ...view, router, i18n, queryClient, user, sockets, connections };
}
