import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { twoFactorConfirmInput, type TwoFactorConfirmInput } from '@vigil/shared/schemas/auth';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useAuthText } from '../i18n/index.ts';

interface ConfirmWithCodeFormProps {
  submitLabel: string;
  danger?: boolean;
  onConfirm: (input: TwoFactorConfirmInput) => Promise<unknown>;
}

// The password and a second factor (a code from the app or a recovery code), which changing
// two-factor sign-in asks for.
export function ConfirmWithCodeForm({ submitLabel, danger, onConfirm }: ConfirmWithCodeFormProps) {
  const { t } = useAuthText();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TwoFactorConfirmInput>({
    resolver: zodResolver(twoFactorConfirmInput),
    defaultValues: { password: '', code: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await onConfirm(values);
    } catch (error) {
      if (!applyServerErrors(error, setError)) {
        setFailure(t('twoFactor.failed', { message: (error as Error).message }));
      }
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <PasswordInput
          label={t('twoFactor.password')}
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...register('password')}
        />
        <TextInput
          label={t('twoFactor.confirmCode')}
          autoComplete="one-time-code"
          required
          error={errors.code?.message}
          {...register('code')}
        />
        <Group justify="flex-end">
          <Button type="submit" color={danger ? 'red' : undefined} loading={isSubmitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
