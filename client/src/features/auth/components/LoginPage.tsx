import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm, type FieldError } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { loginInput } from '@vigil/shared/schemas/auth';
import { Alert } from '../../../components/ui/Alert.tsx';
import { TextField } from '../../../components/ui/TextField.tsx';
import { useLogin } from '../api/login.ts';

// Only a path on this site: `next` comes from the address bar and must not send the user
// elsewhere (an open redirect).
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next.startsWith('/login') ? '/' : next;
}

function fieldMessage(error: FieldError | undefined, missing: string): string | undefined {
  if (!error) return undefined;
  return error.type === 'too_small' ? missing : error.message;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const expired = params.get('expired') === '1';
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useLogin();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(loginInput),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await login.mutateAsync(values);
    } catch {
      return; // shown from login.error below
    }
    // a new session starts from an empty cache: nothing of a previous user's stays around
    queryClient.removeQueries();
    await navigate(next, { replace: true });
  });

  return (
    <main className="login" id="main">
      <title>Sign in · Vigil</title>
      <form className="login-card" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <p className="brand">Vigil</p>
        <h1 id="login-title">Sign in</h1>
        {expired && !login.isError && (
          <Alert tone="info">Your session has expired, please sign in again.</Alert>
        )}
        {login.isError && <Alert tone="error">{login.error.message}</Alert>}
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          autoFocus
          error={fieldMessage(errors.email, 'Enter your email address')}
          {...register('email')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={fieldMessage(errors.password, 'Enter your password')}
          {...register('password')}
        />
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
