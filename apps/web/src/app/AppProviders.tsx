import { useEffect, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { sessionStore } from '../modules/auth/states/session.store';
import { resetInboxState } from '../modules/inbox/states/reset-inbox-state';
import {
  RealtimeProvider,
  type RealtimeConnectionFactory,
} from '../modules/realtime/components/RealtimeProvider';
import { ThemeEffect } from '../modules/theme/effects/ThemeEffect';

export interface AppProvidersProps {
  i18n: I18n;
  queryClient: QueryClient;
  createRealtimeConnection?: RealtimeConnectionFactory;
  children: ReactNode;
}

/**
 * Forgets all server state and UI state (drafts, filters) when the session ends (sign-out, or
 * a refresh the server refused).
 */
function useClearCacheWhenSignedOut(queryClient: QueryClient) {
  useEffect(
    () =>
      sessionStore.subscribe(() => {
        if (sessionStore.get()) return;
        queryClient.clear();
        resetInboxState();
      }),
    [queryClient],
  );
}

export function AppProviders({
  i18n,
  queryClient,
  createRealtimeConnection,
  children,
}: AppProvidersProps) {
  useClearCacheWhenSignedOut(queryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ThemeEffect />
        <RealtimeProvider createConnection={createRealtimeConnection}>{children}</RealtimeProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
