import { Radio, Stack } from '@mantine/core';
import { confidentialities } from '@vigil/shared/enums';
import { Controller, useFormContext } from 'react-hook-form';
import { useIncidentsText } from '../../i18n/index.ts';
import { FormSection } from '../../../../components/ui/FormSection.tsx';
import { fieldId, type IncidentFormValues } from './form-model.ts';
import type { FormContext } from './form-validation.ts';

export function ConfidentialitySection() {
  const { t } = useIncidentsText();
  const { control } = useFormContext<IncidentFormValues, FormContext>();
  return (
    <FormSection id="incident-confidentiality" title={t('form.sections.confidentiality')}>
      <Controller
        control={control}
        name="confidentiality"
        render={({ field }) => (
          <Radio.Group
            id={fieldId('confidentiality')}
            label={t('form.fields.confidentiality')}
            value={field.value}
            onChange={(value) => field.onChange(value)}
          >
            <Stack gap="sm" mt="xs">
              {confidentialities.map((value) => (
                <Radio
                  key={value}
                  value={value}
                  label={t(`common:confidentiality.${value}`)}
                  description={t(`form.confidentiality.${value}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
      />
    </FormSection>
  );
}
