import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client.ts';

interface QueryClientOptions {
  // called for any query or mutation answered 401: the session is gone
  onUnauthenticated: () => void;
}

// 4xx answers do not change on a retry; network failures and 5xx may.
function shouldRetry(failureCount: number, error: unknown) {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient({ onUnauthenticated }: QueryClientOptions) {
  const onError = (error: unknown) => {
    if (isApiError(error, 'UNAUTHENTICATED')) onUnauthenticated();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
