import { useMutation } from '@tanstack/react-query';
import { loginOutput, type LoginInput } from '@vigil/shared/schemas/auth';
import { api, setCsrfToken } from '../../../lib/api-client.ts';

export async function login(input: LoginInput) {
  const session = await api.post('/auth/login', input, loginOutput);
  setCsrfToken(session.csrfToken);
  return session;
}

export const useLogin = () => useMutation({ mutationFn: login });
