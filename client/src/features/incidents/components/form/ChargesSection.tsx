import {
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useIncidentsText } from '../../i18n/index.ts';
import { useDefenderNames } from './defender-names.tsx';
import { FormSection } from '../../../../components/ui/FormSection.tsx';
import { defenderIdsOf, fieldId, newCharge, type IncidentFormValues } from './form-model.ts';
import type { FormContext } from './form-validation.ts';
import { parseTypedDate } from './OccurredOnField.tsx';
import { TermSelect } from './TermInputs.tsx';

function focusSoon(id: string) {
  window.setTimeout(() => document.getElementById(id)?.focus(), 50);
}

// Charges brought against the defenders of the incident.
export function ChargesSection({ vocabularies }: { vocabularies: VocabulariesOutput }) {
  const { t } = useIncidentsText();
  const names = useDefenderNames();
  const {
    control,
    register,
    formState: { errors },
  } = useFormContext<IncidentFormValues, FormContext>();
  const { fields, append, remove } = useFieldArray({ control, name: 'charges' });
  const acts = useWatch({ control, name: 'acts' });
  const defenderIds = defenderIdsOf(acts);
  const defenderData = defenderIds.map((id) => ({ value: id, label: names.labelOf(id) }));

  return (
    <FormSection
      id="incident-charges"
      title={t('form.sections.charges')}
      description={t('form.sections.chargesText')}
    >
      {fields.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('form.charges.none')}
        </Text>
      )}
      {fields.map((field, index) => {
        const path = `charges.${index}` as const;
        const number = index + 1;
        const headingId = `${fieldId(path)}-heading`;
        const chargeErrors = errors.charges?.[index];
        return (
          <Paper key={field.id} component="fieldset" aria-labelledby={headingId} p="sm" m={0}>
            <Stack gap="sm">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text id={headingId} fw={600} size="sm">
                  {t('form.charges.heading', { number })}
                </Text>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  leftSection={<IconTrash size={14} aria-hidden />}
                  onClick={() => {
                    remove(index);
                    focusSoon(fieldId('charges'));
                  }}
                  aria-label={t('form.charges.removeNamed', { number })}
                >
                  {t('form.charges.remove')}
                </Button>
              </Group>
              <Controller
                control={control}
                name={`${path}.defenderId`}
                render={({ field: input, fieldState }) => (
                  <Select
                    id={fieldId(`${path}.defenderId`)}
                    ref={input.ref}
                    label={t('form.fields.chargedDefender')}
                    withAsterisk
                    data={
                      input.value && !defenderIds.includes(input.value)
                        ? [
                            ...defenderData,
                            { value: input.value, label: names.labelOf(input.value) },
                          ]
                        : defenderData
                    }
                    value={input.value}
                    onChange={input.onChange}
                    onBlur={input.onBlur}
                    allowDeselect={false}
                    error={fieldState.error?.message}
                  />
                )}
              />
              <TextInput
                id={fieldId(`${path}.law`)}
                label={t('form.fields.law')}
                description={t('form.hints.law')}
                withAsterisk
                error={chargeErrors?.law?.message}
                {...register(`${path}.law`)}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <Controller
                  control={control}
                  name={`${path}.status`}
                  render={({ field: input, fieldState }) => (
                    <TermSelect
                      id={fieldId(`${path}.status`)}
                      ref={input.ref}
                      vocabulary="chargeStatus"
                      terms={vocabularies.chargeStatus}
                      label={t('form.fields.chargeStatus')}
                      withAsterisk
                      value={input.value}
                      onChange={input.onChange}
                      onBlur={input.onBlur}
                      error={fieldState.error?.message}
                    />
                  )}
                />
                <Controller
                  control={control}
                  name={`${path}.filedOn`}
                  render={({ field: input, fieldState }) => (
                    <DateInput
                      id={fieldId(`${path}.filedOn`)}
                      ref={input.ref}
                      label={t('form.fields.filedOn')}
                      value={input.value}
                      onChange={input.onChange}
                      onBlur={input.onBlur}
                      dateParser={parseTypedDate}
                      valueFormat="D MMM YYYY"
                      clearable
                      clearButtonProps={{
                        'aria-label': t('form.clear', { field: t('form.fields.filedOn') }),
                      }}
                      error={fieldState.error?.message}
                    />
                  )}
                />
              </SimpleGrid>
              <TextInput
                id={fieldId(`${path}.sentence`)}
                label={t('form.fields.sentence')}
                description={t('form.hints.sentence')}
                error={chargeErrors?.sentence?.message}
                {...register(`${path}.sentence`)}
              />
              <Textarea
                id={fieldId(`${path}.description`)}
                label={t('form.fields.chargeDescription')}
                autosize
                minRows={2}
                maxRows={8}
                error={chargeErrors?.description?.message}
                {...register(`${path}.description`)}
              />
            </Stack>
          </Paper>
        );
      })}
      <Group gap="sm">
        <Button
          id={fieldId('charges')}
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={defenderIds.length === 0}
          onClick={() => {
            append(newCharge(defenderIds.length === 1 ? defenderIds[0]! : null), {
              shouldFocus: false,
            });
            focusSoon(
              fieldId(
                `charges.${fields.length}.${defenderIds.length === 1 ? 'law' : 'defenderId'}`,
              ),
            );
          }}
        >
          {fields.length === 0 ? t('form.charges.add') : t('form.charges.addAnother')}
        </Button>
        {defenderIds.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('form.charges.needDefender')}
          </Text>
        )}
      </Group>
    </FormSection>
  );
}
