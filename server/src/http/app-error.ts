import { errorStatus, type ErrorCode } from '@vigil/shared/errors';

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export const notFound = (what = 'Record') => new AppError('NOT_FOUND', `${what} not found`);

export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION', 'The request is not valid', issues);
}
