import { Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import { useState } from 'react';
import { countryName } from '../../../../lib/format.ts';
import { useDefenderSearch } from '../../api/search-defenders.ts';
import { useIncidentsText } from '../../i18n/index.ts';

const newDefenderOption = '__new__';

// Finds a defender by name or alias as the user types, or offers to record a new one with the
// typed name.
export function DefenderPicker({
  id,
  excluded,
  error,
  onPick,
  onNew,
}: {
  id: string;
  // defenders already in the incident
  excluded: readonly string[];
  error?: string | undefined;
  onPick: (defender: DefenderOutput) => void;
  onNew: (name: string) => void;
}) {
  const { t } = useIncidentsText();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const results = useDefenderSearch(debounced);
  const found = (results.data?.items ?? []).filter((defender) => !excluded.includes(defender.id));
  const typed = search.trim();
  const waiting = typed !== debounced.trim() || results.isFetching;

  const options = found.map((defender) => (
    <Combobox.Option value={defender.id} key={defender.id}>
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {defender.displayName}
        </Text>
        <Text size="xs" c="dimmed">
          {[defender.aliases.join(', '), countryName(defender.country), defender.organisation ?? '']
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
    </Combobox.Option>
  ));

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        combobox.closeDropdown();
        if (value === newDefenderOption) {
          onNew(typed);
        } else {
          const defender = found.find((candidate) => candidate.id === value);
          if (defender) onPick(defender);
        }
        setSearch('');
      }}
    >
      <Combobox.Target>
        <TextInput
          id={id}
          label={t('form.defenders.search')}
          description={t('form.defenders.searchHint')}
          placeholder={t('form.defenders.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={waiting && typed ? <Loader size={16} aria-hidden /> : null}
          value={search}
          error={error}
          autoComplete="off"
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onClick={() => typed && combobox.openDropdown()}
          onFocus={() => typed && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!typed}>
        <Combobox.Options aria-label={t('form.defenders.results')}>
          {options}
          {found.length === 0 && !waiting && (
            <Combobox.Empty>{t('form.defenders.noMatch', { q: typed })}</Combobox.Empty>
          )}
          {found.length === 0 && waiting && (
            <Combobox.Empty>{t('common:state.loading')}</Combobox.Empty>
          )}
          <Combobox.Option value={newDefenderOption}>
            <Group gap="xs" wrap="nowrap">
              <IconUserPlus size={16} aria-hidden />
              <Text size="sm">{t('form.defenders.recordTyped', { name: typed })}</Text>
            </Group>
          </Combobox.Option>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
