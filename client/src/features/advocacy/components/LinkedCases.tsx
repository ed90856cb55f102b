import { Anchor, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import type { IncidentListItem } from '@vigil/shared/schemas/incidents';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/DataTable.tsx';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import {
  ConsentBadge,
  IncidentStatusBadge,
  PrecisionDate,
  ReferenceBadge,
  RestrictedMark,
  RiskLevel,
} from '../../../components/ui/RecordBadges.tsx';
import { countryName, formatNumber } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useDefendersByIds, useIncidentsByIds } from '../../../lib/lookups.ts';
import { useAdvocacyText } from '../i18n/index.ts';

function CasesSection({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <Paper component="section" aria-labelledby={`${id}-title`}>
      <Title order={2} id={`${id}-title`} mb="sm">
        {title}{' '}
        <Text span c="dimmed" fz="inherit" fw={400}>
          ({formatNumber(count)})
        </Text>
      </Title>
      {children}
    </Paper>
  );
}

export function IncidentLink({ incident }: { incident: IncidentListItem }) {
  return (
    <Group gap="xs" wrap="wrap" align="center">
      <ReferenceBadge reference={incident.reference} />
      <Anchor component={Link} to={`/incidents/${incident.id}`} fw={600}>
        {incident.title}
      </Anchor>
      {incident.confidentiality === 'RESTRICTED' && <RestrictedMark />}
    </Group>
  );
}

export function DefenderLink({ defender }: { defender: DefenderOutput }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Anchor component={Link} to={`/defenders/${defender.id}`} fw={600}>
        {defender.displayName}
      </Anchor>
      {defender.aliases.length > 0 && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {defender.aliases.join(' · ')}
        </Text>
      )}
    </div>
  );
}

// Links the caller cannot follow: said in words, never as ids.
function OutsideAccess({ count, kind }: { count: number; kind: 'incidents' | 'defenders' }) {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;
  if (count === 0) return null;
  return (
    <Text size="sm" c="dimmed" mt="xs">
      {kind === 'defenders' && count === 1
        ? common('sensitive.outsideAccess')
        : t(`page.outside.${kind}`, { count })}
    </Text>
  );
}

export function LinkedIncidents({ ids }: { ids: string[] }) {
  const { t } = useAdvocacyText();
  const incidents = useIncidentsByIds(ids);
  const columns = useMemo<ColumnDef<IncidentListItem, unknown>[]>(
    () => [
      {
        id: 'incident',
        header: t('cases.incident'),
        enableHiding: false,
        cell: ({ row }) => <IncidentLink incident={row.original} />,
      },
      {
        id: 'date',
        header: t('cases.date'),
        cell: ({ row }) => (
          <PrecisionDate date={row.original.occurredOn} precision={row.original.datePrecision} />
        ),
      },
      {
        id: 'status',
        header: t('cases.status'),
        cell: ({ row }) => (
          <Box miw="max-content">
            <IncidentStatusBadge status={row.original.status} />
          </Box>
        ),
      },
      {
        id: 'country',
        header: t('cases.country'),
        cell: ({ row }) => countryName(row.original.country),
      },
    ],
    [t],
  );

  let body: ReactNode;
  if (ids.length === 0) body = <Text c="dimmed">{t('page.noIncidents')}</Text>;
  else if (incidents.isPending) body = <LoadingState />;
  else if (incidents.error)
    body = <ErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />;
  else {
    const found = ids
      .flatMap((id) => incidents.data.get(id) ?? [])
      .sort((a, b) => b.occurredOn.localeCompare(a.occurredOn));
    body = (
      <Stack gap={0}>
        {found.length > 0 && (
          <DataTable
            data={found}
            columns={columns}
            getRowId={(incident) => incident.id}
            caption={t('page.incidents')}
            cardTitle={(incident) => <IncidentLink incident={incident} />}
            cardHidden={['incident']}
          />
        )}
        <OutsideAccess count={ids.length - found.length} kind="incidents" />
      </Stack>
    );
  }
  return (
    <CasesSection id="incidents" title={t('page.incidents')} count={ids.length}>
      {body}
    </CasesSection>
  );
}

export function LinkedDefenders({ ids }: { ids: string[] }) {
  const { t } = useAdvocacyText();
  const defenders = useDefendersByIds(ids);
  const columns = useMemo<ColumnDef<DefenderOutput, unknown>[]>(
    () => [
      {
        id: 'defender',
        header: t('cases.defender'),
        enableHiding: false,
        cell: ({ row }) => <DefenderLink defender={row.original} />,
      },
      {
        id: 'consent',
        header: t('cases.consent'),
        cell: ({ row }) => (
          <Box miw="max-content">
            <ConsentBadge consent={row.original.consent} />
          </Box>
        ),
      },
      {
        id: 'risk',
        header: t('cases.risk'),
        cell: ({ row }) => (
          <Box miw="max-content">
            <RiskLevel level={row.original.riskLevel} />
          </Box>
        ),
      },
      {
        id: 'country',
        header: t('cases.country'),
        cell: ({ row }) => countryName(row.original.country),
      },
    ],
    [t],
  );

  let body: ReactNode;
  if (ids.length === 0) body = <Text c="dimmed">{t('page.noDefenders')}</Text>;
  else if (defenders.isPending) body = <LoadingState />;
  else if (defenders.error)
    body = <ErrorState error={defenders.error} onRetry={() => void defenders.refetch()} />;
  else {
    const found = ids.flatMap((id) => defenders.data.get(id) ?? []);
    body = (
      <Stack gap={0}>
        {found.length > 0 && (
          <DataTable
            data={found}
            columns={columns}
            getRowId={(defender) => defender.id}
            caption={t('page.defenders')}
            cardTitle={(defender) => <DefenderLink defender={defender} />}
            cardHidden={['defender']}
          />
        )}
        <OutsideAccess count={ids.length - found.length} kind="defenders" />
      </Stack>
    );
  }
  return (
    <CasesSection id="defenders" title={t('page.defenders')} count={ids.length}>
      {body}
    </CasesSection>
  );
}
