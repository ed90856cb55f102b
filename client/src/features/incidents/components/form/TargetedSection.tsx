import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import type { DefenderOutput, DefenderSummary } from '@vigil/shared/schemas/defenders';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { useState } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { countryName } from '../../../../lib/format.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { ActFields } from './ActFields.tsx';
import { useDefenderNames } from './defender-names.tsx';
import { DefenderPicker } from './DefenderPicker.tsx';
import { FormSection } from '../../../../components/ui/FormSection.tsx';
import { defenderIdsOf, fieldId, newAct, type IncidentFormValues } from './form-model.ts';
import type { FormContext } from './form-validation.ts';
import { NewDefenderModal } from './NewDefenderModal.tsx';

// Focus follows what the user just added, once it is on the page.
function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus(), 50);
}

// Who was targeted and what each of them suffered: the defenders, each with their acts.
export function TargetedSection({
  vocabularies,
  countries,
}: {
  vocabularies: VocabulariesOutput;
  countries: { value: string; label: string }[];
}) {
  const { t } = useIncidentsText();
  const names = useDefenderNames();
  const {
    control,
    getValues,
    setValue,
    formState: { errors },
  } = useFormContext<IncidentFormValues, FormContext>();
  const { fields, append, insert, remove } = useFieldArray({ control, name: 'acts' });
  const country = useWatch({ control, name: 'country' });
  const [newDefender, setNewDefender] = useState<{ name: string } | null>(null);
  const defenderIds = defenderIdsOf(fields);
  const actsError = errors.acts?.root?.message ?? errors.acts?.message;

  function addDefender(defender: DefenderOutput | DefenderSummary) {
    names.remember(defender);
    const present = getValues('acts').findIndex((act) => act.defenderId === defender.id);
    if (present >= 0) {
      focusSoon(fieldId(`acts.${present}.violation`));
      return;
    }
    append(newAct(defender.id), { shouldFocus: false });
    focusSoon(fieldId(`acts.${fields.length}.violation`));
  }

  function addAct(defenderId: string) {
    const acts = getValues('acts');
    const last = acts.findLastIndex((act) => act.defenderId === defenderId);
    insert(last + 1, newAct(defenderId), { shouldFocus: false });
    focusSoon(fieldId(`acts.${last + 1}.violation`));
  }

  function removeDefender(defenderId: string) {
    const indexes = getValues('acts')
      .map((act, index) => (act.defenderId === defenderId ? index : -1))
      .filter((index) => index >= 0);
    remove(indexes);
    // their charges go with them
    const charges = getValues('charges');
    if (charges.some((charge) => charge.defenderId === defenderId)) {
      setValue(
        'charges',
        charges.filter((charge) => charge.defenderId !== defenderId),
        { shouldDirty: true },
      );
    }
    focusSoon(fieldId('acts'));
  }

  return (
    <FormSection
      id="incident-targeted"
      title={t('form.sections.targeted')}
      description={t('form.sections.targetedText')}
    >
      {defenderIds.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('form.defenders.none')}
        </Text>
      )}
      {defenderIds.map((defenderId) => {
        const name = names.nameOf(defenderId);
        const label = names.labelOf(defenderId);
        const acts = fields
          .map((field, index) => ({ field, index }))
          .filter(({ field }) => field.defenderId === defenderId);
        const headingId = `incident-defender-${defenderId}`;
        return (
          <Paper key={defenderId} component="article" aria-labelledby={headingId} p="sm">
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0 }}>
                  <Title order={3} id={headingId} style={{ overflowWrap: 'anywhere' }}>
                    {label}
                  </Title>
                  {name.state === 'known' && (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {[name.defender.aliases.join(', '), countryName(name.defender.country)]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  )}
                </div>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  leftSection={<IconUserMinus size={14} aria-hidden />}
                  onClick={() => removeDefender(defenderId)}
                  aria-label={t('form.defenders.removeNamed', { name: label })}
                >
                  {t('form.defenders.remove')}
                </Button>
              </Group>
              {acts.map(({ field, index }, position) => (
                <ActFields
                  key={field.id}
                  index={index}
                  number={position + 1}
                  defenderName={label}
                  vocabularies={vocabularies}
                  {...(acts.length > 1 ? { onRemove: () => remove(index) } : {})}
                />
              ))}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => addAct(defenderId)}
                  aria-label={t('form.acts.addNamed', { name: label })}
                >
                  {t('form.acts.add')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      <Stack gap="xs">
        <DefenderPicker
          id={fieldId('acts')}
          excluded={defenderIds}
          error={actsError}
          onPick={addDefender}
          onNew={(name) => setNewDefender({ name })}
        />
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconUserPlus size={14} aria-hidden />}
            onClick={() => setNewDefender({ name: '' })}
          >
            {t('form.defenders.recordNew')}
          </Button>
        </Group>
      </Stack>
      <NewDefenderModal
        opened={newDefender !== null}
        initialName={newDefender?.name ?? ''}
        country={country}
        countries={countries}
        vocabularies={vocabularies}
        onClose={() => setNewDefender(null)}
        onChosen={(defender) => {
          setNewDefender(null);
          addDefender(defender);
        }}
      />
    </FormSection>
  );
}
