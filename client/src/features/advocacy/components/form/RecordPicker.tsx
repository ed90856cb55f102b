import { Combobox, Group, Loader, Pill, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type Ref } from 'react';
import { useCommonText } from '../../../../lib/i18n.ts';
import { useAdvocacyText } from '../../i18n/index.ts';

export interface PickerOption {
  id: string;
  // how the record is named: "KH-2014-0042 · Arrest of …", or a defender's display name
  label: string;
  // a second, muted line: date and country, or aliases
  description?: string;
}

interface RecordPickerProps {
  id: string;
  label: string;
  description?: string;
  placeholder: string;
  value: string[];
  onChange: (ids: string[]) => void;
  onBlur?: () => void;
  inputRef?: Ref<HTMLInputElement>;
  error?: string;
  // the root of the searched feature's query keys ('incidents', 'defenders')
  queryRoot: string;
  search: (q: string, signal: AbortSignal) => Promise<PickerOption[]>;
  // names of the records already linked when the form opened
  known: ReadonlyMap<string, PickerOption> | undefined;
  // how a linked record the caller may not read is named
  outsideAccess: string;
}

// Links records by search-as-you-type: the matches show as the user types, and each one picked
// becomes a removable chip with its name.
export function RecordPicker({
  id,
  label,
  description,
  placeholder,
  value,
  onChange,
  onBlur,
  inputRef,
  error,
  queryRoot,
  search,
  known,
  outsideAccess,
}: RecordPickerProps) {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 250);
  // names of records picked here, which `known` does not hold
  const [picked, setPicked] = useState<Map<string, PickerOption>>(() => new Map());
  const results = useQuery({
    queryKey: [queryRoot, 'picker', q] as const,
    queryFn: ({ signal }) => search(q, signal),
    enabled: q.length > 0,
  });
  const options = (results.data ?? []).filter((option) => !value.includes(option.id));

  const nameOf = (recordId: string) =>
    picked.get(recordId)?.label ?? known?.get(recordId)?.label ?? (known ? outsideAccess : '…');

  const choose = (recordId: string) => {
    const option = results.data?.find((candidate) => candidate.id === recordId);
    if (option) setPicked((current) => new Map(current).set(recordId, option));
    onChange([...value, recordId]);
    setTyped('');
    combobox.closeDropdown();
  };

  let dropdown;
  if (q.length === 0) dropdown = <Combobox.Empty>{t('picker.typeToSearch')}</Combobox.Empty>;
  else if (results.isFetching && !results.data)
    dropdown = (
      <Combobox.Empty>
        <Group gap="xs" justify="center">
          <Loader size="xs" aria-hidden />
          {common('state.loading')}
        </Group>
      </Combobox.Empty>
    );
  else if (results.error)
    dropdown = (
      <Combobox.Empty>
        {common('state.loadFailed', { message: results.error.message })}
      </Combobox.Empty>
    );
  else if (options.length === 0)
    dropdown = <Combobox.Empty>{t('picker.nothing', { q })}</Combobox.Empty>;
  else
    dropdown = options.map((option) => (
      <Combobox.Option value={option.id} key={option.id}>
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {option.label}
        </Text>
        {option.description && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {option.description}
          </Text>
        )}
      </Combobox.Option>
    ));

  return (
    <Stack gap="xs">
      <Combobox store={combobox} onOptionSubmit={choose}>
        <Combobox.Target withExpandedAttribute>
          <TextInput
            id={id}
            ref={inputRef}
            label={label}
            description={description}
            placeholder={placeholder}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={results.isFetching ? <Loader size="xs" aria-hidden /> : null}
            value={typed}
            error={error}
            autoComplete="off"
            onChange={(event) => {
              setTyped(event.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onClick={() => combobox.openDropdown()}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => {
              combobox.closeDropdown();
              onBlur?.();
            }}
          />
        </Combobox.Target>
        <Combobox.Dropdown>
          <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
            {dropdown}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {value.length > 0 && (
        <Pill.Group>
          {value.map((recordId) => {
            const name = nameOf(recordId);
            return (
              <Pill
                key={recordId}
                size="md"
                withRemoveButton
                onRemove={() => onChange(value.filter((candidate) => candidate !== recordId))}
                removeButtonProps={{
                  tabIndex: 0,
                  'aria-hidden': false,
                  'aria-label': t('picker.remove', { name }),
                }}
                maw="100%"
              >
                {name}
              </Pill>
            );
          })}
        </Pill.Group>
      )}
    </Stack>
  );
}
