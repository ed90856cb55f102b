import { ActionIcon, Tooltip } from '@mantine/core';
import { IconKey, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAuthText } from '../i18n/index.ts';
import { changePasswordPath, twoFactorPath } from '../paths.ts';

interface TopBarLinkProps {
  to: string;
  label: string;
  icon: ReactNode;
  visibleFrom?: 'sm';
}

function TopBarLink({ to, label, icon, visibleFrom }: TopBarLinkProps) {
  return (
    <Tooltip label={label}>
      <ActionIcon
        visibleFrom={visibleFrom}
        component={Link}
        to={to}
        variant="default"
        size="lg"
        aria-label={label}
        // focus left on it would keep its tooltip open over the page it opened
        onClick={(event) => event.currentTarget.blur()}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}

// The top bar's ways to the signed-in user's own password and two-factor sign-in. A phone's top
// bar has no room for both: there, the password page links to two-factor sign-in.
export function AccountLink() {
  const { t } = useAuthText();
  return (
    <>
      <TopBarLink
        to={changePasswordPath}
        label={t('account.changePassword')}
        icon={<IconKey size={18} aria-hidden />}
      />
      <TopBarLink
        to={twoFactorPath}
        label={t('account.twoFactor')}
        visibleFrom="sm"
        icon={<IconShieldLock size={18} aria-hidden />}
      />
    </>
  );
}
