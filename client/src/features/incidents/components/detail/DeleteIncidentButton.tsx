import { Button, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { useNavigate } from 'react-router';
import { useDeleteIncident } from '../../api/delete-incident.ts';
import { useIncidentsText } from '../../i18n/index.ts';

// A soft delete, confirmed first: the incident leaves every list and an administrator can
// restore it.
export function DeleteIncidentButton({ incident }: { incident: IncidentOutput }) {
  const { t } = useIncidentsText();
  const navigate = useNavigate();
  const remove = useDeleteIncident();
  const { reference } = incident;

  const confirm = () =>
    modals.openConfirmModal({
      title: t('detail.delete.title'),
      children: <Text size="sm">{t('detail.delete.text', { reference })}</Text>,
      labels: {
        confirm: t('detail.delete.confirm'),
        cancel: t('actions.cancel', { ns: 'common' }),
      },
      confirmProps: { color: 'red.9' },
      closeButtonProps: { 'aria-label': t('actions.cancel', { ns: 'common' }) },
      onConfirm: () => {
        remove.mutate(incident.id, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('detail.delete.done', { reference }) });
            void navigate('/incidents', { replace: true });
          },
          onError: (error) =>
            notifications.show({
              color: 'red',
              message: t('detail.delete.failed', { message: error.message }),
            }),
        });
      },
    });

  return (
    <Button
      variant="subtle"
      color="red"
      leftSection={<IconTrash size={16} aria-hidden />}
      onClick={confirm}
      loading={remove.isPending}
    >
      {t('detail.delete.button')}
    </Button>
  );
}
