import { Button, Menu, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconKey,
  IconPencil,
  IconUserCheck,
  IconUserOff,
} from '@tabler/icons-react';
import type { UserOutput } from '@vigil/shared/schemas/users';
import { isApiError } from '../../../lib/api-client.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { useUsersText } from '../i18n/index.ts';

interface UserActionsProps {
  user: UserOutput;
  onEdit: (user: UserOutput) => void;
  // once confirmed: the page resets the password and hands the new one over, so that a row
  // drawn again (a table turned into cards) loses nothing
  onResetPassword: (user: UserOutput) => void;
}

// What an administrator may do to one account; deactivating, reactivating and resetting the
// password ask first.
export function UserActions({ user, onEdit, onResetPassword }: UserActionsProps) {
  const { t } = useUsersText();
  const common = useCommonText();
  const me = useSessionUser();
  const update = useUpdateUser();
  const name = user.name;

  const resetPassword = () =>
    modals.openConfirmModal({
      title: t('reset.title', { name }),
      children: <Text size="sm">{t('reset.text', { name })}</Text>,
      labels: { confirm: t('reset.confirm'), cancel: common.t('actions.cancel') },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': t('form.close') },
      onConfirm: () => onResetPassword(user),
    });

  const setActive = (active: boolean) => {
    const step = active ? 'reactivate' : 'deactivate';
    modals.openConfirmModal({
      title: t(`${step}.title`, { name }),
      children: <Text size="sm">{t(`${step}.text`, { name })}</Text>,
      labels: { confirm: t(`${step}.confirm`), cancel: common.t('actions.cancel') },
      confirmProps: { color: active ? 'vigil' : 'red' },
      closeButtonProps: { 'aria-label': t('form.close') },
      onConfirm: () =>
        update.mutate(
          { id: user.id, version: user.version, active },
          {
            onSuccess: () =>
              notifications.show({
                closeButtonProps: { 'aria-label': t('form.close') },
                color: 'green',
                message: t(`${step}.done`, { name }),
              }),
            onError: (error) =>
              notifications.show({
                closeButtonProps: { 'aria-label': t('form.close') },
                color: 'red',
                message: isApiError(error, 'CONFLICT')
                  ? t('form.conflict')
                  : t('form.failed', { message: error.message }),
              }),
          },
        ),
    });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="compact-sm"
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={update.isPending}
          aria-label={`${common.t('actions.edit')}: ${name}`}
        >
          {common.t('actions.edit')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => onEdit(user)}>
          {t('actions.edit')}
        </Menu.Item>
        {user.id !== me.id && (
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={resetPassword}>
            {t('actions.resetPassword')}
          </Menu.Item>
        )}
        {user.id !== me.id &&
          (user.active ? (
            <Menu.Item
              color="red"
              leftSection={<IconUserOff size={16} aria-hidden />}
              onClick={() => setActive(false)}
            >
              {t('actions.deactivate')}
            </Menu.Item>
          ) : (
            <Menu.Item
              leftSection={<IconUserCheck size={16} aria-hidden />}
              onClick={() => setActive(true)}
            >
              {t('actions.reactivate')}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}
