import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconLock, IconShieldCheck } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import type { AttachmentOutput } from '@vigil/shared/schemas/attachments';
import { useMemo, useState } from 'react';
import { DataTable } from '../DataTable.tsx';
import { formatBytes, formatDateTime } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { AttachmentActions } from './AttachmentActions.tsx';
import { AttachmentThumbnail } from './AttachmentThumbnail.tsx';
import { AttachmentViewer } from './AttachmentViewer.tsx';
import { downloadVariant } from '@vigil/shared/schemas/attachments';
import type { AttachmentOwner } from './api.ts';
import { mediaKind } from './media-types.ts';
import { ShortHash } from './ShortHash.tsx';

interface AttachmentListProps {
  owner: AttachmentOwner;
  attachments: AttachmentOutput[];
  canUpdate: boolean;
  canReadSensitive: boolean;
}

function Badges({ attachment }: { attachment: AttachmentOutput }) {
  const { t } = useCommonText();
  if (!attachment.sensitive && !attachment.hasCleanCopy) return null;
  return (
    <Group gap={4}>
      {attachment.sensitive && (
        <Badge color="red" variant="light" leftSection={<IconLock size={12} aria-hidden />}>
          {t('attachments.sensitiveBadge')}
        </Badge>
      )}
      {attachment.hasCleanCopy && (
        <Tooltip label={t('attachments.cleanBadgeHint')} multiline maw="20rem">
          <Badge
            // light teal stays under AA contrast; cyan keeps it (RecordBadges.tsx)
            color="cyan"
            variant="light"
            tabIndex={0}
            leftSection={<IconShieldCheck size={12} aria-hidden />}
          >
            {t('attachments.cleanBadge')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

// The record's evidence: what each file is, its fingerprint, who added it and when.
export function AttachmentList({
  owner,
  attachments,
  canUpdate,
  canReadSensitive,
}: AttachmentListProps) {
  const { t } = useCommonText();
  const user = useSessionUser();
  const [viewing, setViewing] = useState<AttachmentOutput | null>(null);

  const columns = useMemo<ColumnDef<AttachmentOutput, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('attachments.columns.name'),
        cell: ({ row: { original } }) => <NameCell attachment={original} />,
        enableHiding: false,
      },
      {
        id: 'type',
        header: t('attachments.columns.type'),
        cell: ({ row: { original } }) => t(`attachments.types.${mediaKind(original.mediaType)}`),
      },
      {
        id: 'size',
        header: t('attachments.columns.size'),
        cell: ({ row: { original } }) => formatBytes(original.size),
      },
      {
        id: 'hash',
        header: t('attachments.columns.hash'),
        cell: ({ row: { original } }) => (
          <ShortHash sha256={original.sha256} name={original.name} />
        ),
      },
      {
        id: 'uploader',
        header: t('attachments.columns.uploader'),
        // only administrators may read other users' names
        cell: ({ row: { original } }) =>
          original.uploadedById === user.id ? t('attachments.you') : t('attachments.colleague'),
      },
      {
        id: 'date',
        header: t('attachments.columns.date'),
        cell: ({ row: { original } }) => formatDateTime(original.createdAt),
      },
      {
        id: 'actions',
        header: t('attachments.columns.actions'),
        enableHiding: false,
        cell: ({ row: { original } }) => (
          <AttachmentActions
            owner={owner}
            attachment={original}
            variant={downloadVariant(original, canReadSensitive)}
            canDelete={canUpdate}
            onView={() => setViewing(original)}
          />
        ),
      },
    ],
    [t, user.id, owner, canUpdate, canReadSensitive],
  );

  const viewingVariant = viewing && downloadVariant(viewing, canReadSensitive);
  return (
    <>
      <DataTable
        data={attachments}
        columns={columns}
        getRowId={(row) => row.id}
        caption={t('attachments.caption')}
        cardTitle={(row) => <NameCell attachment={row} />}
        cardHidden={['name']}
      />
      {viewing && viewingVariant && (
        <AttachmentViewer
          attachment={viewing}
          variant={viewingVariant}
          onClose={() => setViewing(null)}
        />
      )}
    </>
  );
}

function NameCell({ attachment }: { attachment: AttachmentOutput }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" miw="14rem">
      <AttachmentThumbnail attachment={attachment} />
      <Stack gap={2} miw={0}>
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {attachment.name}
        </Text>
        {attachment.description && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {attachment.description}
          </Text>
        )}
        <Badges attachment={attachment} />
      </Stack>
    </Group>
  );
}
