import { Anchor, Box, Group, Stack, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { IncidentListItem } from '@vigil/shared/schemas/incidents';
import { Link } from 'react-router';
import {
  IncidentStatusBadge,
  PrecisionDate,
  ReferenceBadge,
  RestrictedMark,
  TermLabel,
} from '../../../../components/ui/RecordBadges.tsx';
import { countryName, formatDateTime } from '../../../../lib/format.ts';
import type { useIncidentsText } from '../../i18n/index.ts';

type T = ReturnType<typeof useIncidentsText>['t'];

// The incident as UI.md names it: reference badge, then title; the lock when restricted.
export function IncidentName({ incident }: { incident: IncidentListItem }) {
  return (
    <Stack gap={2} align="flex-start">
      <Anchor
        component={Link}
        to={`/incidents/${incident.id}`}
        underline="hover"
        style={{ overflowWrap: 'anywhere' }}
      >
        <Group gap={6} wrap="wrap" component="span">
          <ReferenceBadge reference={incident.reference} />
          <Text span fw={600} size="sm" inherit>
            {incident.title}
          </Text>
        </Group>
      </Anchor>
      {incident.confidentiality === 'RESTRICTED' && <RestrictedMark />}
    </Stack>
  );
}

function Terms({
  vocabulary,
  codes,
}: {
  vocabulary: 'violations' | 'perpetrators';
  codes: string[];
}) {
  return (
    <Text size="sm" component="div">
      {codes.map((code, index) => (
        <span key={code}>
          {index > 0 && ', '}
          <TermLabel vocabulary={vocabulary} code={code} />
        </span>
      ))}
    </Text>
  );
}

// Column ids match the list's sort values, so that a sortable header maps to `sort`.
export function incidentColumns(t: T): ColumnDef<IncidentListItem, unknown>[] {
  return [
    {
      id: 'incident',
      header: t('list.columns.incident'),
      enableHiding: false,
      cell: ({ row }) => <IncidentName incident={row.original} />,
    },
    {
      id: 'occurredOn',
      header: t('list.columns.date'),
      cell: ({ row }) => (
        <Text size="sm">
          <PrecisionDate date={row.original.occurredOn} precision={row.original.datePrecision} />
        </Text>
      ),
    },
    {
      id: 'country',
      header: t('list.columns.country'),
      cell: ({ row }) => <Text size="sm">{countryName(row.original.country)}</Text>,
    },
    {
      id: 'violations',
      header: t('list.columns.violations'),
      cell: ({ row }) => <Terms vocabulary="violations" codes={row.original.violations} />,
    },
    {
      id: 'status',
      header: t('list.columns.status'),
      // a badge gives way to its neighbours down to an ellipsis; its word must stay whole
      cell: ({ row }) => (
        <Box miw="max-content">
          <IncidentStatusBadge status={row.original.status} />
        </Box>
      ),
    },
    {
      id: 'verification',
      header: t('list.columns.verification'),
      cell: ({ row }) => (
        <Text size="sm">{t(`verification.${row.original.verification}`, { ns: 'common' })}</Text>
      ),
    },
    {
      id: 'perpetrators',
      header: t('list.columns.perpetrators'),
      cell: ({ row }) => <Terms vocabulary="perpetrators" codes={row.original.perpetrators} />,
    },
    {
      id: 'location',
      header: t('list.columns.location'),
      cell: ({ row }) => <Text size="sm">{row.original.location ?? '—'}</Text>,
    },
    {
      id: 'updatedAt',
      header: t('list.columns.updated'),
      cell: ({ row }) => <Text size="sm">{formatDateTime(row.original.updatedAt)}</Text>,
    },
    {
      id: 'createdAt',
      header: t('list.columns.created'),
      cell: ({ row }) => <Text size="sm">{formatDateTime(row.original.createdAt)}</Text>,
    },
  ];
}

export const hiddenIncidentColumns = ['perpetrators', 'location', 'updatedAt', 'createdAt'];
export const sortableIncidentColumns = ['occurredOn', 'updatedAt', 'createdAt'];
