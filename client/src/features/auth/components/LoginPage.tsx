import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { loginInput, type LoginInput } from '@vigil/shared/schemas/auth';
import { isApiError } from '../../../lib/api-client.ts';
import { useAuthText } from '../i18n/index.ts';
import { useLogin } from '../api/login.ts';
import { SecondFactorForm, type SecondFactorAnswer } from './SecondFactorForm.tsx';

// Only a path on this site: `next` comes from the address bar and must not send the user
// elsewhere (an open redirect).
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next.startsWith('/login') ? '/' : next;
}

// The server asks for a second factor once the password was right.
const asksForSecondFactor = (error: unknown) =>
  isApiError(error, 'UNAUTHENTICATED') &&
  (error.details as { totpRequired?: boolean } | undefined)?.totpRequired === true;

function fieldMessage(error: FieldError | undefined, missing: string): string | undefined {
  if (!error) return undefined;
  return error.type === 'too_small' ? missing : error.message;
}

export function LoginPage() {
  const { t } = useAuthText();
  const [params] = useSearchParams();
  const expired = params.get('expired') === '1';
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useLogin();
  // email and password, kept in memory only for the second step's request
  const [firstStep, setFirstStep] = useState<Pick<LoginInput, 'email' | 'password'> | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(loginInput),
    defaultValues: { email: '', password: '' },
  });

  const signedIn = async () => {
    // a new session starts from an empty cache: nothing of a previous user's stays around
    queryClient.removeQueries();
    await navigate(next, { replace: true });
  };

  const onSubmit = handleSubmit(async (values) => {
    try {
      await login.mutateAsync(values);
    } catch (error) {
      if (asksForSecondFactor(error)) {
        login.reset();
        setFirstStep({ email: values.email, password: values.password });
      }
      return; // anything else is shown from login.error below
    }
    await signedIn();
  });

  const onSecondFactor = async (factor: SecondFactorAnswer) => {
    await login.mutateAsync({ ...firstStep!, ...factor });
    await signedIn();
  };

  const backToPassword = () => {
    login.reset();
    setFirstStep(null);
  };

  return (
    <Center component="main" id="main" mih="100vh" p="md">
      <title>{`${t('signIn.title')} · Vigil`}</title>
      <Paper
        component="section"
        aria-labelledby="login-title"
        w="100%"
        maw={380}
        p="xl"
        shadow="sm"
      >
        <Stack>
          <Text fw={700} fz="xl" c="vigil">
            Vigil
          </Text>
          <Title order={1} id="login-title">
            {firstStep ? t('signIn.secondStepTitle') : t('signIn.title')}
          </Title>
          {firstStep ? (
            <SecondFactorForm onSubmit={onSecondFactor} onBack={backToPassword} />
          ) : (
            <form onSubmit={onSubmit} noValidate>
              <Stack>
                {expired && !login.isError && (
                  <Alert color="blue" role="status">
                    {t('signIn.expired')}
                  </Alert>
                )}
                {login.isError && (
                  <Alert color="red" role="alert">
                    {login.error.message}
                  </Alert>
                )}
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="username"
                  autoFocus
                  error={fieldMessage(errors.email, t('signIn.emailMissing'))}
                  {...register('email')}
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  error={fieldMessage(errors.password, t('signIn.passwordMissing'))}
                  {...register('password')}
                />
                <Button type="submit" loading={isSubmitting}>
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
