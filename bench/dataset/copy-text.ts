// PostgreSQL's COPY text format: one line per row, tab between columns, \N for NULL, and
// backslash escapes for what would break the line.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null | readonly string[];

const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeText = (text: string) => text.replace(/[\\\t\n\r]/g, (c) => escapes[c]!);

// an array literal: every element quoted, its quotes and backslashes escaped
const arrayLiteral = (items: readonly string[]) =>
  `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

export function copyLine(values: readonly CopyValue[]): string {
  return `${values
    .map((value) =>
      value === null
        ? '\\N'
        : escapeText(typeof value === 'object' ? arrayLiteral(value) : String(value)),
    )
    .join('\t')}\n`;
}

// A field of a COPY TO line as the text it stands for.
export function unescapeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_match, c: string) =>
    c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c,
  );
}

// Streams the rows into `table` (its listed columns) with one COPY.
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const target = `"${table}" (${columns.map((column) => `"${column}"`).join(', ')})`;
  const copy = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await pipeline(
    Readable.from(
      (function* () {
        // lines batched, so that the stream moves chunks and not rows
        let chunk = '';
        for (const row of rows) {
          chunk += copyLine(row);
          if (chunk.length > 1 << 16) {
            yield chunk;
            chunk = '';
          }
        }
        if (chunk) yield chunk;
      })(),
    ),
    copy,
  );
}
