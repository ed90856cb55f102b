import { ForbiddenError } from '@casl/ability';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { Prisma } from '../../../prisma/generated/client.ts';
import { isDatabaseUnavailable, loggableError } from '../db/database-errors.ts';
import { AppError, validationError, type FieldIssue } from './app-error.ts';

export function issuesOf(error: z.ZodError, where?: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...(where ? [where] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

interface BodyParserError {
  type?: string;
  status?: number;
}

// Maps whatever was thrown to the contract's error body; anything unexpected is logged with
// the request id and answered without detail.
function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return validationError(issuesOf(error));
  if (error instanceof ForbiddenError) {
    return new AppError('FORBIDDEN', 'You are not allowed to do this');
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2025') return new AppError('NOT_FOUND', 'Record not found');
    if (error.code === 'P2002')
      return new AppError('CONFLICT', 'A record with these values exists');
  }
  // a database that is down, restarting or out of reach: the request may be tried again soon
  if (isDatabaseUnavailable(error)) {
    return new AppError('UNAVAILABLE', 'The database is unreachable; try again in a moment');
  }
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.parse.failed') {
    return new AppError('BAD_JSON', 'The body is not valid JSON');
  }
  if (parserError.type === 'entity.too.large') {
    return new AppError('TOO_LARGE', 'The body is larger than 1 MB');
  }
  if (parserError.type && parserError.status && parserError.status < 500) {
    return new AppError('VALIDATION', 'The body could not be read');
  }
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const known = toAppError(error);
  // a database error is logged without its statement, parameters or DETAIL (row values)
  if (!known) req.log.error({ err: loggableError(error) }, 'unhandled error');
  else if (known.code === 'UNAVAILABLE' && known !== error) {
    req.log.warn({ err: loggableError(error) }, 'database unavailable');
  }
  const appError = known ?? new AppError('INTERNAL', 'Something went wrong on our side');
  const body: { code: string; message: string; details?: unknown } = {
    code: appError.code,
    message: appError.message,
  };
  if (appError.details !== undefined) body.details = appError.details;
  res.status(appError.status).json({ error: body });
};

export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('NOT_FOUND', 'No such endpoint'));
};
