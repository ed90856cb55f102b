import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CaseFileStream } from './case-file.ts';
import { caseSummaryTables, type Table } from './case-summary.tables.ts';
import { closing, drained } from './drained.ts';

// Excel refuses to open a workbook with a longer cell (a long list of charges can reach it): the
// cell is cut, and says so.
export const excelCellLimit = 32_767;
const cut = '… (cut: see the CSV or JSON export)';
const fitted = (cell: string) =>
  cell.length > excelCellLimit ? `${cell.slice(0, excelCellLimit - cut.length)}${cut}` : cell;

// A zip holds its parts one after the other, so each sheet is written whole before the next
// (a pass over the incidents for each) rather than held in memory meanwhile.
async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  file: CaseFileStream,
  table: Table,
  out: Writable,
) {
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map(({ width }) => ({ width }));
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  for await (const incidents of file.incidents()) {
    for (const cells of table.rowsOf(incidents)) {
      const row = sheet.addRow(cells.map(fitted));
      row.alignment = { wrapText: true, vertical: 'top' };
      row.commit();
    }
    await drained(out);
  }
  sheet.commit();
}

// Sheets "Incidents", "Acts" and "Attachments", strings inline (shared strings would hold them all in memory
// until the end); the workbook's properties name Vigil, never the person who exported.
export async function renderCaseSummaryXlsx(file: CaseFileStream, out: Writable) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'Vigil';
  workbook.lastModifiedBy = 'Vigil';
  workbook.created = file.head.generatedAt;
  workbook.modified = file.head.generatedAt;
  await writeSheet(workbook, file, caseSummaryTables.incidents, out);
  await writeSheet(workbook, file, caseSummaryTables.acts, out);
  await writeSheet(workbook, file, caseSummaryTables.attachments, out);
  // the zip's end waits for its reader: one who left would keep it waiting for ever
  await Promise.race([workbook.commit(), closing(out)]);
}
