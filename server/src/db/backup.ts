// A consistent, encrypted archive of every table (the embedded server ships no pg_dump): COPY
// of each table inside one repeatable-read snapshot, framed, then sealed with the data key in
// chunks (chunked-cipher.ts), so that a cut, reordered or altered archive fails to open.
// Layout of the plaintext: one JSON line (format, migrations, tables with their columns), then
// for each table its COPY text in frames of a 4-byte length and the bytes, ended by an empty
// frame. The migrations' history is not archived: restore migrates first and compares.
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { decryptStream, encryptStream } from '../security/chunked-cipher.ts';

const format = 'vigil-backup/1';
const migrationsTable = '_prisma_migrations';

interface TableShape {
  name: string;
  columns: string[];
}

interface Header {
  format: string;
  createdAt: string;
  migrations: string[];
  tables: TableShape[];
}

export class BackupError extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const copyTarget = (table: TableShape) =>
  `${quote(table.name)} (${table.columns.map(quote).join(', ')})`;

// The tables of the schema, referenced ones before those that reference them, so that the
// restore meets its foreign keys in order.
async function tablesOf(client: pg.ClientBase): Promise<TableShape[]> {
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
     FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
       AND c.relname <> $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
    [migrationsTable],
  );
  const { rows: references } = await client.query<{ table: string; references: string }>(
    `SELECT c.relname AS table, r.relname AS references
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
     WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid`,
  );
  const shapes = new Map<string, TableShape>();
  for (const { table, column } of columns) {
    if (!shapes.has(table)) shapes.set(table, { name: table, columns: [] });
    shapes.get(table)!.columns.push(column);
  }
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: string[]) => {
    if (placed.has(name)) return;
    if (path.includes(name))
      throw new BackupError(`foreign keys form a cycle: ${path.join(' → ')}`);
    for (const edge of references.filter((r) => r.table === name)) {
      place(edge.references, [...path, name]);
    }
    placed.add(name);
    ordered.push(shapes.get(name)!);
  };
  for (const name of [...shapes.keys()].sort()) place(name, []);
  return ordered;
}

async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM ${quote(migrationsTable)}
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.name);
}

function frame(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

// Needs only SELECT: the serving role can take it while the server runs.
export async function backupDatabase(
  client: pg.ClientBase,
  key: Buffer,
  output: Writable,
): Promise<{ tables: number; rows: number }> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables = await tablesOf(client);
    const header: Header = {
      format,
      createdAt: new Date().toISOString(),
      migrations: await appliedMigrations(client),
      tables,
    };
    const sealed = encryptStream(key);
    const written = pipeline(sealed, output);
    const write = async (bytes: Buffer) => {
      if (!sealed.write(bytes)) await once(sealed, 'drain');
    };
    await write(Buffer.from(`${JSON.stringify(header)}\n`));
    let rows = 0;
    for (const table of tables) {
      const copy = client.query(copyTo(`COPY ${copyTarget(table)} TO STDOUT`));
      for await (const chunk of copy as AsyncIterable<Buffer>) await write(frame(chunk));
      await write(frame(Buffer.alloc(0)));
      rows += copy.rowCount;
    }
    sealed.end();
    await written;
    return { tables: tables.length, rows };
  } finally {
    await client.query('ROLLBACK');
  }
}

// Reads exactly what is asked of a stream, whatever its chunks.
function reader(stream: Readable) {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let buffered = Buffer.alloc(0);
  const fill = async (length: number) => {
    while (buffered.length < length) {
      const next = await chunks.next();
      if (next.done) throw new BackupError('the archive ends too early');
      buffered = Buffer.concat([buffered, next.value]);
    }
  };
  return {
    async bytes(length: number) {
      await fill(length);
      const taken = buffered.subarray(0, length);
      buffered = buffered.subarray(length);
      return taken;
    },
    async line() {
      for (;;) {
        const end = buffered.indexOf(0x0a);
        if (end !== -1) {
          const taken = buffered.subarray(0, end).toString('utf8');
          buffered = buffered.subarray(end + 1);
          return taken;
        }
        await fill(buffered.length + 1);
      }
    },
    // the last chunk is only authenticated once the stream has ended
    async end() {
      if (buffered.length > 0 || !(await chunks.next()).done) {
        throw new BackupError('the archive goes on after its last table');
      }
    },
  };
}

// Into a database migrated to the same migrations and still empty, as its owner: the audit
// log's triggers (and any other) are off while its rows come back as they were, chain included,
// and the whole restore is one transaction, so that a failure leaves the database empty.
// `keys`: the data key ring, so that an archive sealed before a key rotation still opens.
export async function restoreDatabase(
  client: pg.ClientBase,
  keys: Buffer | readonly Buffer[],
  input: Readable,
): Promise<{ tables: number; rows: number }> {
  const plain = input.pipe(decryptStream(keys));
  input.on('error', (error) => plain.destroy(error));
  const read = reader(plain);
  const header = JSON.parse(await read.line()) as Header;
  if (header.format !== format) throw new BackupError(`not a ${format} archive`);
  const migrations = await appliedMigrations(client);
  if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
    throw new BackupError(
      `the archive was taken at migration ${header.migrations.at(-1)}, this database is at ${migrations.at(-1)}: restore with the code of the archive's version`,
    );
  }
  const here = new Set((await tablesOf(client)).map((table) => table.name));
  for (const table of header.tables) {
    if (!here.has(table.name)) throw new BackupError(`no table ${table.name} here`);
    const { rowCount } = await client.query(`SELECT 1 FROM ${quote(table.name)} LIMIT 1`);
    if (rowCount) throw new BackupError(`the database is not empty (${table.name} has rows)`);
  }

  await client.query('BEGIN');
  try {
    let rows = 0;
    for (const table of header.tables) {
      await client.query(`ALTER TABLE ${quote(table.name)} DISABLE TRIGGER USER`);
      const copy = client.query(copyFrom(`COPY ${copyTarget(table)} FROM STDIN`));
      const copied = new Promise<void>((resolve, reject) => {
        copy.on('finish', resolve);
        copy.on('error', reject);
      });
      try {
        for (;;) {
          const length = (await read.bytes(4)).readUInt32BE(0);
          if (length === 0) break;
          if (!copy.write(await read.bytes(length))) await once(copy, 'drain');
        }
      } catch (error) {
        // a COPY left open would hold the connection: fail it, so that ROLLBACK can run
        copy.destroy(error as Error);
        await copied.catch(() => {});
        throw error;
      }
      copy.end();
      await copied;
      rows += copy.rowCount;
      await client.query(`ALTER TABLE ${quote(table.name)} ENABLE TRIGGER USER`);
    }
    await read.end();
    await client.query('COMMIT');
    return { tables: header.tables.length, rows };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    plain.destroy();
  }
}
