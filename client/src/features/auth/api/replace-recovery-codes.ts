import { useMutation } from '@tanstack/react-query';
import { recoveryCodesOutput, type TwoFactorConfirmInput } from '@vigil/shared/schemas/auth';
import { api } from '../../../lib/api-client.ts';

// Ten new recovery codes, every earlier one void.
export const replaceRecoveryCodes = (input: TwoFactorConfirmInput) =>
  api.post('/auth/two-factor/recovery-codes', input, recoveryCodesOutput);

export const useReplaceRecoveryCodes = () => useMutation({ mutationFn: replaceRecoveryCodes });
