import { zodResolver } from '@hookform/resolvers/zod';
import { createDefenderInput, updateDefenderInput } from '@vigil/shared/schemas/defenders';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { i18n } from '../../../../lib/i18n.ts';
import type { DefenderFormValues } from './defender-form-model.ts';

const text = (key: string, options?: Record<string, unknown>) =>
  i18n.t(`form.errors.${key}`, { ns: 'defenders', ...options });

interface Issue {
  code: string;
  path?: PropertyKey[];
  origin?: unknown;
  maximum?: unknown;
}

// Words for what zod says in its own terms; the schemas' own sentences are replaced where the
// form can say better what to do.
function messageOf(issue: Issue): string | undefined {
  const field = String(issue.path?.[0] ?? '');
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return field === 'displayName' ? text('displayName') : text('blank');
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return text('tooLong', { max: Number(issue.maximum) });
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    return text('tooMany', { max: Number(issue.maximum) });
  }
  if (field === 'birthYear') return text('birthYear');
  return undefined;
}

// zodResolver over the shared schema: createDefenderInput for a new defender,
// updateDefenderInput (with the version last read) for an existing one.
export function defenderResolver({ editing }: { editing: boolean }): Resolver<DefenderFormValues> {
  const resolve = editing
    ? zodResolver(updateDefenderInput, { error: messageOf })
    : zodResolver(createDefenderInput, { error: messageOf });
  return async (values, context, options) => {
    const result = await resolve(values as never, context, options as never);
    const errors = result.errors as FieldErrors<DefenderFormValues>;
    if (errors.country) errors.country.message = text('country');
    if (errors.aliases?.type === 'custom') errors.aliases.message = text('aliasTwice');
    if (errors.sectors?.type === 'custom') errors.sectors.message = text('sectorTwice');
    // on success, the parsed values (trimmed text) are what is saved
    if (Object.keys(errors).length === 0) {
      return { values: result.values as DefenderFormValues, errors: {} };
    }
    return { values: {}, errors };
  };
}
