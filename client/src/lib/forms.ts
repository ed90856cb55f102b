import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isApiError } from './api-client.ts';

interface FieldIssue {
  path: string;
  message: string;
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldIssue).path === 'string' &&
    typeof (value as FieldIssue).message === 'string'
  );
}

// Puts a 400 VALIDATION answer's `details` on the form's own fields (`body.acts.0.violation`
// becomes `acts.0.violation`), so that server errors show next to the field like client ones.
// Returns whether any landed on a field.
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
): boolean {
  if (!isApiError(error, 'VALIDATION') || !Array.isArray(error.details)) return false;
  let placed = false;
  for (const issue of error.details.filter(isFieldIssue)) {
    const field = issue.path.replace(/^body\./, '');
    if (!field || field === 'body') continue;
    setError(field as Path<T>, { type: 'server', message: issue.message });
    placed = true;
  }
  return placed;
}
