import { Group, MultiSelect, Select, Stack } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { auditActions } from '@vigil/shared/enums';
import { FilterChips, type FilterChip } from '../../../components/ui/FilterChips.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useAuditText } from '../i18n/index.ts';

type Raw = Record<string, string | string[]>;

export const auditEntities = [
  'Incident',
  'Defender',
  'AdvocacyAction',
  'User',
  'VocabularyTerm',
] as const;

const listOf = (value: string | string[] | undefined) =>
  value === undefined ? [] : [value].flat();
const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : null);

interface AuditFiltersProps {
  raw: Raw;
  update: (changes: Record<string, string | string[] | undefined>) => void;
  clear: () => void;
  // the people the caller can name, for the "who" filter
  actors: { value: string; label: string }[];
}

export function AuditFilters({ raw, update, clear, actors }: AuditFiltersProps) {
  const { t } = useAuditText();
  const actions = listOf(raw.action);
  const entities = listOf(raw.entity);
  const actorId = single(raw.actorId);
  const day = (value: string | null) => (value ? formatDate(value) : undefined);
  const chips: FilterChip[] = [
    ...actions.map((action) => ({
      key: `action:${action}`,
      label: t('filters.chipAction', { value: t(`action.${action}`) }),
      onRemove: () => update({ action: actions.filter((other) => other !== action) }),
    })),
    ...entities.map((entity) => ({
      key: `entity:${entity}`,
      label: t('filters.chipEntity', { value: t(`entity.${entity}`, { defaultValue: entity }) }),
      onRemove: () => update({ entity: entities.filter((other) => other !== entity) }),
    })),
    ...(actorId
      ? [
          {
            key: 'actor',
            label: t('filters.chipActor', {
              value: actors.find((actor) => actor.value === actorId)?.label ?? t('actor.unknown'),
            }),
            onRemove: () => update({ actorId: undefined }),
          },
        ]
      : []),
    ...(raw.entityId !== undefined
      ? [
          {
            key: 'entityId',
            label: t('filters.oneRecord'),
            onRemove: () => update({ entityId: undefined }),
          },
        ]
      : []),
    ...(['from', 'to'] as const).flatMap((bound) => {
      const value = day(single(raw[bound]));
      return value
        ? [
            {
              key: bound,
              label: t(bound === 'from' ? 'filters.chipFrom' : 'filters.chipTo', { value }),
              onRemove: () => update({ [bound]: undefined }),
            },
          ]
        : [];
    }),
  ];
  return (
    <Stack gap="xs" role="search" aria-label={t('filters.label')}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <MultiSelect
          label={t('filters.action')}
          placeholder={actions.length === 0 ? t('filters.actionPlaceholder') : undefined}
          data={auditActions.map((action) => ({ value: action, label: t(`action.${action}`) }))}
          value={actions}
          onChange={(action) => update({ action })}
          clearable
          flex="1 1 14rem"
        />
        <MultiSelect
          label={t('filters.entity')}
          placeholder={entities.length === 0 ? t('filters.entityPlaceholder') : undefined}
          data={auditEntities.map((entity) => ({ value: entity, label: t(`entity.${entity}`) }))}
          value={entities}
          onChange={(entity) => update({ entity })}
          clearable
          flex="1 1 14rem"
        />
        {actors.length > 0 && (
          <Select
            label={t('filters.actor')}
            placeholder={t('filters.actorPlaceholder')}
            data={actors}
            value={actorId}
            onChange={(actorId) => update({ actorId: actorId ?? undefined })}
            searchable
            clearable
            flex="1 1 12rem"
          />
        )}
        <DatePickerInput
          label={t('filters.from')}
          value={single(raw.from)}
          onChange={(from) => update({ from: from ?? undefined })}
          valueFormat="D MMM YYYY"
          clearable
          maxDate={single(raw.to) ?? undefined}
          w={{ base: '100%', xs: 170 }}
        />
        <DatePickerInput
          label={t('filters.to')}
          value={single(raw.to)}
          onChange={(to) => update({ to: to ?? undefined })}
          valueFormat="D MMM YYYY"
          clearable
          minDate={single(raw.from) ?? undefined}
          w={{ base: '100%', xs: 170 }}
        />
      </Group>
      <FilterChips chips={chips} onClear={clear} />
    </Stack>
  );
}
