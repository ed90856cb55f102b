import {
  Button,
  Collapse,
  Group,
  MultiSelect,
  Select,
  Grid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import {
  useDebouncedCallback,
  useDebouncedValue,
  useDisclosure,
  useMediaQuery,
} from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconCalendar, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { incidentStatuses, verifications } from '@vigil/shared/enums';
import type { IncidentFilters as Filters } from '@vigil/shared/schemas/incidents';
import { useMemo, useState } from 'react';
import { FilterChips, type FilterChip } from './FilterChips.tsx';
import { useAppAbility } from '../../lib/ability.ts';
import { useCountryOptions } from '../../lib/countries.ts';
import { countryName, formatDate } from '../../lib/format.ts';
import {
  searchDefenders,
  useDefendersByIds,
  useTerm,
  useVocabularies,
  type VocabularyName,
} from '../../lib/lookups.ts';
import { useSessionUser } from '../../lib/session.ts';
import { useCommonText } from '../../lib/i18n.ts';

type Changes = Record<string, string | string[] | undefined>;

interface IncidentFiltersProps {
  query: Filters;
  update: (changes: Changes) => void;
  clear: () => void;
}

const dateFormat = 'D MMM YYYY';

function useTermOptions(vocabulary: VocabularyName, chosen: readonly string[] = []) {
  const { data } = useVocabularies();
  const term = useTerm();
  return useMemo(() => {
    const terms = data?.[vocabulary] ?? [];
    const codes = new Set([...terms.map((item) => item.code), ...chosen]);
    return [...codes]
      .map((code) => {
        const { label, retired } = term(vocabulary, code);
        return { value: code, label: retired ? `${label} (retired)` : label };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [data, vocabulary, chosen, term]);
}

// Search-as-you-type for the defender filter; the chosen one keeps its name from
// useDefendersByIds (or "a defender outside your access").
function DefenderFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const { t } = useCommonText();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['defenders', 'filterSearch', q] as const,
    queryFn: ({ signal }) => searchDefenders(q, signal, 10),
    enabled: q.length > 1,
  });
  const chosen = useDefendersByIds(value ? [value] : []);
  const options = useMemo(() => {
    const items = (found.data?.items ?? []).map((defender) => ({
      value: defender.id,
      label: defender.displayName,
    }));
    if (value && !items.some((item) => item.value === value)) {
      const name = chosen.data?.get(value)?.displayName ?? t('sensitive.outsideAccess');
      items.unshift({ value, label: name });
    }
    return items;
  }, [found.data, value, chosen.data, t]);

  return (
    <Select
      label={t('incidentFilters.defender')}
      placeholder={t('incidentFilters.defenderPlaceholder')}
      data={options}
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // the server already searched names and aliases; the list shows what it found
      filter={({ options: all }) => all}
      nothingFoundMessage={
        q.length > 1 && !found.isFetching ? t('incidentFilters.defenderNothing') : undefined
      }
    />
  );
}

const asArray = (value: readonly string[] | undefined) => (value ? [...value] : []);

// The filters in force as chip labels ("Country: Cambodia (KH)"), each with its removal: the
// filter bar's chips, and the scope a printed page states.
export function useIncidentFilterChips(query: Filters, update: (changes: Changes) => void) {
  const { t } = useCommonText();
  const user = useSessionUser();
  const term = useTerm();
  const defenders = useDefendersByIds(asArray(query.defenderId));
  const mine = query.createdById?.length === 1 && query.createdById[0] === user.id;
  const chips: FilterChip[] = [];
  const multiChips = (
    key: keyof Filters,
    name: string,
    values: readonly string[] | undefined,
    label: (value: string) => string,
  ) => {
    for (const value of values ?? []) {
      chips.push({
        key: `${key}:${value}`,
        label: t('incidentFilters.chip', { name, value: label(value) }),
        onRemove: () => update({ [key]: (values ?? []).filter((other) => other !== value) }),
      });
    }
  };
  if (query.q) {
    chips.push({
      key: 'q',
      label: t('incidentFilters.chip', { name: t('incidentFilters.search'), value: query.q }),
      onRemove: () => update({ q: undefined }),
    });
  }
  multiChips('country', t('incidentFilters.country'), query.country, countryName);
  multiChips(
    'violation',
    t('incidentFilters.violation'),
    query.violation,
    (code) => term('violations', code).label,
  );
  multiChips(
    'perpetrator',
    t('incidentFilters.perpetrator'),
    query.perpetrator,
    (code) => term('perpetrators', code).label,
  );
  multiChips('status', t('incidentFilters.status'), query.status, (status) =>
    t(`incidentStatus.${status}`),
  );
  multiChips('verification', t('incidentFilters.verification'), query.verification, (level) =>
    t(`verification.${level}`),
  );
  if (query.from) {
    chips.push({
      key: 'from',
      label: t('incidentFilters.fromChip', { date: formatDate(query.from) }),
      onRemove: () => update({ from: undefined }),
    });
  }
  if (query.to) {
    chips.push({
      key: 'to',
      label: t('incidentFilters.toChip', { date: formatDate(query.to) }),
      onRemove: () => update({ to: undefined }),
    });
  }
  multiChips(
    'defenderId',
    t('incidentFilters.defender'),
    query.defenderId,
    (id) => defenders.data?.get(id)?.displayName ?? t('sensitive.outsideAccess'),
  );
  if (mine) {
    chips.push({
      key: 'mine',
      label: t('incidentFilters.mineChip'),
      onRemove: () => update({ createdById: undefined }),
    });
  } else {
    // a shared link may name other authors; they show without names, which non-admins cannot read
    for (const id of query.createdById ?? []) {
      chips.push({
        key: `createdById:${id}`,
        label: t('incidentFilters.chip', {
          name: t('incidentFilters.createdBy'),
          value: t('incidentFilters.colleague'),
        }),
        onRemove: () =>
          update({ createdById: (query.createdById ?? []).filter((other) => other !== id) }),
      });
    }
  }
  if (query.returned !== undefined) {
    chips.push({
      key: 'returned',
      label: query.returned ? t('incidentFilters.returnedYes') : t('incidentFilters.returnedNo'),
      onRemove: () => update({ returned: undefined }),
    });
  }
  if (query.linkedToAdvocacy !== undefined) {
    chips.push({
      key: 'linkedToAdvocacy',
      label: query.linkedToAdvocacy
        ? t('incidentFilters.advocacyYes')
        : t('incidentFilters.advocacyNo'),
      onRemove: () => update({ linkedToAdvocacy: undefined }),
    });
  }
  return chips;
}

// The filter bar of UI.md: search first, then country, violation, perpetrator, status,
// verification and the date range, then the list's other filters. Each active filter is a chip
// below; all of it lives in the address.
export function IncidentFilters({ query, update, clear }: IncidentFiltersProps) {
  const { t } = useCommonText();
  const user = useSessionUser();
  const ability = useAppAbility();
  const phone = useMediaQuery('(max-width: 48em)');
  const [opened, { toggle }] = useDisclosure(false);
  const [moreOpened, { toggle: toggleMore }] = useDisclosure(false);

  // The box shows what is typed; the address gets it once typing pauses. When the address
  // changes otherwise (a removed chip, "Clear filters", the back button), the box follows,
  // unless typing is still on its way to the address.
  const [search, setSearch] = useState(query.q ?? '');
  const [seenQ, setSeenQ] = useState(query.q);
  const [typing, setTyping] = useState(false);
  const sendSearch = useDebouncedCallback((text: string) => {
    setTyping(false);
    const next = text.trim() || undefined;
    if (next !== query.q) update({ q: next });
  }, 350);
  if (seenQ !== query.q) {
    setSeenQ(query.q);
    if (!typing) setSearch(query.q ?? '');
  }

  const countries = useCountryOptions(asArray(query.country));
  const violations = useTermOptions('violations', asArray(query.violation));
  const perpetrators = useTermOptions('perpetrators', asArray(query.perpetrator));
  const statusOptions = incidentStatuses.map((status) => ({
    value: status,
    label: t(`incidentStatus.${status}`),
  }));
  const verificationOptions = verifications.map((level) => ({
    value: level,
    label: t(`verification.${level}`),
  }));
  // drafts, returns and one's own incidents mean something to those who log incidents
  const logs = ability.can('create', 'Incident');
  const mine = query.createdById?.length === 1 && query.createdById[0] === user.id;
  const yesNo = (value: boolean | undefined) => (value === undefined ? null : String(value));

  const chips = useIncidentFilterChips(query, update);
  const activeCount = chips.filter((chip) => chip.key !== 'q').length;

  const secondaryCount = chips.filter((chip) =>
    /^(defenderId|mine|createdById|returned|linkedToAdvocacy)/.test(chip.key),
  ).length;
  const showMore = moreOpened || secondaryCount > 0;

  const searchBox = (
    <TextInput
      label={t('incidentFilters.search')}
      placeholder={t('incidentFilters.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={search}
      onChange={(event) => {
        setSearch(event.currentTarget.value);
        setTyping(true);
        sendSearch(event.currentTarget.value);
      }}
      type="search"
    />
  );
  const primary = (
    <>
      <Grid.Col span={{ base: 12, xs: 6, lg: 3 }}>
        <MultiSelect
          label={t('incidentFilters.country')}
          data={countries}
          value={asArray(query.country)}
          onChange={(value) => update({ country: value })}
          searchable
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, lg: 3 }}>
        <MultiSelect
          label={t('incidentFilters.violation')}
          data={violations}
          value={asArray(query.violation)}
          onChange={(value) => update({ violation: value })}
          searchable
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, lg: 3 }}>
        <MultiSelect
          label={t('incidentFilters.perpetrator')}
          data={perpetrators}
          value={asArray(query.perpetrator)}
          onChange={(value) => update({ perpetrator: value })}
          searchable
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, lg: 3 }}>
        <MultiSelect
          label={t('incidentFilters.status')}
          data={statusOptions}
          value={asArray(query.status)}
          onChange={(value) => update({ status: value })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, lg: 2 }}>
        <MultiSelect
          label={t('incidentFilters.verification')}
          data={verificationOptions}
          value={asArray(query.verification)}
          onChange={(value) => update({ verification: value })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, lg: 2 }}>
        <DatePickerInput
          label={t('incidentFilters.from')}
          value={query.from ?? null}
          onChange={(value) => update({ from: value ?? undefined })}
          maxDate={query.to}
          valueFormat={dateFormat}
          leftSection={<IconCalendar size={16} aria-hidden />}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, lg: 2 }}>
        <DatePickerInput
          label={t('incidentFilters.to')}
          value={query.to ?? null}
          onChange={(value) => update({ to: value ?? undefined })}
          minDate={query.from}
          valueFormat={dateFormat}
          leftSection={<IconCalendar size={16} aria-hidden />}
          clearable
        />
      </Grid.Col>
    </>
  );
  const secondary = (
    <>
      <Grid.Col span={{ base: 12, xs: 6, lg: 4 }}>
        <DefenderFilter
          value={query.defenderId?.[0]}
          onChange={(id) => update({ defenderId: id })}
        />
      </Grid.Col>
      {logs && (
        <Grid.Col span={{ base: 12, xs: 6, lg: 3 }}>
          <Select
            label={t('incidentFilters.returned')}
            placeholder={t('incidentFilters.any')}
            data={[
              { value: 'true', label: t('incidentFilters.returnedYes') },
              { value: 'false', label: t('incidentFilters.returnedNo') },
            ]}
            value={yesNo(query.returned)}
            onChange={(value) => update({ returned: value ?? undefined })}
            clearable
          />
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, xs: 6, lg: 3 }}>
        <Select
          label={t('incidentFilters.advocacy')}
          placeholder={t('incidentFilters.any')}
          data={[
            { value: 'true', label: t('incidentFilters.advocacyYes') },
            { value: 'false', label: t('incidentFilters.advocacyNo') },
          ]}
          value={yesNo(query.linkedToAdvocacy)}
          onChange={(value) => update({ linkedToAdvocacy: value ?? undefined })}
          clearable
        />
      </Grid.Col>
      {logs && (
        <Grid.Col span={{ base: 12, xs: 6, lg: 2 }} style={{ alignSelf: 'flex-end' }}>
          <Switch
            label={t('incidentFilters.mine')}
            checked={mine}
            onChange={(event) =>
              update({ createdById: event.currentTarget.checked ? [user.id] : undefined })
            }
            py={8}
          />
        </Grid.Col>
      )}
    </>
  );

  if (phone) {
    return (
      <Stack gap="xs" role="search" aria-label={t('incidentFilters.label')}>
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <div style={{ flex: 1, minWidth: 0 }}>{searchBox}</div>
          <Button
            variant="default"
            onClick={toggle}
            aria-expanded={opened}
            aria-controls="incident-filters"
            leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          >
            {activeCount > 0
              ? t('incidentFilters.toggleCount', { count: activeCount })
              : t('incidentFilters.toggle')}
          </Button>
        </Group>
        <Collapse expanded={opened} id="incident-filters">
          <Grid gap="xs">
            {primary}
            {secondary}
          </Grid>
        </Collapse>
        <FilterChips chips={chips} onClear={clear} />
      </Stack>
    );
  }

  return (
    <Stack gap="xs" role="search" aria-label={t('incidentFilters.label')}>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, lg: 6 }}>{searchBox}</Grid.Col>
        {primary}
      </Grid>
      <Collapse expanded={showMore} id="incident-more-filters">
        <Grid gap="sm">{secondary}</Grid>
      </Collapse>
      <Group gap="xs" wrap="wrap" align="center">
        {secondaryCount === 0 && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={toggleMore}
            aria-expanded={showMore}
            aria-controls="incident-more-filters"
            leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          >
            {showMore ? t('incidentFilters.fewer') : t('incidentFilters.more')}
          </Button>
        )}
        <FilterChips chips={chips} onClear={clear} />
      </Group>
    </Stack>
  );
}
