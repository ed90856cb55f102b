import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { generatedPseudonym } from '@vigil/shared/pseudonym';
import { caseSummaryFormats, caseSummaryJson } from '@vigil/shared/schemas/exports';
import { clientFor, type RoleClient } from '../../../../tests/support/http.ts';
import { errorCodeOf } from '../incidents/incidents.factories.ts';
import { unnamedDefender } from './case-file.ts';
import {
  downloadOk,
  exportWorldPerFile,
  khmerLocation,
  publicNames,
  secrets,
} from './exports.fixtures.ts';

const path = '/api/exports/case-summary';
const today = () => new Date().toISOString().slice(0, 10);

// Every text a file holds: the body itself, and for the zip formats every part decompressed,
// also without its markup (a word may be split across runs of a document).
function textsOf(bytes: Uint8Array): string[] {
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (!zipped) return [Buffer.from(bytes).toString('utf8')];
  return Object.values(unzipSync(bytes)).flatMap((part) => {
    const xml = strFromU8(part);
    return [xml, xml.replace(/<[^>]+>/g, '')];
  });
}

describe('GET /api/exports/case-summary', () => {
  const files = exportWorldPerFile();

  const download = (client: RoleClient, query: string) => downloadOk(client, `${path}?${query}`);

  it('when the format is json, then the body is the case file in date order, with the schema’s shape', async () => {
    const { response, bytes } = await download(files.world.advocacy, 'format=json');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="vigil-case-summary-${today()}.json"`,
    );
    const file = caseSummaryJson.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    expect(file.title).toBe('Case summary: 3 incidents');
    expect(file.incidents.map((incident) => [incident.reference, incident.date])).toEqual([
      [files.world.incidents.lawsuit.reference, '2013'],
      [files.world.incidents.arrest.reference, '12 Mar 2014'],
      [files.world.incidents.surveillance.reference, 'June 2015'],
    ]);
    expect(file.defenders.map((defender) => defender.name)).toContain(publicNames.somchai);
    expect(file.omitted).toEqual({ incidents: 0, defenders: 1 });
  });

  it('when the format is csv, then one row per incident with labelled columns, a BOM, and Khmer intact', async () => {
    const { response, bytes } = await download(files.world.advocacy, 'format=csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // RFC 4180: a cell with line breaks is quoted, so that any reader keeps one record per incident
    expect(Buffer.from(bytes).toString('utf8')).toContain(',"Police\nMilitary",');
    const rows = parseCsv(Buffer.from(bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).toEqual([
      'Reference',
      'Title',
      'Date',
      'Date precision',
      'Country',
      'Location',
      'Status',
      'Verification',
      'Violations',
      'Perpetrators',
      'Defenders',
      'Summary',
      'Charges',
      'Sources',
      'Advocacy',
    ]);
    expect(rows.map((row) => [row.Reference, row.Date, row['Date precision']])).toEqual([
      [files.world.incidents.lawsuit.reference, '2013', 'Year only'],
      [files.world.incidents.arrest.reference, '12 Mar 2014', 'Exact day'],
      [files.world.incidents.surveillance.reference, 'June 2015', 'Month only'],
    ]);
    const arrest = rows[1]!;
    expect(arrest).toMatchObject({
      Country: 'Cambodia',
      Location: khmerLocation,
      Status: 'Verified',
      Violations: 'Arbitrary arrest\nPhysical assault\nArbitrary detention',
      Perpetrators: 'Police\nMilitary',
      Defenders: [
        publicNames.dara,
        publicNames.anonymisedPseudonym,
        unnamedDefender.confidential,
      ].join('\n'),
      Sources: 'Witness testimony (Reliable)\nLawyer (Highly reliable)',
      Advocacy: 'Statement: Joint statement on land defenders (10 Jan 2015; Geneva; Published)',
    });
    expect(arrest.Charges).toMatch(
      /^Dara Sok: Criminal Code art\. 305, Convicted \(filed 20 Mar 2014; sentence: Two years in prison; recorded: Charged .+, On trial .+, Convicted .+\)$/,
    );
  });

  it('when the acts part of the csv is asked for, then one row per act, the confidential defender unnamed', async () => {
    const { response, bytes } = await download(files.world.advocacy, 'format=csv&part=acts');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="vigil-case-summary-acts-${today()}.csv"`,
    );
    const rows = parseCsv(Buffer.from(bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).toEqual([
      'Reference',
      'Defender',
      'Violation',
      'Perpetrators',
      'Victim status',
      'Notes',
    ]);
    expect(rows.map((row) => [row.Reference, row.Defender, row.Violation])).toEqual([
      [files.world.incidents.lawsuit.reference, publicNames.somchai, 'SLAPP'],
      [files.world.incidents.arrest.reference, publicNames.dara, 'Arbitrary arrest'],
      [files.world.incidents.arrest.reference, publicNames.anonymisedPseudonym, 'Physical assault'],
      [files.world.incidents.arrest.reference, unnamedDefender.confidential, 'Arbitrary detention'],
      [
        files.world.incidents.surveillance.reference,
        generatedPseudonym(files.world.defenders.vibol),
        'Surveillance',
      ],
    ]);
    expect(rows[1]).toMatchObject({
      'Victim status': 'Held on trial',
      Notes: 'Held at the provincial court',
    });
    expect(rows[3]).toMatchObject({ 'Victim status': '', Notes: '' });
  });

  it('when the format is xlsx, then sheets Incidents, Acts and Attachments with a bold, frozen header, and properties that say Vigil only', async () => {
    const { response, bytes } = await download(files.world.manager, 'format=xlsx');
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([bytes]));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Incidents',
      'Acts',
      'Attachments',
    ]);
    const incidents = workbook.getWorksheet('Incidents')!;
    expect(incidents.getRow(1).getCell(1).value).toBe('Reference');
    expect(incidents.getRow(1).font?.bold ?? incidents.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(incidents.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const references = incidents.getColumn(1).values.slice(2);
    expect(references).toEqual([
      files.world.incidents.lawsuit.reference,
      files.world.incidents.arrest.reference,
      files.world.incidents.surveillance.reference,
      files.world.incidents.draft.reference,
    ]);
    expect(incidents.getRow(3).getCell(6).value).toBe(khmerLocation);
    const acts = workbook.getWorksheet('Acts')!;
    expect(acts.getRow(1).getCell(2).value).toBe('Defender');
    expect(acts.rowCount).toBe(1 + 6);
    expect(workbook.creator).toBe('Vigil');
    expect(workbook.lastModifiedBy).toBe('Vigil');
    expect(workbook.company ?? '').toBe('');
    expect(workbook.title ?? '').toBe('');
    // strings inline, no shared-strings part
    expect(Object.keys(unzipSync(bytes))).not.toContain('xl/sharedStrings.xml');
  });

  it('when the format is docx, then a written summary: what it covers, each incident under its reference, each defender', async () => {
    const { response, bytes } = await download(files.world.advocacy, 'format=docx&country=KH');
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const parts = unzipSync(bytes);
    const text = strFromU8(parts['word/document.xml']!)
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '');
    const arrest = files.world.incidents.arrest;
    for (const expected of [
      'Case summary: 2 incidents',
      'Country: Cambodia',
      `${arrest.reference} — ${arrest.title}`,
      `12 Mar 2014 · Cambodia · ${khmerLocation} · Verified · Verification: Unverified`,
      'Dara Sok: Arbitrary arrest, at the hands of Police. Afterwards: Held on trial.',
      `${unnamedDefender.confidential}: Arbitrary detention, at the hands of Police.`,
      'Dara Sok, Criminal Code art. 305, filed 20 Mar 2014: Convicted; sentence: Two years in prison.',
      'Status history, by the date each was recorded:',
      'Degree: Unverified. 2 sources: Witness testimony (Reliable), Lawyer (Highly reliable).',
      '10 Jan 2015: Statement, “Joint statement on land defenders”, Geneva (Published).',
      'A pseudonym, used to protect this defender.',
      `Also known as ${publicNames.daraAlias}.`,
      `12 Mar 2014: ${arrest.reference} — ${arrest.title}`,
      'this summary leaves out 1 defender who is not named',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.indexOf(arrest.reference)).toBeLessThan(
      text.indexOf(files.world.incidents.surveillance.reference),
    );
    const core = strFromU8(parts['docProps/core.xml']!);
    expect(core).toContain('<dc:creator>Vigil</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Vigil</cp:lastModifiedBy>');
    expect(core).toContain('<dc:title>Case summary</dc:title>');
  });

  // the values that would harm someone if a public output carried them
  const forbidden = [
    secrets.confidentialName,
    secrets.confidentialLegalName,
    secrets.confidentialContact,
    ...secrets.confidentialAliases,
    secrets.confidentialRegion,
    secrets.anonymisedName,
    ...secrets.anonymisedAliases,
    secrets.anonymisedOrganisation,
    secrets.generatedName,
    ...secrets.generatedAliases,
    secrets.publicLegalName,
    secrets.publicContact,
    secrets.publicRegion,
    ...secrets.sourceIdentities,
    ...secrets.sourceDescriptions,
    secrets.restrictedTitle,
    secrets.plannedAdvocacy,
    secrets.defenderNotes,
    'Taken from the family home',
  ];
  // a PDF's text is compressed in its streams: case-summary.pdf.test.ts reads it out
  const formatsAndParts = [
    ...caseSummaryFormats.filter((format) => format !== 'pdf').map((format) => `format=${format}`),
    'format=csv&part=acts',
    'format=json&bundle=zip',
  ];

  it.each(['admin', 'manager', 'advocacy'] as const)(
    'when %s exports in every format, then nothing confidential, sensitive or restricted is anywhere in the bytes, nor who exported',
    async (role) => {
      const client = files.world[role];
      const selections = [
        '',
        `&defenderId=${files.world.defenders.sopheap}`,
        `&incidentId=${files.world.incidents.arrest.id}`,
      ];
      for (const format of formatsAndParts) {
        for (const selection of selections) {
          const { bytes } = await download(client, `${format}${selection}`);
          const texts = textsOf(bytes);
          expect(texts.join('').length).toBeGreaterThan(100);
          for (const text of texts) {
            for (const value of [
              ...forbidden,
              client.user.name,
              client.user.email,
              files.world.defenders.sopheap,
            ]) {
              expect(text, `${format}${selection}`).not.toContain(value);
            }
          }
        }
      }
    },
  );

  it('when incidents are chosen by id, defender or advocacy action, or by list filters, then exactly those are exported', async () => {
    const references = async (query: string) => {
      const { bytes } = await download(files.world.advocacy, `format=json&${query}`);
      const file = caseSummaryJson.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
      return file.incidents.map((incident) => incident.reference);
    };
    const { arrest, surveillance, lawsuit } = files.world.incidents;
    expect(await references(`incidentId=${surveillance.id}`)).toEqual([surveillance.reference]);
    expect(await references(`defenderId=${files.world.defenders.somchai}`)).toEqual([
      lawsuit.reference,
    ]);
    expect(await references(`advocacyId=${files.world.advocacyId}`)).toEqual([
      lawsuit.reference,
      arrest.reference,
    ]);
    expect(
      await references(
        `advocacyId=${files.world.advocacyId}&incidentId=${surveillance.id}&country=KH`,
      ),
    ).toEqual([arrest.reference, surveillance.reference]);
    expect(await references('violation=SURVEILLANCE&violation=SLAPP')).toEqual([
      lawsuit.reference,
      surveillance.reference,
    ]);
    expect(await references('country=MM')).toEqual([]);
  });

  it('when filters match nothing, then the document is empty rather than missing', async () => {
    const { bytes } = await download(files.world.advocacy, 'format=docx&country=MM');
    const text = strFromU8(unzipSync(bytes)['word/document.xml']!);
    expect(text).toContain('Case summary: 0 incidents');
    expect(text).toContain('No incident matches this selection.');
  });

  it('when an id is one the caller may not read, then 404, whatever the format', async () => {
    for (const query of [
      `format=csv&incidentId=${files.world.incidents.draft.id}`,
      `format=docx&incidentId=${files.world.incidents.restricted.id}`,
      `format=json&advocacyId=${files.world.incidents.arrest.id}`,
    ]) {
      const response = await files.world.advocacy.get(`${path}?${query}`);
      expect(response.status, query).toBe(404);
      expect(await errorCodeOf(response)).toBe('NOT_FOUND');
    }
    const outsider = await clientFor(files.app, 'ADVOCACY', ['MM']);
    const response = await outsider.get(
      `${path}?format=json&defenderId=${files.world.defenders.dara}`,
    );
    expect(response.status).toBe(404);
  });

  it('when a researcher asks, then 403', async () => {
    const response = await files.world.researcher.get(`${path}?format=csv`);
    expect(response.status).toBe(403);
    expect(await errorCodeOf(response)).toBe('FORBIDDEN');
  });

  it.each([
    'format=pdf2',
    '',
    'format=docx&part=acts',
    'format=csv&part=charges',
    'format=json&bundle=tar',
    'format=csv&incidentId=nope',
    'format=csv&colour=red',
  ])('when the query is %j, then 400 VALIDATION', async (query) => {
    const response = await files.world.advocacy.get(`${path}?${query}`);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('VALIDATION');
  });

  it('when someone exports, then the audit log holds the format, the selection and the incidents it contained', async () => {
    const before = new Date();
    await download(
      files.world.manager,
      `format=xlsx&country=KH&incidentId=${files.world.incidents.arrest.id}&incidentId=${files.world.incidents.restricted.id}`,
    );
    const events = await files.app.database.db.auditEvent.findMany({
      where: { action: 'EXPORT', actorId: files.world.manager.userId, at: { gte: before } },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      entity: 'Export',
      entityId: null,
      country: 'KH',
      changes: {
        document: 'case-summary',
        format: 'xlsx',
        selection: {
          country: ['KH'],
          incidentId: [files.world.incidents.arrest.id, files.world.incidents.restricted.id],
        },
        incidentIds: [files.world.incidents.arrest.id],
      },
    });
  });
});
