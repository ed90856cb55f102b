import { ActionIcon, Group, RingProgress, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconEye, IconTrash, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { AttachmentOutput, AttachmentVariant } from '@vigil/shared/schemas/attachments';
import { useRef, useState } from 'react';
import type { DownloadProgress } from '../../../lib/api-client.ts';
import { saveBlob } from '../../../lib/download.ts';
import { formatPercent } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { getAttachmentContent, useDeleteAttachment, type AttachmentOwner } from './api.ts';
import { viewerKind } from './media-types.ts';

interface AttachmentActionsProps {
  owner: AttachmentOwner;
  attachment: AttachmentOutput;
  // the copy the caller may have; undefined: none
  variant: AttachmentVariant | undefined;
  canDelete: boolean;
  onView: () => void;
}

// View, download (with its progress and a way to cancel) and delete one file.
export function AttachmentActions({
  owner,
  attachment,
  variant,
  canDelete,
  onView,
}: AttachmentActionsProps) {
  const { t } = useCommonText();
  const { name } = attachment;
  const remove = useDeleteAttachment(owner);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const download = useMutation({
    mutationFn: async (copy: AttachmentVariant) => {
      controller.current = new AbortController();
      setProgress(null);
      const file = await getAttachmentContent(attachment.id, copy, {
        signal: controller.current.signal,
        onProgress: setProgress,
      });
      saveBlob(file.blob, file.filename ?? name);
    },
    onError: (error) => {
      if (controller.current?.signal.aborted) return;
      notifications.show({
        color: 'red',
        message: t('attachments.downloadFailed', { name, message: error.message }),
        autoClose: false,
        closeButtonProps: { 'aria-label': t('actions.hide') },
      });
    },
  });

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('attachments.deleteTitle'),
      children: <Text size="sm">{t('attachments.deleteText', { name })}</Text>,
      labels: { confirm: t('attachments.deleteConfirm'), cancel: t('actions.cancel') },
      confirmProps: { color: 'red.9' },
      closeButtonProps: { 'aria-label': t('actions.cancel') },
      onConfirm: () =>
        remove.mutate(attachment.id, {
          onSuccess: () =>
            notifications.show({
              color: 'green',
              message: t('attachments.deleted', { name }),
              closeButtonProps: { 'aria-label': t('actions.hide') },
            }),
          onError: (error) =>
            notifications.show({
              color: 'red',
              message: t('attachments.deleteFailed', { name, message: error.message }),
              closeButtonProps: { 'aria-label': t('actions.hide') },
            }),
        }),
    });

  const ratio = progress?.total ? progress.received / progress.total : undefined;
  return (
    <Group gap={4} wrap="nowrap">
      {variant && viewerKind(attachment.mediaType) && (
        <Tooltip label={t('attachments.view', { name })}>
          <ActionIcon
            variant="subtle"
            aria-label={t('attachments.view', { name })}
            onClick={onView}
          >
            <IconEye size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      {variant &&
        (download.isPending ? (
          <Group gap={4} wrap="nowrap">
            <RingProgress
              size={28}
              thickness={3}
              sections={[{ value: (ratio ?? 0) * 100, color: 'blue' }]}
              aria-hidden
            />
            <VisuallyHidden role="status">
              {t('attachments.downloading', { name, percent: formatPercent(ratio ?? 0) })}
            </VisuallyHidden>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('attachments.cancelDownload', { name })}
              onClick={() => controller.current?.abort()}
            >
              <IconX size={18} aria-hidden />
            </ActionIcon>
          </Group>
        ) : (
          <Tooltip label={t('attachments.download', { name })}>
            <ActionIcon
              variant="subtle"
              aria-label={t('attachments.download', { name })}
              onClick={() => download.mutate(variant)}
            >
              <IconDownload size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        ))}
      {!variant && (
        <Text size="xs" c="dimmed">
          {t('attachments.noDownload')}
        </Text>
      )}
      {canDelete && (
        <Tooltip label={t('attachments.delete', { name })}>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('attachments.delete', { name })}
            onClick={confirmDelete}
            loading={remove.isPending}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
