import { Grid, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconCalendar, IconSearch } from '@tabler/icons-react';
import { advocacyKinds, advocacyStatuses } from '@vigil/shared/enums';
import { advocacySorts, type AdvocacyListQuery } from '@vigil/shared/schemas/advocacy';
import { useState } from 'react';
import { FilterChips, type FilterChip } from '../../../components/ui/FilterChips.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useDefendersByIds, useIncidentsByIds } from '../../../lib/lookups.ts';
import { useAdvocacyText } from '../i18n/index.ts';

type Update = (changes: Record<string, string | string[] | undefined>) => void;

interface AdvocacyFiltersProps {
  query: AdvocacyListQuery;
  update: Update;
  clear: () => void;
}

// Search first, then kind, status and the date range; each filter in force is a removable
// chip, and the whole state lives in the address.
export function AdvocacyFilters({ query, update, clear }: AdvocacyFiltersProps) {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;

  // the box follows the address (a cleared filter, the back button) without losing typing
  const [search, setSearch] = useState(query.q ?? '');
  const [searched, setSearched] = useState(query.q);
  if (query.q !== searched) {
    setSearched(query.q);
    if ((query.q ?? '') !== search.trim()) setSearch(query.q ?? '');
  }
  // a range being picked (one end chosen) lives here until both ends are
  const [range, setRange] = useState<[string | null, string | null]>([
    query.from ?? null,
    query.to ?? null,
  ]);
  const rangeInUrl = `${query.from ?? ''}/${query.to ?? ''}`;
  const [seenRange, setSeenRange] = useState(rangeInUrl);
  if (rangeInUrl !== seenRange) {
    setSeenRange(rangeInUrl);
    setRange([query.from ?? null, query.to ?? null]);
  }
  const submitSearch = useDebouncedCallback((value: string) => {
    update({ q: value.trim() || undefined });
  }, 300);

  // filters that links from other pages set (an incident's or a defender's actions), named
  const linkedIncidents = useIncidentsByIds(query.incidentId ?? []);
  const linkedDefenders = useDefendersByIds(query.defenderId ?? []);
  const without = (values: readonly string[] | undefined, value: string) =>
    values?.filter((candidate) => candidate !== value);
  const chips: FilterChip[] = [
    ...(query.q
      ? [
          {
            key: 'q',
            label: t('filters.searchChip', { q: query.q }),
            onRemove: () => update({ q: undefined }),
          },
        ]
      : []),
    ...(query.kind ?? []).map((kind) => ({
      key: `kind-${kind}`,
      label: common(`advocacyKind.${kind}`),
      onRemove: () => update({ kind: without(query.kind, kind) }),
    })),
    ...(query.status ?? []).map((status) => ({
      key: `status-${status}`,
      label: t('filters.statusChip', { status: common(`advocacyStatus.${status}`) }),
      onRemove: () => update({ status: without(query.status, status) }),
    })),
    ...(query.incidentId ?? []).map((id) => ({
      key: `incident-${id}`,
      label: t('filters.incidentChip', {
        incident: linkedIncidents.data?.get(id)?.reference ?? t('filters.anIncident'),
      }),
      onRemove: () => update({ incidentId: without(query.incidentId, id) }),
    })),
    ...(query.defenderId ?? []).map((id) => ({
      key: `defender-${id}`,
      label: t('filters.defenderChip', {
        defender: linkedDefenders.data?.get(id)?.displayName ?? t('filters.aDefender'),
      }),
      onRemove: () => update({ defenderId: without(query.defenderId, id) }),
    })),
    ...(query.from
      ? [
          {
            key: 'from',
            label: t('filters.fromChip', { date: formatDate(query.from) }),
            onRemove: () => update({ from: undefined }),
          },
        ]
      : []),
    ...(query.to
      ? [
          {
            key: 'to',
            label: t('filters.toChip', { date: formatDate(query.to) }),
            onRemove: () => update({ to: undefined }),
          },
        ]
      : []),
  ];

  return (
    <Stack gap="xs" mb="md" role="search" aria-label={t('filters.label')}>
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <TextInput
            type="search"
            label={t('filters.search')}
            placeholder={t('filters.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              submitSearch(event.currentTarget.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                submitSearch.cancel?.();
                update({ q: search.trim() || undefined });
              }
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
          <MultiSelect
            label={t('filters.kind')}
            placeholder={query.kind?.length ? undefined : t('filters.any')}
            data={advocacyKinds.map((kind) => ({
              value: kind,
              label: common(`advocacyKind.${kind}`),
            }))}
            value={query.kind ?? []}
            onChange={(value) => update({ kind: value })}
            clearable
            hidePickedOptions
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
          <MultiSelect
            label={t('filters.status')}
            placeholder={query.status?.length ? undefined : t('filters.any')}
            data={advocacyStatuses.map((status) => ({
              value: status,
              label: common(`advocacyStatus.${status}`),
            }))}
            value={query.status ?? []}
            onChange={(value) => update({ status: value })}
            clearable
            hidePickedOptions
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
          <DatePickerInput
            type="range"
            label={t('filters.dates')}
            leftSection={<IconCalendar size={16} aria-hidden />}
            valueFormat="D MMM YYYY"
            value={range}
            onChange={(value) => {
              const [from, to] = value as [string | null, string | null];
              setRange([from, to]);
              // applied once both ends are chosen, or when cleared
              if ((from && to) || (!from && !to)) {
                update({ from: from ?? undefined, to: to ?? undefined });
              }
            }}
            allowSingleDateInRange
            clearable
            clearButtonProps={{ 'aria-label': t('filters.clearDates') }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
          <Select
            label={t('filters.sort')}
            data={advocacySorts.map((sort) => ({ value: sort, label: t(`sort.${sort}`) }))}
            value={query.sort}
            onChange={(value) => update({ sort: value ?? undefined })}
            allowDeselect={false}
          />
        </Grid.Col>
      </Grid>
      <FilterChips chips={chips} onClear={clear} />
    </Stack>
  );
}
