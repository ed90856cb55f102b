import { useMutation } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../../../lib/api-client.ts';

export async function logout() {
  try {
    await api.post('/auth/logout');
  } catch (error) {
    // already signed out (expired or ended elsewhere): the goal is reached
    if (!isApiError(error, 'UNAUTHENTICATED')) throw error;
  }
  setCsrfToken(undefined);
}

export const useLogout = () => useMutation({ mutationFn: logout });
