import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { CaseFileStream } from './case-file.ts';
import type { Table } from './case-summary.tables.ts';

async function* rowsOf(file: CaseFileStream, table: Table) {
  for await (const incidents of file.incidents()) yield* table.rowsOf(incidents);
}

// One table per file, streamed page by page. The BOM makes Excel read the file as UTF-8 (Khmer,
// Thai, Burmese); cells that a spreadsheet would run as a formula start with an apostrophe. Records
// end in CRLF, so a cell holding a bare line feed (one value per line) must be quoted explicitly.
export async function renderCaseSummaryCsv(file: CaseFileStream, out: Writable, table: Table) {
  await pipeline(
    Readable.from(rowsOf(file, table)),
    stringify({
      bom: true,
      header: true,
      columns: table.columns.map((column) => column.header),
      escape_formulas: true,
      record_delimiter: 'windows',
      quoted_match: /[\r\n]/,
    }),
    out,
  );
}
