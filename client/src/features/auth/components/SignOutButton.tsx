import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useCommonText } from '../../../lib/i18n.ts';
import { useLogout } from '../api/logout.ts';

export function SignOutButton() {
  const { t } = useCommonText();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => {
        // nothing read or typed under this session may outlive it: not in memory, not in the
        // tab's storage (unsaved form typing lives there), so a seized laptop holds no case data
        queryClient.clear();
        sessionStorage.clear();
        void navigate('/login', { replace: true });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          message: t('app.signOutFailed', { message: error.message }),
        }),
    });

  return (
    <Button variant="default" size="xs" onClick={signOut} loading={logout.isPending}>
      {t('app.signOut')}
    </Button>
  );
}
