import { useMutation, useQueryClient } from '@tanstack/react-query';
import { loginOutput, type ChangePasswordInput } from '@vigil/shared/schemas/auth';
import { api, setCsrfToken } from '../../../lib/api-client.ts';
import { authKeys } from './get-me.ts';

// Every session of the user ends on the server; this tab carries on in the fresh one that comes
// back (its cookie set by the answer, its CSRF token here).
export async function changePassword(input: ChangePasswordInput) {
  const session = await api.post('/auth/password', input, loginOutput);
  setCsrfToken(session.csrfToken);
  return session;
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
