import {
  MultiSelect,
  Select,
  Stack,
  Text,
  type MultiSelectProps,
  type SelectProps,
} from '@mantine/core';
import type { VocabularyTermOutput } from '@vigil/shared/schemas/vocabularies';
import { forwardRef, useMemo } from 'react';
import { useIncidentsText } from '../../i18n/index.ts';
import { descriptionsOf, termData } from './vocabulary-options.ts';

interface TermProps {
  vocabulary: string;
  terms: readonly VocabularyTermOutput[];
}

function useTerms({ vocabulary, terms }: TermProps, keep: readonly (string | null)[]) {
  // `keep` is a fresh array on each render; its contents are what matter
  const kept = keep.join('|');
  const data = useMemo(
    () => termData(vocabulary, terms, kept ? kept.split('|') : []),
    [vocabulary, terms, kept],
  );
  const descriptions = useMemo(() => descriptionsOf(terms), [terms]);
  const renderOption = ({ option }: { option: { value: string; label: string } }) => {
    const description = descriptions.get(option.value);
    return (
      <Stack gap={0}>
        <Text size="sm">{option.label}</Text>
        {description && (
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
    );
  };
  return { data, descriptions, renderOption };
}

// A vocabulary term: labels with their descriptions, retired terms only where already chosen.
export const TermSelect = forwardRef<
  HTMLInputElement,
  TermProps & Omit<SelectProps, 'data' | 'renderOption'>
>(function TermSelect({ vocabulary, terms, value, description, ...props }, ref) {
  const { t } = useIncidentsText();
  const { data, descriptions, renderOption } = useTerms({ vocabulary, terms }, [value ?? null]);
  return (
    <Select
      ref={ref}
      data={data}
      value={value}
      renderOption={renderOption}
      searchable
      nothingFoundMessage={t('form.nothingFound')}
      // the chosen term's description, else the field's own hint
      description={(value && descriptions.get(value)) || description}
      maxDropdownHeight={320}
      {...props}
    />
  );
});

export const TermMultiSelect = forwardRef<
  HTMLInputElement,
  TermProps & Omit<MultiSelectProps, 'data' | 'renderOption'>
>(function TermMultiSelect({ vocabulary, terms, value, ...props }, ref) {
  const { t } = useIncidentsText();
  const { data, renderOption } = useTerms({ vocabulary, terms }, value ?? []);
  return (
    <MultiSelect
      ref={ref}
      data={data}
      value={value}
      renderOption={renderOption}
      searchable
      hidePickedOptions
      nothingFoundMessage={t('form.nothingFound')}
      maxDropdownHeight={320}
      {...props}
    />
  );
});
