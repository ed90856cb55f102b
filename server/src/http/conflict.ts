import { AppError } from './app-error.ts';

// The request's `version` is not the record's: someone else saved first. The current record
// goes back in `details` so that the client can show what changed and let the user redo.
export function conflict(current: unknown): AppError {
  return new AppError('CONFLICT', 'Someone else saved this record first', { current });
}
