import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { meOutput, type MeOutput } from '@vigil/shared/schemas/auth';
import { api, isApiError, setCsrfToken } from '../../../lib/api-client.ts';

export const authKeys = {
  all: ['auth'] as const,
  me: () => [...authKeys.all, 'me'] as const,
};

// The session, or null when there is none: "signed out" is an answer here, not an error.
export async function getMe(signal?: AbortSignal): Promise<MeOutput | null> {
  try {
    const session = await api.get('/auth/me', meOutput, signal);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED')) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe(signal),
  });

export const useMe = () => useQuery(getMeQueryOptions());

export function hasSession(queryClient: QueryClient): boolean {
  return Boolean(queryClient.getQueryData(authKeys.me()));
}

// A 401 on a signed-in page: forget the session and everything read under it. The signed-in
// layout sees the null session and sends the user to the sign-in page.
export function endSession(queryClient: QueryClient) {
  if (!hasSession(queryClient)) return;
  setCsrfToken(undefined);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  queryClient.setQueryData(authKeys.me(), null);
}
