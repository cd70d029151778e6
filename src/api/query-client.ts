import { QueryClient } from '@tanstack/react-query';

/** The query client of the app and of each embed: the same retry rule for both. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A 4xx will not get better by asking again; network trouble and 5xx might.
      queries: { retry: (count, error) => count < 2 && !(error instanceof Error && 'status' in error && Number(error.status) >= 400 && Number(error.status) < 500) },
    },
  });
}
