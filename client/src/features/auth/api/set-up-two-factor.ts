import { useMutation } from '@tanstack/react-query';
import { twoFactorSetupOutput, type TwoFactorSetupInput } from '@vigil/shared/schemas/auth';
import { api } from '../../../lib/api-client.ts';

// A new secret for the authenticator app, pending until a first code confirms it.
export const setUpTwoFactor = (input: TwoFactorSetupInput) =>
  api.post('/auth/two-factor/setup', input, twoFactorSetupOutput);

export const useSetUpTwoFactor = () => useMutation({ mutationFn: setUpTwoFactor });
