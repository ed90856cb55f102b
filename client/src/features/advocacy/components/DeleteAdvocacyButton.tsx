import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useCommonText } from '../../../lib/i18n.ts';
import { useDeleteAdvocacyAction } from '../api/delete-advocacy-action.ts';
import { useAdvocacyText } from '../i18n/index.ts';

// Deletes are soft (an administrator can restore), but the action leaves every list at once,
// so the user confirms first.
export function DeleteAdvocacyButton({ id, title }: { id: string; title: string }) {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;
  const navigate = useNavigate();
  const remove = useDeleteAdvocacyAction();

  const confirm = () =>
    modals.openConfirmModal({
      title: t('delete.title'),
      children: <Text size="sm">{t('delete.text', { title })}</Text>,
      labels: { confirm: t('delete.confirm'), cancel: common('actions.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(id, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('delete.done', { title }) });
            void navigate('/advocacy');
          },
          onError: (error) =>
            notifications.show({ color: 'red', title: t('delete.failed'), message: error.message }),
        }),
    });

  return (
    <Button
      variant="default"
      color="red"
      leftSection={<IconTrash size={16} aria-hidden />}
      onClick={confirm}
      loading={remove.isPending}
    >
      {common('actions.delete')}
    </Button>
  );
}
