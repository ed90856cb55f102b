import { Group, MultiSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { roles } from '@vigil/shared/enums';
import { useId, useState } from 'react';
import { FilterChips, type FilterChip } from '../../../components/ui/FilterChips.tsx';
import { roleLabel } from '../../../lib/format.ts';
import { useUsersText } from '../i18n/index.ts';

type Raw = Record<string, string | string[]>;

const listOf = (value: string | string[] | undefined) =>
  value === undefined ? [] : [value].flat();

interface UserFiltersProps {
  raw: Raw;
  update: (changes: Record<string, string | string[] | undefined>) => void;
  clear: () => void;
}

// Search first, then role and status; the whole state lives in the address.
export function UserFilters({ raw, update, clear }: UserFiltersProps) {
  const { t } = useUsersText();
  const statusId = useId();
  const [search, setSearch] = useState(typeof raw.q === 'string' ? raw.q : '');
  const updateSearch = useDebouncedCallback(
    (q: string) => update({ q: q.trim() || undefined }),
    300,
  );
  const status = raw.active === 'true' || raw.active === 'false' ? raw.active : 'all';
  const roleFilter = listOf(raw.role);
  const clearAll = () => {
    setSearch('');
    clear();
  };
  const chips: FilterChip[] = [
    ...(typeof raw.q === 'string'
      ? [
          {
            key: 'q',
            label: t('filters.chipQ', { q: raw.q }),
            onRemove: () => {
              setSearch('');
              update({ q: undefined });
            },
          },
        ]
      : []),
    ...roleFilter.map((role) => ({
      key: `role:${role}`,
      label: t('filters.chipRole', { role: roleLabel(role) }),
      onRemove: () => update({ role: roleFilter.filter((other) => other !== role) }),
    })),
    ...(status === 'all'
      ? []
      : [
          {
            key: 'active',
            label: t('filters.chipStatus', {
              status: status === 'true' ? t('filters.statusActive') : t('filters.statusInactive'),
            }),
            onRemove: () => update({ active: undefined }),
          },
        ]),
  ];

  return (
    <Stack gap="xs" role="search" aria-label={t('filters.label')}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('filters.q')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            updateSearch(event.currentTarget.value);
          }}
          type="search"
          flex="1 1 16rem"
        />
        <MultiSelect
          label={t('filters.role')}
          placeholder={roleFilter.length === 0 ? t('filters.rolePlaceholder') : undefined}
          data={roles.map((role) => ({ value: role, label: roleLabel(role) }))}
          value={roleFilter}
          onChange={(role) => update({ role })}
          clearable
          flex="1 1 14rem"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id={statusId}>
            {t('filters.status')}
          </Text>
          <SegmentedControl
            aria-labelledby={statusId}
            // no colour transition: a half-faded label reads as too little contrast
            transitionDuration={0}
            value={status}
            onChange={(value) => update({ active: value === 'all' ? undefined : value })}
            data={[
              { value: 'all', label: t('filters.statusAll') },
              { value: 'true', label: t('filters.statusActive') },
              { value: 'false', label: t('filters.statusInactive') },
            ]}
          />
        </Stack>
      </Group>
      <FilterChips chips={chips} onClear={clearAll} />
    </Stack>
  );
}
