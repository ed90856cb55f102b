import { Alert, Center, Image, Loader, Modal, Stack, Text } from '@mantine/core';
import type { AttachmentOutput } from '@vigil/shared/schemas/attachments';
import { useState } from 'react';
import { ErrorState } from '../QueryState.tsx';
import { useCommonText } from '../../../lib/i18n.ts';
import type { AttachmentVariant } from '@vigil/shared/schemas/attachments';
import { useAttachmentContent } from './api.ts';
import { viewerKind } from './media-types.ts';
import { useObjectUrl } from './use-object-url.ts';

interface AttachmentViewerProps {
  attachment: AttachmentOutput;
  variant: AttachmentVariant;
  onClose: () => void;
}

// A photo or a PDF shown in the page, from the bytes fetched with the session (a blob URL), so
// that the file is never left in the browser's cache or downloads folder.
export function AttachmentViewer({ attachment, variant, onClose }: AttachmentViewerProps) {
  const { t } = useCommonText();
  const content = useAttachmentContent(attachment.id, variant);
  const url = useObjectUrl(content.data);
  const kind = viewerKind(attachment.mediaType);
  // the browser may refuse to show it (a content security policy without blob:)
  const [refused, setRefused] = useState(false);

  let body;
  if (content.error)
    body = <ErrorState error={content.error} onRetry={() => void content.refetch()} />;
  else if (!url)
    body = (
      <Center py="xl" role="status">
        <Loader size="sm" aria-hidden />
        <Text ml="sm" c="dimmed">
          {t('state.loading')}
        </Text>
      </Center>
    );
  else if (refused) body = <Text c="dimmed">{t('attachments.viewerRefused')}</Text>;
  else if (kind === 'image')
    body = (
      <Image
        src={url}
        alt={attachment.description ?? attachment.name}
        fit="contain"
        mah="75vh"
        onError={() => setRefused(true)}
      />
    );
  else
    body = (
      <iframe
        src={url}
        title={attachment.name}
        style={{ width: '100%', height: '75vh', border: 0 }}
      />
    );

  return (
    <Modal
      opened
      onClose={onClose}
      title={attachment.name}
      size="xl"
      closeButtonProps={{ 'aria-label': t('actions.hide') }}
    >
      <Stack gap="xs">
        {variant === 'clean' && (
          <Alert color="blue" variant="light" py={6}>
            {t('attachments.viewerClean')}
          </Alert>
        )}
        {body}
      </Stack>
    </Modal>
  );
}
