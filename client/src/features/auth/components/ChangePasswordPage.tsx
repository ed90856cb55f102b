import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Group, Paper, PasswordInput, Stack } from '@mantine/core';
import { changePasswordInput, minimumPasswordLength } from '@vigil/shared/schemas/auth';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useChangePassword } from '../api/change-password.ts';
import { useAuthText } from '../i18n/index.ts';
import { twoFactorPath } from '../paths.ts';

// The shared rules, and the new password typed twice: a typo here would lock its owner out.
function useFormSchema(mismatch: string) {
  return useMemo(
    () =>
      changePasswordInput
        .extend({ confirmPassword: z.string() })
        .refine((values) => values.confirmPassword === values.newPassword, {
          path: ['confirmPassword'],
          message: mismatch,
        }),
    [mismatch],
  );
}
type FormValues = z.infer<ReturnType<typeof useFormSchema>>;
const empty: FormValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordPage() {
  const { t } = useAuthText();
  const change = useChangePassword();
  const [changed, setChanged] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({
    resolver: zodResolver(useFormSchema(t('password.mismatch'))),
    defaultValues: empty,
  });

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword }) => {
    setChanged(false);
    setFailure(null);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
    } catch (error) {
      if (!applyServerErrors(error, setError)) {
        setFailure(t('password.failed', { message: (error as Error).message }));
      }
      return;
    }
    reset(empty);
    setChanged(true);
  });

  return (
    <>
      <PageHeader title={t('password.title')} description={t('password.description')} />
      <Paper component="form" onSubmit={onSubmit} noValidate maw={480} p="lg" withBorder>
        <Stack>
          {changed && (
            <Alert color="green" role="status">
              {t('password.changed')}
            </Alert>
          )}
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            required
            error={errors.currentPassword?.message}
            {...register('currentPassword')}
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.newHint', { count: minimumPasswordLength })}
            autoComplete="new-password"
            required
            error={errors.newPassword?.message}
            {...register('newPassword')}
          />
          <PasswordInput
            label={t('password.confirm')}
            autoComplete="new-password"
            required
            error={errors.confirmPassword?.message}
            {...register('confirmPassword')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={isSubmitting}>
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Anchor component={Link} to={twoFactorPath} display="block" mt="md">
        {t('password.twoFactorLink')}
      </Anchor>
    </>
  );
}
