import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TwoFactorConfirmInput } from '@vigil/shared/schemas/auth';
import { api } from '../../../lib/api-client.ts';
import { authKeys } from './get-me.ts';

export const disableTwoFactor = (input: TwoFactorConfirmInput) =>
  api.post('/auth/two-factor/disable', input);

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableTwoFactor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
