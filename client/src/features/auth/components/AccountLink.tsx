import { ActionIcon, Tooltip } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useAuthText } from '../i18n/index.ts';

const changePasswordPath = '/account/password';

// The top bar's way to the signed-in user's own password.
export function AccountLink() {
  const { t } = useAuthText();
  return (
    <Tooltip label={t('account.changePassword')}>
      <ActionIcon
        component={Link}
        to={changePasswordPath}
        variant="default"
        size="lg"
        aria-label={t('account.changePassword')}
        // focus left on it would keep its tooltip open over the page it opened
        onClick={(event) => event.currentTarget.blur()}
      >
        <IconKey size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
