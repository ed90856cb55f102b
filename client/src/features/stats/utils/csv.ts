import Papa from 'papaparse';
import { saveBlob } from '../../../lib/download.ts';

export interface CsvColumn {
  key: string;
  label: string;
}

// A chart's numbers as CSV: labelled columns, one row per bucket, with a UTF-8 byte order
// mark so that spreadsheet programs read Khmer, Thai or Burmese labels as UTF-8.
export function chartCsv(
  columns: readonly CsvColumn[],
  rows: readonly Record<string, string | number>[],
): string {
  const body = Papa.unparse({
    fields: columns.map((column) => column.label),
    data: rows.map((row) => columns.map((column) => row[column.key] ?? '')),
  });
  return `\uFEFF${body}\r\n`;
}

export function downloadCsv(filename: string, csv: string) {
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), filename);
}
