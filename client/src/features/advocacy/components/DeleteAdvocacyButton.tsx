import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useCommonText } from '../../../lib/i18n.ts';
import { useDeleteAdvocacyAction } from '../api/delete-advocacy-action.ts';
import { useAdvocacyText } from '../i18n/index.ts';
import { notify } from './notify.ts';

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
      // the shade keeps white text at AA contrast in both schemes
      confirmProps: { color: 'red.9' },
      // Cancel and Escape close it; a second, unnamed close button would only add noise
      withCloseButton: false,
      onConfirm: () =>
        remove.mutate(id, {
          onSuccess: () => {
            notify({ color: 'green', message: t('delete.done', { title }) });
            void navigate('/advocacy');
          },
          onError: (error) =>
            notify({ color: 'red', title: t('delete.failed'), message: error.message }),
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
