import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { validationError, type FieldIssue } from './app-error.ts';
import { issuesOf } from './error-handler.ts';

interface Schemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

export type Input<S extends Schemas> = {
  [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never;
};

// Parses params, query and body with their schemas into res.locals.input (Express 5's
// req.query is read-only); every problem of every part is listed in one VALIDATION error.
export function validate<S extends Schemas>(schemas: S): RequestHandler {
  return (req, res, next) => {
    const input: Record<string, unknown> = {};
    const issues: FieldIssue[] = [];
    for (const part of ['params', 'query', 'body'] as const) {
      const schema = schemas[part];
      if (!schema) continue;
      const result = schema.safeParse(part === 'body' ? (req.body ?? {}) : req[part]);
      if (result.success) input[part] = result.data;
      else issues.push(...issuesOf(result.error, part));
    }
    if (issues.length > 0) return next(validationError(issues));
    res.locals.input = input;
    next();
  };
}
