import { Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { twoFactorConfirmInput, type TwoFactorConfirmInput } from '@vigil/shared/schemas/auth';
import { useAuthText } from '../i18n/index.ts';
import { useTwoFactorForm } from './use-two-factor-form.tsx';

interface ConfirmWithCodeFormProps {
  submitLabel: string;
  danger?: boolean;
  onConfirm: (input: TwoFactorConfirmInput) => Promise<unknown>;
}

// The password and a second factor (a code from the app or a recovery code), which changing
// two-factor sign-in asks for.
export function ConfirmWithCodeForm({ submitLabel, danger, onConfirm }: ConfirmWithCodeFormProps) {
  const { t } = useAuthText();
  const { register, errors, isSubmitting, onSubmit, alert } = useTwoFactorForm(
    twoFactorConfirmInput,
    { password: '', code: '' },
    onConfirm,
  );

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        {alert}
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
