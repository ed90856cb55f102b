import { Alert, Button, Stack } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageHeader } from '../components/ui/PageHeader.tsx';
import { isApiError } from '../lib/api-client.ts';
import { useCommonText } from '../lib/i18n.ts';

export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useCommonText();
  const message = isApiError(error)
    ? error.message
    : isRouteErrorResponse(error)
      ? `${error.status} ${error.statusText}`
      : // a lazy page that fails to load usually means a new version was deployed meanwhile
        t('state.errorText');
  return (
    <Stack component="section" aria-labelledby="page-title" p="md" align="flex-start">
      <PageHeader title={t('state.errorTitle')} />
      <Alert color="red" role="alert">
        {message}
      </Alert>
      <Button onClick={() => window.location.reload()}>{t('actions.reload')}</Button>
    </Stack>
  );
}
