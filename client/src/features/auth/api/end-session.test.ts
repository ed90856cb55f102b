import { describe, expect, it } from 'vitest';
import type { MeOutput } from '@vigil/shared/schemas/auth';
import { ApiError } from '../../../lib/api-client.ts';
import { createQueryClient } from '../../../lib/query-client.ts';
import { authKeys, endSession } from './get-me.ts';

const session: MeOutput = {
  user: {
    id: '6d0f2c1e-8a4b-4c3d-9e2f-1a2b3c4d5e6f',
    email: 'someone@example.test',
    name: 'Someone',
    role: 'RESEARCHER',
    countries: ['KH'],
  },
  csrfToken: 'token',
  rules: [],
  twoFactor: { enabled: false, required: false },
};

function signedInClient() {
  const queryClient = createQueryClient({ onUnauthenticated: () => endSession(queryClient) });
  queryClient.setQueryData(authKeys.me(), session);
  queryClient.setQueryData(['defenders', 'list'], { items: ['someone at risk'] });
  return queryClient;
}

const unauthenticated = () =>
  Promise.reject(new ApiError(401, 'UNAUTHENTICATED', 'Please sign in'));

describe('endSession', () => {
  it('when any query is answered 401, then the cached session becomes null and the data read under it is dropped', async () => {
    const queryClient = signedInClient();
    await queryClient
      .fetchQuery({ queryKey: ['incidents', 'list'], queryFn: unauthenticated })
      .catch(() => undefined);
    expect(queryClient.getQueryData(authKeys.me())).toBeNull();
    expect(queryClient.getQueryData(['defenders', 'list'])).toBeUndefined();
  });

  it('when a mutation is answered 401, then the session ends the same way', async () => {
    const queryClient = signedInClient();
    await queryClient
      .getMutationCache()
      .build(queryClient, { mutationFn: unauthenticated })
      .execute(undefined)
      .catch(() => undefined);
    expect(queryClient.getQueryData(authKeys.me())).toBeNull();
  });

  it('when a query fails for another reason, then the session stays', async () => {
    const queryClient = signedInClient();
    await queryClient
      .fetchQuery({
        queryKey: ['incidents', 'list'],
        queryFn: () => Promise.reject(new ApiError(403, 'FORBIDDEN', 'No')),
      })
      .catch(() => undefined);
    expect(queryClient.getQueryData(authKeys.me())).toEqual(session);
  });
});
