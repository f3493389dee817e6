import type { QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { RouterProvider, type createBrowserRouter } from 'react-router-dom';
import type { RealtimeConnectionFactory } from '../modules/realtime/components/RealtimeProvider';
import { AppProviders } from './AppProviders';

export type AppRouter = ReturnType<typeof createBrowserRouter>;

export interface AppProps {
  router: AppRouter;
  i18n: I18n;
  queryClient: QueryClient;
  createRealtimeConnection?: RealtimeConnectionFactory;
}

export function App({ router, i18n, queryClient, createRealtimeConnection }: AppProps) {
  return (
    <AppProviders
      i18n={i18n}
      queryClient={queryClient}
      createRealtimeConnection={createRealtimeConnection}
    >
      <RouterProvider router={router} />
    </AppProviders>
  );
}
