import { useMutation } from '@tanstack/react-query';
import type { ResetPasswordInput } from '@vigil/shared/schemas/users';
import { api } from '../../../lib/api-client.ts';

// A new one-time password for someone else's account; every session of theirs ends.
export function resetPassword({ id, ...input }: ResetPasswordInput & { id: string }) {
  return api.post(`/users/${encodeURIComponent(id)}/password`, input);
}

export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
