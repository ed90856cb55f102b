import { Center, Image, ThemeIcon } from '@mantine/core';
import { IconFile, IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import type { AttachmentOutput } from '@vigil/shared/schemas/attachments';
import { useState } from 'react';
import { useCommonText } from '../../../lib/i18n.ts';
import { useAttachmentContent } from './api.ts';
import { viewerKind } from './media-types.ts';
import { useObjectUrl } from './use-object-url.ts';

const size = 40;

// A photo's thumbnail comes from its copy without metadata, so that no one sees more than the
// clean file holds; other files show their kind's icon.
export function AttachmentThumbnail({ attachment }: { attachment: AttachmentOutput }) {
  const { t } = useCommonText();
  const kind = viewerKind(attachment.mediaType);
  const photo = kind === 'image' && attachment.hasCleanCopy;
  const content = useAttachmentContent(attachment.id, 'clean', photo);
  const url = useObjectUrl(content.data);
  const [broken, setBroken] = useState(false);

  if (photo && url && !broken) {
    return (
      <Image
        src={url}
        alt={t('attachments.thumbnail', { name: attachment.name })}
        w={size}
        h={size}
        fit="cover"
        radius="sm"
        onError={() => setBroken(true)}
      />
    );
  }
  const Icon = kind === 'pdf' ? IconFileTypePdf : kind === 'image' ? IconPhoto : IconFile;
  return (
    <Center w={size} h={size}>
      <ThemeIcon variant="light" color="gray" size={size} aria-hidden>
        <Icon size={22} />
      </ThemeIcon>
    </Center>
  );
}
