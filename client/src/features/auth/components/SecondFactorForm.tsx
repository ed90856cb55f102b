import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { recoveryCode, totpCode } from '@vigil/shared/schemas/auth';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../../lib/api-client.ts';
import { useAuthText } from '../i18n/index.ts';

export type SecondFactorAnswer = { totp: string } | { recoveryCode: string };

interface SecondFactorFormProps {
  // signs in with the password kept from the first step and this factor
  onSubmit: (factor: SecondFactorAnswer) => Promise<void>;
  onBack: () => void;
}

// The second step of sign-in for an account with two-factor sign-in: a code from the app, or
// one of the recovery codes.
export function SecondFactorForm({ onSubmit, onBack }: SecondFactorFormProps) {
  const { t } = useAuthText();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const parsed = (useRecovery ? recoveryCode : totpCode).safeParse(value);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return;
    }
    setFieldError(undefined);
    setSubmitting(true);
    try {
      await onSubmit(useRecovery ? { recoveryCode: parsed.data } : { totp: parsed.data });
    } catch (error) {
      setValue('');
      setFailure(
        isApiError(error, 'UNAUTHENTICATED') ? t('signIn.wrongCode') : (error as Error).message,
      );
    } finally {
      setSubmitting(false);
    }
  };

  const switchFactor = () => {
    setUseRecovery(!useRecovery);
    setValue('');
    setFieldError(undefined);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{useRecovery ? t('signIn.recoveryHint') : t('signIn.secondStepHint')}</Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        {useRecovery ? (
          <TextInput
            key="recovery"
            label={t('signIn.recoveryCode')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
            ff="monospace"
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            error={fieldError}
          />
        ) : (
          <TextInput
            key="totp"
            label={t('signIn.code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
            value={value}
            onChange={(event) => setValue(event.currentTarget.value.replace(/\s/g, ''))}
            error={fieldError}
          />
        )}
        <Button type="submit" loading={submitting}>
          {t('signIn.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={switchFactor}>
          {useRecovery ? t('signIn.useApp') : t('signIn.useRecoveryCode')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onBack}>
          {t('signIn.back')}
        </Anchor>
      </Stack>
    </form>
  );
}
