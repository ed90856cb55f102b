import { useMutation } from '@tanstack/react-query';
import { recoveryCodesOutput, type TwoFactorEnableInput } from '@vigil/shared/schemas/auth';
import { api } from '../../../lib/api-client.ts';

// The first code from the app turns two-factor sign-in on; the recovery codes come this once.
// The session is refreshed by the page only once they are saved: refreshing now would open a
// required user's other pages before that.
export const enableTwoFactor = (input: TwoFactorEnableInput) =>
  api.post('/auth/two-factor/enable', input, recoveryCodesOutput);

export const useEnableTwoFactor = () => useMutation({ mutationFn: enableTwoFactor });
