import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { createQueryClient } from '../api/query-client';
import type { ApiClient } from '../api/transport';

const ApiClientContext = createContext<ApiClient | null>(null);

/** The Mailbox API client of this app (standalone or embedded). */
export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error('useApiClient must be used inside <AppProviders>');
  return client;
}

export { createQueryClient };

/** `queryClient`: the app's own when it starts requests before rendering (main.tsx); a new one otherwise. */
export function AppProviders({ api, queryClient: given, children }: { api: ApiClient; queryClient?: QueryClient; children: ReactNode }) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  return (
    <ApiClientContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ApiClientContext.Provider>
  );
}
