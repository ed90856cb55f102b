import type { useIncidentsText } from '../../i18n/index.ts';
import { isApiError } from '../../../../lib/api-client.ts';

function sourcesIn(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const sources = (details as { sources?: unknown }).sources;
  return typeof sources === 'number' ? sources : undefined;
}

// A refused step, in words the reviewer can act on.
export function workflowErrorMessage(error: unknown, t: ReturnType<typeof useIncidentsText>['t']) {
  if (isApiError(error, 'INVALID_TRANSITION')) {
    const sources = sourcesIn(error.details);
    return sources === undefined
      ? t('workflow.error.invalid')
      : t('workflow.error.needsSources', { count: sources });
  }
  if (isApiError(error, 'CONFLICT')) return t('workflow.error.conflict');
  if (isApiError(error, 'FORBIDDEN')) return t('workflow.error.forbidden');
  if (isApiError(error, 'NOT_FOUND')) return t('workflow.error.notFound');
  const message = error instanceof Error ? error.message : String(error);
  return t('workflow.error.other', { message });
}
