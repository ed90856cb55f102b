import { zodResolver } from '@hookform/resolvers/zod';
import { Alert } from '@mantine/core';
import { useState } from 'react';
import { useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useAuthText } from '../i18n/index.ts';

// A form of the two-factor screens: the shared schema checks it, server errors land on its
// fields, and any other failure shows in an alert above it.
export function useTwoFactorForm<T extends FieldValues>(
  schema: z.ZodType<T, T>,
  defaultValues: DefaultValues<T>,
  submit: (values: T) => Promise<unknown>,
) {
  const { t } = useAuthText();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<T>({ resolver: zodResolver(schema), defaultValues });
  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await submit(values);
    } catch (error) {
      if (!applyServerErrors(error, form.setError)) {
        setFailure(t('twoFactor.failed', { message: (error as Error).message }));
      }
    }
  });
  const alert = failure && (
    <Alert color="red" role="alert">
      {failure}
    </Alert>
  );
  const { errors, isSubmitting } = form.formState;
  return { register: form.register, errors, isSubmitting, onSubmit, alert };
}
