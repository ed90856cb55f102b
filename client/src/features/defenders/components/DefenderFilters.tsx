import { Grid, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { riskLevels } from '@vigil/shared/enums';
import { defenderSorts, type DefenderListQuery } from '@vigil/shared/schemas/defenders';
import { useState } from 'react';
import { FilterChips, type FilterChip } from '../../../components/ui/FilterChips.tsx';
import { countryName } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useTerm, useVocabularies } from '../../../lib/lookups.ts';
import { useCountryOptions } from '../../../lib/countries.ts';
import { useDefendersText } from '../i18n/index.ts';

type Update = (changes: Record<string, string | string[] | undefined>) => void;

interface DefenderFiltersProps {
  query: DefenderListQuery;
  update: Update;
  clear: () => void;
}

// Search first, then country, sector and risk level; each filter in force is a removable chip,
// and the whole state lives in the address.
export function DefenderFilters({ query, update, clear }: DefenderFiltersProps) {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const term = useTerm();
  const vocabularies = useVocabularies();
  const countries = useCountryOptions(query.country ?? []);

  // the box follows the address (a cleared filter, the browser's back button) without losing
  // what is being typed
  const [search, setSearch] = useState(query.q ?? '');
  const [searched, setSearched] = useState(query.q);
  if (query.q !== searched) {
    setSearched(query.q);
    if ((query.q ?? '') !== search.trim()) setSearch(query.q ?? '');
  }
  const submitSearch = useDebouncedCallback((value: string) => {
    update({ q: value.trim() || undefined });
  }, 300);

  const sectorOptions = (vocabularies.data?.sectors ?? [])
    .filter((sector) => !sector.retired || query.sector?.includes(sector.code))
    .map((sector) => ({ value: sector.code, label: sector.label }));
  const riskOptions = riskLevels.map((level) => ({
    value: level,
    label: common(`riskLevel.${level}`),
  }));
  const sortOptions = defenderSorts.map((sort) => ({ value: sort, label: t(`sort.${sort}`) }));

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
    ...(query.country ?? []).map((code) => ({
      key: `country-${code}`,
      label: t('filters.countryChip', { country: countryName(code) }),
      onRemove: () => update({ country: without(query.country, code) }),
    })),
    ...(query.sector ?? []).map((code) => ({
      key: `sector-${code}`,
      label: t('filters.sectorChip', { sector: term('sectors', code).label }),
      onRemove: () => update({ sector: without(query.sector, code) }),
    })),
    ...(query.riskLevel ?? []).map((level) => ({
      key: `risk-${level}`,
      label: common(`riskLevel.${level}`),
      onRemove: () => update({ riskLevel: without(query.riskLevel, level) }),
    })),
  ];

  return (
    <Stack gap="xs" mb="md" role="search" aria-label={t('filters.label')}>
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, lg: 4 }}>
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
            label={t('filters.country')}
            placeholder={query.country?.length ? undefined : t('filters.any')}
            data={countries}
            value={query.country ?? []}
            onChange={(value) => update({ country: value })}
            searchable
            clearable
            hidePickedOptions
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 2 }}>
          <MultiSelect
            label={t('filters.sector')}
            placeholder={query.sector?.length ? undefined : t('filters.any')}
            data={sectorOptions}
            value={query.sector ?? []}
            onChange={(value) => update({ sector: value })}
            searchable
            clearable
            hidePickedOptions
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, lg: 2 }}>
          <MultiSelect
            label={t('filters.riskLevel')}
            placeholder={query.riskLevel?.length ? undefined : t('filters.any')}
            data={riskOptions}
            value={query.riskLevel ?? []}
            onChange={(value) => update({ riskLevel: value })}
            clearable
            hidePickedOptions
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, lg: 2 }}>
          <Select
            label={t('filters.sort')}
            data={sortOptions}
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
