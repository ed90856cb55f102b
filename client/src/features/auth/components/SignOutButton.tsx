import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/ui/Alert.tsx';
import { useLogout } from '../api/logout.ts';

export function SignOutButton() {
  const logout = useLogout();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => {
        // nothing read under this session may outlive it in memory
        queryClient.clear();
        void navigate('/login', { replace: true });
      },
    });

  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        onClick={signOut}
        disabled={logout.isPending}
      >
        Sign out
      </button>
      {logout.isError && <Alert tone="error">Could not sign out: {logout.error.message}</Alert>}
    </>
  );
}
