import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

type RawQuery = Record<string, string | string[]>;

// URLSearchParams as the plain object the server's zod list schemas read: a repeated
// parameter becomes an array (`country=KH&country=MM` means either), as Express parses it.
export function queryObjectOf(params: URLSearchParams): RawQuery {
  const query: RawQuery = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

export type QueryValue =
  string | number | boolean | null | undefined | readonly (string | number)[];

// The reverse, for links and API calls: empty values are left out.
export function searchParamsOf(query: Record<string, QueryValue>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params;
}

export function queryString(query: Record<string, QueryValue>): string {
  const text = searchParamsOf(query).toString();
  return text ? `?${text}` : '';
}

// Parses with the server's own schema; a parameter it refuses (a hand-edited address, an old
// bookmark) is dropped rather than breaking the page.
export function parseListQuery<S extends z.ZodType>(schema: S, raw: RawQuery): z.output<S> {
  let query = { ...raw };
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const result = schema.safeParse(query);
    if (result.success) return result.data;
    const bad = new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')));
    if (bad.has('') || bad.size === 0) break;
    query = Object.fromEntries(Object.entries(query).filter(([key]) => !bad.has(key)));
  }
  return schema.parse({});
}

// A list's whole state (filters, search, sort, cursor) lives in the address, so that a view can
// be bookmarked and shared. `raw` holds what the user chose, `query` the parsed list query
// with the schema's defaults, ready for the API.
export function useListParams<S extends z.ZodType>(schema: S) {
  const [params, setParams] = useSearchParams();
  const raw = useMemo(() => queryObjectOf(params), [params]);
  const query = useMemo(() => parseListQuery(schema, raw), [schema, raw]);
  const update = useCallback(
    (changes: Record<string, QueryValue>) => {
      setParams(
        (current) => {
          // any change of filters starts the list again from its first page
          const next = { ...queryObjectOf(current), cursor: undefined, ...changes };
          return searchParamsOf(next);
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { raw, query, update, clear };
}
