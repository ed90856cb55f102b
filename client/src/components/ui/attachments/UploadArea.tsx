import {
  Alert,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Progress,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconUpload, IconX } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { z } from 'zod';
import { isApiError, type UploadProgress } from '../../../lib/api-client.ts';
import { formatBytes, formatPercent } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useUploadAttachment, type AttachmentOwner } from './api.ts';

// the server's default limit (ATTACHMENT_MAX_BYTES), said when its refusal carries no figure
const defaultLimit = 50 * 1024 * 1024;

interface Upload {
  key: number;
  file: File;
  controller: AbortController;
  progress: UploadProgress | null;
  // the refusal in words, once the server said no
  error?: string;
}

function limitFrom(details: unknown): number {
  if (typeof details === 'object' && details !== null) {
    const { limit, maxBytes } = details as { limit?: unknown; maxBytes?: unknown };
    if (typeof limit === 'number') return limit;
    if (typeof maxBytes === 'number') return maxBytes;
  }
  return defaultLimit;
}

// `details` of a 400 VALIDATION: one issue per field (API.md, "Errors")
const fieldIssues = z.array(z.looseObject({ path: z.string(), message: z.string() }));

interface UploadAreaProps {
  owner: AttachmentOwner;
  // with nothing uploaded yet, the drop zone says so
  empty: boolean;
}

// Drag and drop, or a button for keyboard users; each file shows its progress and can be
// cancelled. The server decides from a file's content whether it is accepted, and its refusal is
// said next to the file in words.
export function UploadArea({ owner, empty }: UploadAreaProps) {
  const { t } = useCommonText();
  const upload = useUploadAttachment(owner);
  const [description, setDescription] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const nextKey = useRef(0);
  const openRef = useRef<() => void>(null);

  const change = (key: number, patch: Partial<Upload>) =>
    setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...patch } : u)));
  const remove = (key: number) => setUploads((current) => current.filter((u) => u.key !== key));

  const refusal = (file: File, error: Error) => {
    if (isApiError(error, 'TOO_LARGE')) {
      return t('attachments.tooLarge', {
        size: formatBytes(file.size),
        limit: formatBytes(limitFrom(error.details)),
      });
    }
    if (isApiError(error, 'VALIDATION')) {
      // the server names the type it found, and what it accepts, in the file's issue
      const issues = fieldIssues.safeParse(error.details);
      return issues.success && issues.data.length > 0
        ? issues.data.map((issue) => issue.message).join(' ')
        : t('attachments.wrongType', { message: error.message });
    }
    return error.message;
  };

  const start = (file: File) => {
    const key = nextKey.current++;
    const controller = new AbortController();
    setUploads((current) => [...current, { key, file, controller, progress: null }]);
    upload
      .mutateAsync({
        file,
        description,
        sensitive,
        signal: controller.signal,
        onProgress: (progress) => change(key, { progress }),
      })
      .then(
        () => {
          remove(key);
          notifications.show({
            color: 'green',
            message: t('attachments.uploaded', { name: file.name }),
            closeButtonProps: { 'aria-label': t('actions.hide') },
          });
        },
        (error: Error) => {
          if (controller.signal.aborted) remove(key);
          else change(key, { error: refusal(file, error) });
        },
      );
  };

  const onDrop = (files: File[]) => {
    files.forEach(start);
    setDescription('');
  };

  return (
    <Stack gap="sm">
      <Group align="flex-start" gap="md" wrap="wrap">
        <TextInput
          label={t('attachments.descriptionLabel')}
          description={t('attachments.descriptionHint')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          maxLength={2000}
          style={{ flex: '1 1 18rem' }}
        />
        <Checkbox
          label={t('attachments.sensitiveLabel')}
          description={t('attachments.sensitiveHint')}
          checked={sensitive}
          onChange={(event) => setSensitive(event.currentTarget.checked)}
          mt={{ base: 0, sm: 'lg' }}
          style={{ flex: '1 1 14rem' }}
        />
      </Group>
      <Dropzone
        onDrop={onDrop}
        openRef={openRef}
        activateOnClick={false}
        multiple
        aria-label={t('attachments.drop')}
      >
        <Stack align="center" gap="xs" py="md" ta="center" style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={32} aria-hidden />
          </Dropzone.Accept>
          <Dropzone.Idle>
            <IconFileUpload size={32} aria-hidden />
          </Dropzone.Idle>
          <Text fw={600}>{empty ? t('attachments.empty') : t('attachments.drop')}</Text>
          <Text size="xs" c="dimmed">
            {t('attachments.dropHint')}
          </Text>
          <Button
            variant="default"
            leftSection={<IconUpload size={16} aria-hidden />}
            onClick={() => openRef.current?.()}
            style={{ pointerEvents: 'all' }}
          >
            {t('attachments.choose')}
          </Button>
        </Stack>
      </Dropzone>
      {uploads.map((item) =>
        item.error ? (
          <Alert
            key={item.key}
            color="red"
            role="alert"
            title={t('attachments.refusedTitle', { name: item.file.name })}
            withCloseButton
            closeButtonLabel={t('attachments.dismiss')}
            onClose={() => remove(item.key)}
          >
            {item.error}
          </Alert>
        ) : (
          <Group key={item.key} gap="xs" wrap="nowrap">
            <div style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" role="status" style={{ overflowWrap: 'anywhere' }}>
                {item.progress
                  ? t('attachments.uploading', {
                      name: item.file.name,
                      sent: formatBytes(item.progress.sent),
                      total: formatBytes(item.progress.total),
                      percent: formatPercent(item.progress.sent / item.progress.total),
                    })
                  : t('attachments.waiting', { name: item.file.name })}
              </Text>
              <Progress
                value={item.progress ? (item.progress.sent / item.progress.total) * 100 : 0}
                size="sm"
                mt={4}
                aria-hidden
              />
            </div>
            <CloseButton
              icon={<IconX size={16} aria-hidden />}
              aria-label={t('attachments.cancelUpload', { name: item.file.name })}
              onClick={() => item.controller.abort()}
            />
          </Group>
        ),
      )}
    </Stack>
  );
}
