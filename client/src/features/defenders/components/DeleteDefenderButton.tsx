import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useCommonText } from '../../../lib/i18n.ts';
import { useDeleteDefender } from '../api/delete-defender.ts';
import { useDefendersText } from '../i18n/index.ts';
import { notify } from './notify.ts';

// Deletes are soft (an administrator can restore), but the defender leaves every list and
// search at once, so the user confirms first.
export function DeleteDefenderButton({ id, name }: { id: string; name: string }) {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const navigate = useNavigate();
  const remove = useDeleteDefender();

  const confirm = () =>
    modals.openConfirmModal({
      title: t('delete.title', { name }),
      children: <Text size="sm">{t('delete.text')}</Text>,
      labels: { confirm: t('delete.confirm'), cancel: common('actions.cancel') },
      // the shade keeps white text at AA contrast in both schemes
      confirmProps: { color: 'red.9' },
      // Cancel and Escape close it; a second, unnamed close button would only add noise
      withCloseButton: false,
      onConfirm: () =>
        remove.mutate(id, {
          onSuccess: () => {
            notify({ color: 'green', message: t('delete.done', { name }) });
            void navigate('/defenders');
          },
          onError: (error) =>
            notify({
              color: 'red',
              title: t('delete.failed'),
              message: error.message,
            }),
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
