import type pg from 'pg';
import { addKeyToFiles, keyFilesOf, type DataKeySettings } from './data-key.ts';
import {
  configuredFieldCipher,
  placeOf,
  sealedPattern,
  UnreadableFieldError,
  type FieldCipher,
} from './field-cipher.ts';

// Every column whose values are sealed with the field cipher, each value bound to its row's
// id: the rotation and the start-up pass walk exactly these. A column missing from the database
// (a migration not yet written) is passed over.
export const sealedColumns = [
  { table: 'Defender', column: 'legalName' },
  { table: 'Defender', column: 'contact' },
  { table: 'Defender', column: 'region' },
  { table: 'IncidentSource', column: 'identity' },
  { table: 'User', column: 'totpSecret' },
] as const;

export interface ResealCounts {
  // sealed under a previous key, now under the current one
  resealed: number;
  // plain text from before values were sealed, now sealed
  plaintextSealed: number;
  // already under the current key at the start: left alone (counted by the rotation only)
  alreadyCurrent: number;
  // changed by someone else between reading and writing: looked at again in the next pass
  changedMeanwhile: number;
  // refused by the cipher (a key not in the ring, or altered): left as they are
  unreadable: string[];
}

export interface ResealOptions {
  // 'plaintext': only seal values that are not sealed yet (start-up); 'all': also re-seal every
  // value sealed under a previous key (rotation)
  scope: 'plaintext' | 'all';
  batchSize?: number;
  progress?: (message: string) => void;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lowestId = '00000000-0000-0000-0000-000000000000';
// passes after the first catch values written under the old key by a server that had not yet
// seen the new one; a server sees it at its next use of the key files, so a few passes do
const maxPasses = 5;

async function columnExists(pool: pg.Pool, table: string, column: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    `SELECT 1 FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rowCount === 1;
}

// A regular expression (SQL) matching the values that need nothing: sealed at all (scope
// 'plaintext'), or sealed under the current key (scope 'all').
function settled(cipher: FieldCipher, scope: ResealOptions['scope']): string {
  const pattern = scope === 'all' ? `^v1\\.${cipher.currentKeyId()}\\.` : sealedPattern.source;
  return `'${pattern.replace(/'/g, "''")}'`;
}

async function resealColumn(
  pool: pg.Pool,
  cipher: FieldCipher,
  { table, column }: { table: string; column: string },
  { scope, batchSize = 500, progress = () => {} }: ResealOptions,
): Promise<ResealCounts> {
  const [t, c] = [quote(table), quote(column)];
  const counts: ResealCounts = {
    resealed: 0,
    plaintextSealed: 0,
    alreadyCurrent: 0,
    changedMeanwhile: 0,
    unreadable: [],
  };
  // the rotation reports it; the start-up pass does not, and so spares a scan of the column
  if (scope === 'all') {
    const { rows: current } = await pool.query<{ count: string }>(
      `SELECT count(*) FROM ${t} WHERE ${c} IS NOT NULL AND ${c} ~ ${settled(cipher, 'all')}`,
    );
    counts.alreadyCurrent = Number(current[0]!.count);
  }
  const unreadable = new Set<string>();
  for (let pass = 1; pass <= maxPasses; pass += 1) {
    let after = lowestId;
    let rewritten = 0;
    for (;;) {
      // keyset pages by id; each batch is one UPDATE (its own short transaction) that changes
      // a row only if it still holds the value read, so that a concurrent save is never
      // overwritten with a stale value
      const { rows } = await pool.query<{ id: string; value: string }>(
        `SELECT id::text, ${c} AS value FROM ${t}
         WHERE ${c} IS NOT NULL AND NOT ${c} ~ ${settled(cipher, scope)} AND id > $1::uuid
         ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const updates: { id: string; old: string; sealed: string; plaintext: boolean }[] = [];
      for (const { id, value } of rows) {
        const place = placeOf(table, column, id);
        const plaintext = !sealedPattern.test(value);
        try {
          const plain = plaintext ? value : cipher.open(value, place);
          updates.push({ id, old: value, sealed: cipher.seal(plain, place), plaintext });
        } catch (error) {
          if (!(error instanceof UnreadableFieldError)) throw error;
          unreadable.add(place);
        }
      }
      const { rows: done } = await pool.query<{ id: string }>(
        `UPDATE ${t} AS t SET ${c} = u.sealed
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, old, sealed)
         WHERE t.id = u.id AND t.${c} = u.old
         RETURNING t.id::text`,
        [updates.map((u) => u.id), updates.map((u) => u.old), updates.map((u) => u.sealed)],
      );
      const written = new Set(done.map((row) => row.id));
      for (const update of updates) {
        if (!written.has(update.id)) counts.changedMeanwhile += 1;
        else if (update.plaintext) counts.plaintextSealed += 1;
        else counts.resealed += 1;
      }
      rewritten += updates.length;
      progress(
        `${table}.${column} pass ${pass}: ${counts.resealed} re-sealed, ${counts.plaintextSealed} plain text sealed, ${counts.changedMeanwhile} changed meanwhile`,
      );
    }
    if (rewritten === 0) break;
  }
  counts.unreadable = [...unreadable];
  return counts;
}

export type ResealSummary = Record<string, ResealCounts>;

export async function resealColumns(
  pool: pg.Pool,
  cipher: FieldCipher,
  options: ResealOptions,
): Promise<ResealSummary> {
  const summary: ResealSummary = {};
  for (const sealed of sealedColumns) {
    if (!(await columnExists(pool, sealed.table, sealed.column))) continue;
    summary[`${sealed.table}.${sealed.column}`] = await resealColumn(pool, cipher, sealed, options);
  }
  return summary;
}

// At start-up, before serving: values written in plain text (before sealing existed, or by the
// demo seed) are sealed, so that every value the server meets opens.
export async function sealPlaintext(
  pool: pg.Pool,
  cipher: FieldCipher,
  log: (message: string) => void,
): Promise<void> {
  const summary = await resealColumns(pool, cipher, { scope: 'plaintext' });
  const sealed = Object.values(summary).reduce((sum, counts) => sum + counts.plaintextSealed, 0);
  if (sealed > 0) log(`sealed ${sealed} sensitive values kept in plain text until now`);
}

// `npm run keys:rotate`: with the key files (VIGIL_DATA_KEY unset), a new current key joins
// the ring first, unless `keepKey` (to finish a rotation that was cut short); with
// VIGIL_DATA_KEY, the operator has already made the new key current. Then every sealed value
// not under the current key is re-sealed under it, plain text included.
export async function rotateKeys(
  settings: DataKeySettings,
  pool: pg.Pool,
  {
    keepKey = false,
    log = () => {},
    ...options
  }: Omit<ResealOptions, 'scope'> & { keepKey?: boolean; log?: (message: string) => void },
): Promise<ResealSummary> {
  const files = keyFilesOf(settings);
  if (files && !keepKey) {
    addKeyToFiles(settings, log);
    log(`a new data key is current in ${files}; the previous ones stay in ${files}.previous`);
  }
  const cipher = configuredFieldCipher(settings, log);
  return resealColumns(pool, cipher, { ...options, scope: 'all' });
}
