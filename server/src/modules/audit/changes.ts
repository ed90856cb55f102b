// Field-level changes for the audit log: {field: {from, to}} for every field whose value
// differs. Sensitive values are masked (`sources.identity` inside each source): the log says
// that they changed, never what they were.
export type Changes = Record<string, { from: unknown; to: unknown }>;

const masked = '[redacted]';

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

function mask(field: string, value: unknown, sensitive: readonly string[]): unknown {
  if (value === null) return null;
  if (sensitive.includes(field)) return masked;
  const children = sensitive
    .filter((name) => name.startsWith(`${field}.`))
    .map((name) => name.slice(field.length + 1));
  if (children.length === 0 || !Array.isArray(value)) return value;
  return value.map((item: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(item).map(([key, v]) => [
        key,
        children.includes(key) && v !== null ? masked : v,
      ]),
    ),
  );
}

export function changesOf(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  sensitive: readonly string[] = [],
): Changes {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: Changes = {};
  for (const field of fields) {
    const from = plain(before?.[field]);
    const to = plain(after?.[field]);
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = { from: mask(field, from, sensitive), to: mask(field, to, sensitive) };
  }
  return changes;
}
