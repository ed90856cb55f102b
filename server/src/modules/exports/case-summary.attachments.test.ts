import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { AttachmentOutput } from '@vigil/shared/schemas/attachments';
import { bundleLimits, caseSummaryJson } from '@vigil/shared/schemas/exports';
import type { RoleClient } from '../../../../tests/support/http.ts';
import { json } from '../incidents/incidents.factories.ts';
import {
  gpsOf,
  jpegWithGps,
  pdfWithAuthor,
  png,
  upload,
} from '../attachments/attachments.fixtures.ts';
import { downloadOk, exportWorldPerFile } from './exports.fixtures.ts';

// Which attached files a case summary lists and bundles: the copies without metadata of files
// that may go public, never a file marked sensitive or deleted, nor one of a restricted
// incident, a confidential defender or a defender known by a pseudonym.

const casePath = '/api/exports/case-summary';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// the files that must never leave in an export, by a name found nowhere else
const never = {
  sensitive: 'sensitive-witness-face.png',
  deleted: 'withdrawn-draft-letter.pdf',
  restricted: 'restricted-raid-photo.jpg',
  confidential: 'confidential-defender-letter.pdf',
  pseudonymous: 'pseudonymous-defender-portrait.jpg',
  uncleaned: 'notes-without-clean-copy.txt',
};

interface Listed {
  id: string;
  name: string;
  mediaType: string;
  cleanSha256: string;
  cleanStorageKey: string;
}

describe('attachments in the case summary', () => {
  const files = exportWorldPerFile();
  const listed = {} as Record<'photo' | 'summons' | 'summonsAgain' | 'daraStatement', Listed>;

  async function attach(
    record: string,
    file: { bytes: Buffer; name: string },
    fields: Record<string, string> = {},
  ) {
    const response = await upload(files.world.admin, `/api/${record}/attachments`, file, fields);
    expect(response.status, await response.clone().text()).toBe(201);
    const { id } = await json<AttachmentOutput>(response);
    return files.app.database.db.attachment.findUniqueOrThrow({ where: { id } });
  }

  const asListed = (row: Awaited<ReturnType<typeof attach>>): Listed => ({
    id: row.id,
    name: row.name,
    mediaType: row.mediaType,
    cleanSha256: row.cleanSha256!,
    cleanStorageKey: row.cleanStorageKey!,
  });

  beforeAll(async () => {
    const { incidents, defenders } = files.world;
    const arrest = `incidents/${incidents.arrest.id}`;
    listed.photo = asListed(
      await attach(arrest, { bytes: await jpegWithGps(), name: 'arrest.jpg' }),
    );
    const summons = await pdfWithAuthor('Clerk of the court (fictional)');
    listed.summons = asListed(await attach(arrest, { bytes: summons, name: 'summons.pdf' }));
    // the same name again: unique in the ZIP
    listed.summonsAgain = asListed(await attach(arrest, { bytes: summons, name: 'Summons.pdf' }));
    listed.daraStatement = asListed(
      await attach(`defenders/${defenders.dara}`, {
        bytes: await pdfWithAuthor('Dara Sok'),
        name: 'statement of the defender.pdf',
      }),
    );

    await attach(arrest, { bytes: await png(), name: never.sensitive }, { sensitive: 'true' });
    await attach(arrest, { bytes: Buffer.from('Notes of the interview. '), name: never.uncleaned });
    const deleted = await attach(arrest, { bytes: summons, name: never.deleted });
    const removed = await files.world.admin.request('DELETE', `/api/attachments/${deleted.id}`);
    expect(removed.status).toBe(204);
    await attach(`incidents/${incidents.restricted.id}`, {
      bytes: await jpegWithGps(),
      name: never.restricted,
    });
    await attach(`defenders/${defenders.sopheap}`, { bytes: summons, name: never.confidential });
    await attach(`defenders/${defenders.chenda}`, {
      bytes: await jpegWithGps(),
      name: never.pseudonymous,
    });
  });

  const entry = ({ name, mediaType, cleanSha256 }: Listed) => ({
    name,
    mediaType,
    sha256: cleanSha256,
  });

  function expectNoneOfTheOthers(bytes: Uint8Array) {
    const text = Buffer.from(bytes).toString('utf8');
    for (const name of Object.values(never)) expect(text).not.toContain(name);
  }

  async function zipOf(client: RoleClient, query: string) {
    const { response, bytes } = await downloadOk(client, `${casePath}?${query}&bundle=zip`);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vigil-case-summary(-attachments)?-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    return unzipSync(bytes);
  }

  it('when the format is json, then each incident and each named defender lists its public files with the clean copy’s sha256, and the scope says what is left out', async () => {
    const { bytes } = await downloadOk(files.world.advocacy, `${casePath}?format=json`);
    const file = caseSummaryJson.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
    const arrest = file.incidents.find(
      (incident) => incident.id === files.world.incidents.arrest.id,
    )!;
    expect(arrest.attachments).toEqual(
      [listed.photo, listed.summons, listed.summonsAgain].map(entry),
    );
    for (const incident of file.incidents) {
      if (incident !== arrest) expect(incident.attachments).toEqual([]);
    }
    const dara = file.defenders.find((defender) => defender.id === files.world.defenders.dara)!;
    expect(dara.attachments).toEqual([entry(listed.daraStatement)]);
    const chenda = file.defenders.find((defender) => defender.id === files.world.defenders.chenda);
    expect(chenda?.attachments).toEqual([]);
    expect(file.scope.at(-1)?.value).toMatch(/SHA-256 of the copy without metadata.*pseudonym/);
    expectNoneOfTheOthers(bytes);
  });

  it('when the csv part is attachments, then one row per public file of an incident, with its reference and the clean copy’s sha256', async () => {
    const { response, bytes } = await downloadOk(
      files.world.advocacy,
      `${casePath}?format=csv&part=attachments`,
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /filename="vigil-case-summary-attachments-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const rows = parseCsv(Buffer.from(bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const reference = files.world.incidents.arrest.reference;
    expect(rows).toEqual(
      [listed.photo, listed.summons, listed.summonsAgain].map((attachment) => ({
        Reference: reference,
        Name: attachment.name,
        Type: attachment.mediaType,
        'SHA-256 of the copy without metadata': attachment.cleanSha256,
      })),
    );
    expectNoneOfTheOthers(bytes);
  });

  it('when the format is xlsx, then a third sheet lists the public files of the incidents', async () => {
    const { bytes } = await downloadOk(files.world.manager, `${casePath}?format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.read(Readable.from([Buffer.from(bytes)]));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Incidents',
      'Acts',
      'Attachments',
    ]);
    const values: string[][] = [];
    workbook.getWorksheet('Attachments')!.eachRow((row) => {
      values.push((row.values as string[]).slice(1));
    });
    expect(values).toEqual([
      ['Reference', 'Name', 'Type', 'SHA-256 of the copy without metadata'],
      ...[listed.photo, listed.summons, listed.summonsAgain].map((attachment) => [
        files.world.incidents.arrest.reference,
        attachment.name,
        attachment.mediaType,
        attachment.cleanSha256,
      ]),
    ]);
    for (const part of Object.values(unzipSync(bytes))) expectNoneOfTheOthers(part);
  });

  it('when the format is docx, then each incident and named defender has an Attachments list saying whose hash is given', async () => {
    const { bytes } = await downloadOk(files.world.advocacy, `${casePath}?format=docx`);
    const text = strFromU8(unzipSync(bytes)['word/document.xml']!).replace(/<[^>]+>/g, '');
    for (const attachment of [listed.photo, listed.summons, listed.daraStatement]) {
      expect(text).toContain(
        `${attachment.name} (${attachment.mediaType}). SHA-256 of the copy without metadata: ${attachment.cleanSha256}`,
      );
    }
    expectNoneOfTheOthers(Buffer.from(text));
  });

  it('when a json summary comes as a ZIP, then it holds the summary, exactly the listed clean copies hashing to their sha256, a JPEG without GPS, and SHA256SUMS; the audit names the files', async () => {
    const entries = await zipOf(files.world.advocacy, 'format=json');
    const reference = files.world.incidents.arrest.reference;
    const summaryName = Object.keys(entries).find((name) => name.endsWith('.json'))!;
    expect(Object.keys(entries).sort()).toEqual(
      [
        summaryName,
        `attachments/${reference}/arrest.jpg`,
        `attachments/${reference}/summons.pdf`,
        `attachments/${reference}/Summons (2).pdf`,
        'attachments/defenders/Dara Sok/statement of the defender.pdf',
        'SHA256SUMS',
      ].sort(),
    );
    const summary = caseSummaryJson.parse(JSON.parse(strFromU8(entries[summaryName]!)));
    const listedInSummary = [
      ...summary.incidents.flatMap((incident) => incident.attachments),
      ...summary.defenders.flatMap((defender) => defender.attachments),
    ];
    const bundled = Object.entries(entries).filter(([name]) => name.startsWith('attachments/'));
    expect(bundled.map(([, bytes]) => sha256(bytes)).sort()).toEqual(
      listedInSummary.map((attachment) => attachment.sha256).sort(),
    );
    const photo = entries[`attachments/${reference}/arrest.jpg`]!;
    expect(await gpsOf(Buffer.from(photo))).toBeUndefined();

    const sums = strFromU8(entries.SHA256SUMS!).trim().split('\n');
    expect(sums).toEqual(
      [summaryName, ...bundled.map(([name]) => name)].map(
        (name) => `${sha256(entries[name]!)}  ${name}`,
      ),
    );
    for (const part of Object.values(entries)) expectNoneOfTheOthers(part);

    const audit = await files.app.database.db.auditEvent.findFirstOrThrow({
      where: { action: 'EXPORT', actorId: files.world.advocacy.userId },
      orderBy: { at: 'desc' },
    });
    expect(audit.changes).toMatchObject({ format: 'json', bundle: 'zip' });
    expect(((audit.changes as { attachmentIds: string[] }).attachmentIds ?? []).sort()).toEqual(
      [listed.photo, listed.summons, listed.summonsAgain, listed.daraStatement]
        .map((attachment) => attachment.id)
        .sort(),
    );
  });

  it('when a csv summary comes as a ZIP, then it holds the incidents’ files only, as its table lists no defender', async () => {
    const entries = await zipOf(files.world.manager, 'format=csv&part=attachments');
    const bundled = Object.keys(entries).filter((name) => name.startsWith('attachments/'));
    expect(bundled).toHaveLength(3);
    expect(bundled.every((name) => !name.startsWith('attachments/defenders/'))).toBe(true);
    const rows = parseCsv(
      Buffer.from(entries[Object.keys(entries).find((name) => name.endsWith('.csv'))!]!),
      { bom: true, columns: true },
    ) as Record<string, string>[];
    expect(rows.map((row) => row['SHA-256 of the copy without metadata']).sort()).toEqual(
      bundled.map((name) => sha256(entries[name]!)).sort(),
    );
  });

  it('when the files would pass the ZIP’s limit, then 413 TOO_LARGE before anything is sent, and nothing is audited as exported', async () => {
    const db = files.app.database.db;
    const before = await db.auditEvent.count({ where: { action: 'EXPORT' } });
    const { cleanSize } = await db.attachment.findUniqueOrThrow({ where: { id: listed.photo.id } });
    await db.attachment.update({
      where: { id: listed.photo.id },
      data: { cleanSize: bundleLimits.bytes },
    });
    try {
      const response = await files.world.advocacy.get(`${casePath}?format=pdf&bundle=zip`);
      expect(response.status).toBe(413);
      expect(response.headers.get('content-disposition')).toBeNull();
      const body = await json<{ error: { code: string; message: string; details: unknown } }>(
        response,
      );
      expect(body.error).toMatchObject({
        code: 'TOO_LARGE',
        message: expect.stringContaining('Narrow the filters'),
        details: { maxFiles: bundleLimits.files, maxBytes: bundleLimits.bytes, files: 4 },
      });
      expect(await db.auditEvent.count({ where: { action: 'EXPORT' } })).toBe(before);
    } finally {
      await db.attachment.update({ where: { id: listed.photo.id }, data: { cleanSize } });
    }
  });

  // last: it breaks a stored file for good
  it('when a stored clean copy was altered, then the ZIP download breaks off rather than ship it, and the alteration is audited', async () => {
    const stored = path.join(files.app.dataDir, 'attachments', listed.summons.cleanStorageKey);
    const bytes = fs.readFileSync(stored);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 40) ^ 0xff, bytes.length - 40);
    fs.writeFileSync(stored, bytes);

    const download = files.world.advocacy
      .get(`${casePath}?format=json&bundle=zip`)
      .then((response) => response.arrayBuffer());
    await expect(download).rejects.toThrow();
    await expect
      .poll(() =>
        files.app.database.db.auditEvent.count({
          where: {
            entity: 'Attachment',
            entityId: listed.summons.id,
            action: 'ATTACHMENT_DOWNLOAD',
            changes: { path: ['integrity'], equals: 'FAILED' },
          },
        }),
      )
      .toBe(1);
  });
});
