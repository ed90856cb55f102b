import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { Controller, useFormContext } from 'react-hook-form';
import { useIncidentsText } from '../../i18n/index.ts';
import { fieldId, type IncidentFormValues } from './form-model.ts';
import type { FormContext } from './form-validation.ts';
import { TermMultiSelect, TermSelect } from './TermInputs.tsx';

// One act: what one defender suffered, at whose hands.
export function ActFields({
  index,
  number,
  defenderName,
  vocabularies,
  onRemove,
}: {
  // the act's place in `acts`, and its number among the defender's acts
  index: number;
  number: number;
  defenderName: string;
  vocabularies: VocabulariesOutput;
  // absent when it is the defender's only act
  onRemove?: () => void;
}) {
  const { t } = useIncidentsText();
  const {
    control,
    register,
    formState: { errors },
  } = useFormContext<IncidentFormValues, FormContext>();
  const path = `acts.${index}` as const;
  const headingId = `${fieldId(path)}-heading`;
  return (
    <Paper
      component="fieldset"
      aria-labelledby={headingId}
      withBorder
      p="sm"
      m={0}
      bg="var(--mantine-color-default-hover)"
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text id={headingId} fw={600} size="sm">
            {t('form.acts.heading', { number, name: defenderName })}
          </Text>
          {onRemove && (
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={onRemove}
              aria-label={t('form.acts.removeNamed', { number, name: defenderName })}
            >
              {t('form.acts.remove')}
            </Button>
          )}
        </Group>
        <Controller
          control={control}
          name={`${path}.violation`}
          render={({ field, fieldState }) => (
            <TermSelect
              id={fieldId(`${path}.violation`)}
              ref={field.ref}
              vocabulary="violations"
              terms={vocabularies.violations}
              label={t('form.fields.violation')}
              description={t('form.hints.violation')}
              withAsterisk
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name={`${path}.perpetrators`}
          render={({ field, fieldState }) => (
            <TermMultiSelect
              id={fieldId(`${path}.perpetrators`)}
              ref={field.ref}
              vocabulary="perpetrators"
              terms={vocabularies.perpetrators}
              label={t('form.fields.perpetrators')}
              description={t('form.hints.perpetrators')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <Controller
          control={control}
          name={`${path}.victimStatus`}
          render={({ field, fieldState }) => (
            <TermSelect
              id={fieldId(`${path}.victimStatus`)}
              ref={field.ref}
              vocabulary="victimStatus"
              terms={vocabularies.victimStatus}
              label={t('form.fields.victimStatus')}
              description={t('form.hints.victimStatus')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              clearable
              clearButtonProps={{
                'aria-label': t('form.clear', { field: t('form.fields.victimStatus') }),
              }}
              error={fieldState.error?.message}
            />
          )}
        />
        <Textarea
          id={fieldId(`${path}.notes`)}
          label={t('form.fields.notes')}
          autosize
          minRows={2}
          maxRows={10}
          error={errors.acts?.[index]?.notes?.message}
          {...register(`${path}.notes`)}
        />
      </Stack>
    </Paper>
  );
}
