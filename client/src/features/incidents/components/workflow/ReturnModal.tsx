import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { transitionIncidentInput } from '@vigil/shared/schemas/incidents';
import { useForm } from 'react-hook-form';
import { useIncidentsText } from '../../i18n/index.ts';

interface ReturnModalProps {
  opened: boolean;
  reference: string;
  version: number;
  onClose: () => void;
  // resolves true when the incident went back, so that the modal can close
  onReturn: (comment: string) => Promise<boolean>;
  // why the last attempt was refused, shown where the user is looking
  failure?: string | undefined;
}

// A return always says why (the contract refuses one without a comment): the researcher reads
// it on their home page and fixes the draft.
export function ReturnModal({
  opened,
  reference,
  version,
  onClose,
  onReturn,
  failure,
}: ReturnModalProps) {
  const { t } = useIncidentsText();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(transitionIncidentInput),
    values: { to: 'DRAFT' as const, version, comment: undefined as string | undefined },
  });

  const close = () => {
    reset();
    onClose();
  };
  const onSubmit = handleSubmit(async ({ comment }) => {
    if (comment !== undefined && (await onReturn(comment))) close();
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('workflow.returnModal.title', { reference })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('actions.cancel', { ns: 'common' }) }}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Text size="sm">{t('workflow.returnModal.text')}</Text>
          {failure && (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {failure}
            </Alert>
          )}
          <Textarea
            label={t('workflow.returnModal.comment')}
            required
            autosize
            minRows={4}
            maxRows={12}
            maxLength={5000}
            data-autofocus
            error={errors.comment ? t('workflow.returnModal.commentRequired') : undefined}
            {...register('comment', {
              setValueAs: (value: string) => (value.trim() === '' ? undefined : value),
            })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('actions.cancel', { ns: 'common' })}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('workflow.returnModal.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
