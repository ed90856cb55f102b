import { Button, Group, MultiSelect, Pill, Select, Stack } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { auditActions } from '@vigil/shared/enums';
import { useCommonText } from '../../../lib/i18n.ts';
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
  const common = useCommonText();
  const filtered = Object.keys(raw).some((key) => key !== 'cursor' && key !== 'limit');
  const actions = listOf(raw.action);
  const entities = listOf(raw.entity);
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
            value={single(raw.actorId)}
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
      {filtered && (
        <Group gap="xs">
          {raw.entityId !== undefined && (
            <Pill
              withRemoveButton
              onRemove={() => update({ entityId: undefined })}
              removeButtonProps={{
                tabIndex: 0,
                'aria-hidden': false,
                'aria-label': common.t('actions.removeFilter', { name: t('filters.oneRecord') }),
              }}
            >
              {t('filters.oneRecord')}
            </Pill>
          )}
          <Button variant="subtle" size="compact-sm" onClick={clear}>
            {common.t('actions.clearFilters')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
