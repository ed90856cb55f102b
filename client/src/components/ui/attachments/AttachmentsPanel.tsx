import '@mantine/dropzone/styles.css';
import { Stack, Text, Title } from '@mantine/core';
import { useId, useMemo } from 'react';
import { useCommonText } from '../../../lib/i18n.ts';
import { QueryState } from '../QueryState.tsx';
import { useAttachments, type AttachmentOwner } from './api.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { UploadArea } from './UploadArea.tsx';

interface AttachmentsPanelProps {
  kind: AttachmentOwner['kind'];
  recordId: string;
  // the right to update the record: adding and deleting evidence follow it (the server decides)
  canUpdate: boolean;
  // the right to the record's sensitive details: originals of photos and sensitive files
  canReadSensitive: boolean;
}

// The "Evidence" section of an incident, a defender or an advocacy action.
export function AttachmentsPanel({
  kind,
  recordId,
  canUpdate,
  canReadSensitive,
}: AttachmentsPanelProps) {
  const { t } = useCommonText();
  const titleId = useId();
  const owner = useMemo<AttachmentOwner>(() => ({ kind, id: recordId }), [kind, recordId]);
  const attachments = useAttachments(owner);

  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Title order={2} id={titleId}>
        {t('attachments.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('attachments.description')}
      </Text>
      <QueryState query={attachments}>
        {({ items }) => (
          <Stack gap="sm">
            {canUpdate && <UploadArea owner={owner} empty={items.length === 0} />}
            {items.length > 0 ? (
              <AttachmentList
                owner={owner}
                attachments={items}
                canUpdate={canUpdate}
                canReadSensitive={canReadSensitive}
              />
            ) : (
              !canUpdate && <Text c="dimmed">{t('attachments.emptyReadOnly')}</Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
