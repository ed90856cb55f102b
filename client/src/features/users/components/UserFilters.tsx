import {
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { roles } from '@vigil/shared/enums';
import { useId, useState } from 'react';
import { roleLabel } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
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
  const common = useCommonText();
  const statusId = useId();
  const [search, setSearch] = useState(typeof raw.q === 'string' ? raw.q : '');
  const updateSearch = useDebouncedCallback(
    (q: string) => update({ q: q.trim() || undefined }),
    300,
  );
  const status = raw.active === 'true' || raw.active === 'false' ? raw.active : 'all';
  const filtered = Object.keys(raw).some((key) => key !== 'cursor' && key !== 'limit');

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
          placeholder={listOf(raw.role).length === 0 ? t('filters.rolePlaceholder') : undefined}
          data={roles.map((role) => ({ value: role, label: roleLabel(role) }))}
          value={listOf(raw.role)}
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
      {filtered && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => {
              setSearch('');
              clear();
            }}
          >
            {common.t('actions.clearFilters')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
