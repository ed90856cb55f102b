import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Alert } from '../components/ui/Alert.tsx';
import { isApiError } from '../lib/api-client.ts';

function messageOf(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  // a lazy page that fails to load usually means a new version was deployed meanwhile
  return 'Something went wrong while showing this page.';
}

export function RouteErrorPage() {
  const error = useRouteError();
  return (
    <section className="page" aria-labelledby="page-title">
      <title>Error · Vigil</title>
      <h1 id="page-title">This page could not be shown</h1>
      <Alert tone="error">{messageOf(error)}</Alert>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </p>
    </section>
  );
}
