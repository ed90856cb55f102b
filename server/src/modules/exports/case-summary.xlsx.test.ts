import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { CaseIncident } from '@vigil/shared/schemas/exports';
import type { CaseFileStream } from './case-file.ts';
import { excelCellLimit, renderCaseSummaryXlsx } from './case-summary.xlsx.ts';

const incident: CaseIncident = {
  id: '6f1c2b1e-8d4a-4c3e-9a57-0d2f4b6e8a10',
  reference: 'KH-2014-0001',
  title: 'Mass trial of land defenders',
  summary: 'Forty defenders were tried together.',
  date: '12 Mar 2014',
  occurredOn: '2014-03-12',
  datePrecision: 'DAY',
  country: 'KH',
  countryName: 'Cambodia',
  status: 'Verified',
  verification: 'Confirmed',
  acts: [],
  charges: Array.from({ length: 200 }, (_, i) => ({
    defenderName: `Defender ${i}`,
    law: `Article ${i} of the Criminal Code, `.padEnd(300, 'x'),
    status: 'Charged',
    history: [],
  })),
  sources: [],
  advocacy: [],
  attachments: [],
};

const fileOf = (incidents: CaseIncident[]): CaseFileStream => ({
  head: {
    title: 'Case summary: 1 incident',
    generatedAt: new Date(),
    scope: [],
    omitted: { incidents: 0, defenders: 0 },
  },
  incidentIds: incidents.map((item) => item.id),
  references: incidents.map((item) => item.reference),
  country: 'KH',
  incidents: async function* () {
    yield incidents;
  },
  defenders: async function* () {
    yield [];
  },
  namedDefenders: () => Promise.resolve([]),
});

describe('renderCaseSummaryXlsx', () => {
  it('when a cell would be longer than Excel takes, then it is cut to the limit and says so', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await renderCaseSummaryXlsx(fileOf([incident]), out);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([Buffer.concat(chunks)]));
    const charges = workbook.getWorksheet('Incidents')!.getRow(2).getCell(13).value as string;
    expect(charges).toHaveLength(excelCellLimit);
    expect(charges.startsWith('Defender 0: Article 0')).toBe(true);
    expect(charges.endsWith('(cut: see the CSV or JSON export)')).toBe(true);
  });
});
