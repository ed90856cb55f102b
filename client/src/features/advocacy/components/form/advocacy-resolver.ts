import { zodResolver } from '@hookform/resolvers/zod';
import { createAdvocacyInput, updateAdvocacyInput } from '@vigil/shared/schemas/advocacy';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { i18n } from '../../../../lib/i18n.ts';
import type { AdvocacyFormValues } from './advocacy-form-model.ts';

const text = (key: string, options?: Record<string, unknown>) =>
  i18n.t(`form.errors.${key}`, { ns: 'advocacy', ...options });

interface Issue {
  code: string;
  path?: PropertyKey[];
  origin?: unknown;
  maximum?: unknown;
}

// Words for what zod says in its own terms, by field.
function messageOf(issue: Issue): string | undefined {
  const field = String(issue.path?.[0] ?? '');
  if (field === 'kind') return text('kind');
  if (field === 'date') return text('date');
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return field === 'title' ? text('title') : text('blank');
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return text('tooLong', { max: Number(issue.maximum) });
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    return text('tooMany', { max: Number(issue.maximum) });
  }
  return undefined;
}

// zodResolver over the shared schema: createAdvocacyInput for a new action,
// updateAdvocacyInput (with the version last read) for an existing one.
export function advocacyResolver({ editing }: { editing: boolean }): Resolver<AdvocacyFormValues> {
  const resolve = editing
    ? zodResolver(updateAdvocacyInput, { error: messageOf })
    : zodResolver(createAdvocacyInput, { error: messageOf });
  return async (values, context, options) => {
    const result = await resolve(values as never, context, options as never);
    const errors = result.errors as FieldErrors<AdvocacyFormValues>;
    // the schema's own words for a refused date ("A date from year 1 on") are kept
    if (errors.date && values.date === null) errors.date.message = text('date');
    if (Object.keys(errors).length === 0) {
      // on success, the parsed values (trimmed text) are what is saved
      return { values: result.values as AdvocacyFormValues, errors: {} };
    }
    return { values: {}, errors };
  };
}
