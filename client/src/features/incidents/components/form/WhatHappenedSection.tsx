import { Select, Textarea, TextInput } from '@mantine/core';
import { Controller, useFormContext } from 'react-hook-form';
import { useIncidentsText } from '../../i18n/index.ts';
import { FormSection } from '../../../../components/ui/FormSection.tsx';
import { fieldId, type IncidentFormValues } from './form-model.ts';
import type { FormContext } from './form-validation.ts';
import { OccurredOnField } from './OccurredOnField.tsx';

export function WhatHappenedSection({
  countries,
}: {
  countries: { value: string; label: string }[];
}) {
  const { t } = useIncidentsText();
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<IncidentFormValues, FormContext>();
  return (
    <FormSection
      id="incident-what"
      title={t('form.sections.what')}
      description={t('form.sections.whatText')}
    >
      <TextInput
        id={fieldId('title')}
        label={t('form.fields.title')}
        description={t('form.hints.title')}
        withAsterisk
        error={errors.title?.message}
        {...register('title')}
      />
      <Textarea
        id={fieldId('summary')}
        label={t('form.fields.summary')}
        description={t('form.hints.summary')}
        withAsterisk
        autosize
        minRows={4}
        maxRows={16}
        error={errors.summary?.message}
        {...register('summary')}
      />
      <OccurredOnField />
      <Controller
        control={control}
        name="country"
        render={({ field, fieldState }) => (
          <Select
            id={fieldId('country')}
            ref={field.ref}
            label={t('form.fields.country')}
            withAsterisk
            data={countries}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            searchable
            nothingFoundMessage={t('form.nothingFound')}
            error={fieldState.error?.message}
            maw={{ sm: 360 }}
          />
        )}
      />
      <TextInput
        id={fieldId('location')}
        label={t('form.fields.location')}
        description={t('form.hints.location')}
        error={errors.location?.message}
        {...register('location')}
      />
    </FormSection>
  );
}
