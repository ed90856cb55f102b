import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentOutput } from '@vigil/shared/schemas/attachments';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type RoleClient } from '../../../../tests/support/http.ts';
import { createDefender, errorCodeOf, json } from '../incidents/incidents.factories.ts';
import { loadDataKey } from '../../security/data-key.ts';
import { createDiskStore, encryptedStore } from './attachments.store.ts';
import {
  authorOf,
  docxWithAuthor,
  officePropertiesOf,
  xlsxWithAuthor,
  elfExecutable,
  exifOf,
  gpsOf,
  jpegWithGps,
  pdfWithAuthor,
  png,
  upload,
} from './attachments.fixtures.ts';

const maxBytes = 1024 * 1024;
let app: TestApp;
let manager: RoleClient;
let researcher: RoleClient;
let advocacy: RoleClient;
let defenderId: string;
let path_: string;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const storeDir = () => path.join(app.dataDir, 'attachments');
const storedFiles = () => fs.readdirSync(storeDir()).sort();
const rows = () => app.database.db.attachment.count();

async function bytesOf(response: Response) {
  return Buffer.from(await response.arrayBuffer());
}

beforeAll(async () => {
  app = await startTestApp({ attachmentMaxBytes: maxBytes });
  manager = await clientFor(app, 'MANAGER', ['KH']);
  researcher = await clientFor(app, 'RESEARCHER', ['KH']);
  advocacy = await clientFor(app, 'ADVOCACY', ['KH']);
  // the researcher's own defender: they may update it and see its sensitive fields
  defenderId = (await createDefender(app, { country: 'KH', createdById: researcher.user.id })).id;
  path_ = `/api/defenders/${defenderId}/attachments`;
});
afterAll(() => app.close());

describe('uploading evidence', () => {
  it('when a PDF naming its author is attached, then it is stored encrypted with its sha256, and its clean copy names no one', async () => {
    const pdf = await pdfWithAuthor('Sok Dara (fictional)');
    const response = await upload(
      researcher,
      path_,
      { bytes: pdf, name: 'summons.pdf', type: 'application/pdf' },
      { description: 'Court summons', sensitive: 'false' },
    );
    expect(response.status, await response.clone().text()).toBe(201);
    const created = await json<AttachmentOutput>(response);
    expect(created).toMatchObject({
      name: 'summons.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      description: 'Court summons',
      sensitive: false,
      hasCleanCopy: true,
      uploadedById: researcher.user.id,
    });

    const row = await app.database.db.attachment.findUniqueOrThrow({ where: { id: created.id } });
    const onDisk = fs.readFileSync(path.join(storeDir(), row.storageKey));
    expect(onDisk.includes(Buffer.from('Sok Dara'))).toBe(false);
    expect(onDisk.subarray(0, 5).toString()).not.toBe('%PDF-');

    const original = await researcher.get(`/api/attachments/${created.id}/content`);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?summons\.pdf"?$/,
    );
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('cache-control')).toBe('no-store');
    expect(original.headers.get('content-type')).toBe('application/pdf');
    const originalBytes = await bytesOf(original);
    expect(sha256(originalBytes)).toBe(sha256(pdf));
    expect((await authorOf(originalBytes)).author).toBe('Sok Dara (fictional)');

    const clean = await bytesOf(
      await researcher.get(`/api/attachments/${created.id}/content?variant=clean`),
    );
    expect(sha256(clean)).toBe(row.cleanSha256);
    expect(await authorOf(clean)).toEqual({
      author: undefined,
      creator: undefined,
      producer: undefined,
    });
    expect(clean.includes(Buffer.from('Sok Dara'))).toBe(false);

    // advocacy reads the defender but never sensitive fields: the plain download is the clean copy
    const forAdvocacy = await bytesOf(await advocacy.get(`/api/attachments/${created.id}/content`));
    expect(sha256(forAdvocacy)).toBe(row.cleanSha256);

    const events = await app.database.db.auditEvent.findMany({
      where: { entity: 'Attachment', entityId: created.id },
      orderBy: { at: 'asc' },
    });
    expect(events.map((event) => event.action)).toEqual([
      'ATTACHMENT_ADD',
      'ATTACHMENT_DOWNLOAD',
      'ATTACHMENT_DOWNLOAD',
      'ATTACHMENT_DOWNLOAD',
    ]);
    expect(events[0]!.changes).toMatchObject({
      sha256: sha256(pdf),
      record: { entity: 'DEFENDER', id: defenderId },
    });
  });

  it('when a JPEG with GPS is attached, then its clean copy has no GPS and roles without sensitive rights only ever get that copy', async () => {
    const jpeg = await jpegWithGps();
    expect(await gpsOf(jpeg)).toBeDefined();
    const response = await upload(researcher, path_, {
      bytes: jpeg,
      name: 'arrest.jpg',
      type: 'image/jpeg',
    });
    expect(response.status).toBe(201);
    const created = await json<AttachmentOutput>(response);
    expect(created).toMatchObject({
      mediaType: 'image/jpeg',
      hasCleanCopy: true,
      sha256: sha256(jpeg),
    });

    // the researcher created the defender and the manager works on its country: both see
    // sensitive fields, and get the original
    for (const client of [researcher, manager]) {
      const original = await bytesOf(await client.get(`/api/attachments/${created.id}/content`));
      expect(sha256(original)).toBe(sha256(jpeg));
    }

    // the manager sees sensitive fields of every KH record; advocacy never does
    const forAdvocacy = await advocacy.get(`/api/attachments/${created.id}/content`);
    expect(forAdvocacy.status).toBe(200);
    const cleanBytes = await bytesOf(forAdvocacy);
    expect(await gpsOf(cleanBytes)).toBeUndefined();
    expect(await exifOf(cleanBytes)).toBeUndefined();
    expect(cleanBytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  for (const [kind, make, mediaType] of [
    [
      'DOCX',
      docxWithAuthor,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['XLSX', xlsxWithAuthor, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const) {
    it(`when a ${kind} naming its author and company is attached, then its clean copy names neither`, async () => {
      const file = await make('Sok Dara (fictional)');
      expect(officePropertiesOf(file)).toContain('Sok Dara');
      const response = await upload(researcher, path_, {
        bytes: file,
        name: `file.${kind.toLowerCase()}`,
      });
      expect(response.status, await response.clone().text()).toBe(201);
      const created = await json<AttachmentOutput>(response);
      expect(created).toMatchObject({ mediaType, hasCleanCopy: true });
      const clean = await bytesOf(
        await researcher.get(`/api/attachments/${created.id}/content?variant=clean`),
      );
      const properties = officePropertiesOf(clean);
      expect(properties).not.toContain('Sok Dara');
      expect(properties).not.toContain('Ministry of Interior');
      expect(properties).not.toMatch(/<cp:revision>\d/);
    });
  }

  it('when a PNG is attached under a misleading name, then its type comes from its content', async () => {
    const image = await png();
    const response = await upload(researcher, path_, {
      bytes: image,
      name: 'notes.txt',
      type: 'text/plain',
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({
      mediaType: 'image/png',
      name: 'notes.txt',
      hasCleanCopy: true,
    });
  });

  it('when plain text is attached, then it is kept as text, without a clean copy', async () => {
    const text = Buffer.from('Statement of the defender (fictional)\nसत्य ជំនឿ\n');
    const response = await upload(researcher, path_, { bytes: text, name: 'statement.txt' });
    expect(response.status).toBe(201);
    const created = await json<AttachmentOutput>(response);
    expect(created).toMatchObject({ mediaType: 'text/plain', hasCleanCopy: false });
    const clean = await researcher.get(`/api/attachments/${created.id}/content?variant=clean`);
    expect(clean.status).toBe(404);
    const original = await advocacy.get(`/api/attachments/${created.id}/content`);
    expect(sha256(await bytesOf(original))).toBe(sha256(text));
  });

  it('when a recording that cannot be cleaned is attached, then only roles with sensitive rights download it', async () => {
    // a second of silence as 8 kHz 8-bit mono WAV: recordings carry tags (device, place) that
    // Vigil cannot remove, so there is no copy for other roles
    const samples = Buffer.alloc(8000, 0x80);
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(36 + samples.length, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(8000, 28);
    header.writeUInt16LE(1, 32);
    header.writeUInt16LE(8, 34);
    header.write('data', 36);
    header.writeUInt32LE(samples.length, 40);
    const wav = Buffer.concat([header, samples]);
    const response = await upload(researcher, path_, { bytes: wav, name: 'testimony.wav' });
    expect(response.status, await response.clone().text()).toBe(201);
    const created = await json<AttachmentOutput>(response);
    expect(created).toMatchObject({ mediaType: 'audio/wav', hasCleanCopy: false });
    const forManager = await manager.get(`/api/attachments/${created.id}/content`);
    expect(sha256(await bytesOf(forManager))).toBe(sha256(wav));
    expect((await advocacy.get(`/api/attachments/${created.id}/content`)).status).toBe(404);
  });

  it('when an executable is sent as a PDF, then it is refused naming what it is, and nothing is stored', async () => {
    const before = { files: storedFiles(), rows: await rows() };
    const response = await upload(researcher, path_, {
      bytes: elfExecutable(),
      name: 'summons.pdf',
      type: 'application/pdf',
    });
    expect(response.status).toBe(400);
    const body = await json<{ error: { code: string; details: { message: string }[] } }>(response);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details[0]!.message).toMatch(/application\/x-elf/);
    expect({ files: storedFiles(), rows: await rows() }).toEqual(before);
  });

  it('when a file is over the limit, then the answer is 413 TOO_LARGE and nothing is stored', async () => {
    const before = { files: storedFiles(), rows: await rows() };
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(maxBytes + 10, 0x20)]);
    const response = await upload(researcher, path_, { bytes: big, name: 'big.pdf' });
    expect(response.status).toBe(413);
    expect(await errorCodeOf(response)).toBe('TOO_LARGE');
    expect({ files: storedFiles(), rows: await rows() }).toEqual(before);
  });

  it('when the client hangs up half-way through an upload, then nothing is left on disk or in the database', async () => {
    const before = { files: storedFiles(), rows: await rows() };
    const boundary = 'vigil-cut-off';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
    );
    const url = new URL(`${app.url}${path_}`);
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: {
        cookie: researcher.cookie,
        'x-csrf-token': researcher.csrfToken,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + 600_000 + 100),
      },
    });
    request.on('error', () => {});
    request.write(head);
    request.write(Buffer.alloc(300_000, 0x20));
    // long enough for the server to have begun storing
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(storedFiles().some((name) => name.endsWith('.partial'))).toBe(true);
    request.destroy();
    await expect.poll(storedFiles, { timeout: 5000 }).toEqual(before.files);
    expect(await rows()).toBe(before.rows);
  });

  it('when a field after the file is too long, then the answer is 400 and the file is not kept', async () => {
    const before = { files: storedFiles(), rows: await rows() };
    const form = new FormData();
    // the file is whole, and stored, before the field that fails the request arrives
    form.append('file', new Blob([new Uint8Array(await png())]), 'photo.png');
    form.append('description', 'x'.repeat(600_000));
    const response = await researcher.request('POST', path_, form);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('VALIDATION');
    expect({ files: storedFiles(), rows: await rows() }).toEqual(before);
  });

  it('when the caller may read the record but not update it, then uploading is 403 and nothing is stored', async () => {
    const response = await upload(advocacy, path_, { bytes: await png(), name: 'photo.png' });
    expect(response.status).toBe(403);
  });

  it('when the body is not multipart, or its fields are unknown, then the answer is 400 VALIDATION', async () => {
    const notMultipart = await researcher.request('POST', path_, { file: 'x' });
    expect(notMultipart.status).toBe(400);
    const before = { files: storedFiles(), rows: await rows() };
    const unknownField = await upload(
      researcher,
      path_,
      { bytes: await png(), name: 'a.png' },
      { owner: 'x' },
    );
    expect(unknownField.status).toBe(400);
    expect(await errorCodeOf(unknownField)).toBe('VALIDATION');
    expect({ files: storedFiles(), rows: await rows() }).toEqual(before);
  });
});

describe('sensitive attachments and deletion', () => {
  it('when an attachment is sensitive, then only callers with the right to sensitive fields see it', async () => {
    const response = await upload(
      researcher,
      path_,
      { bytes: Buffer.from('Home address (fictional)'), name: 'address.txt' },
      { sensitive: 'true' },
    );
    const created = await json<AttachmentOutput>(response);
    expect(created.sensitive).toBe(true);
    const listedFor = async (client: RoleClient) =>
      (await json<{ items: AttachmentOutput[] }>(await client.get(path_))).items.map(
        (item) => item.id,
      );
    expect(await listedFor(researcher)).toContain(created.id);
    expect(await listedFor(manager)).toContain(created.id);
    expect(await listedFor(advocacy)).not.toContain(created.id);
    expect((await advocacy.get(`/api/attachments/${created.id}`)).status).toBe(404);
    expect((await advocacy.get(`/api/attachments/${created.id}/content`)).status).toBe(404);
    expect((await manager.get(`/api/attachments/${created.id}`)).status).toBe(200);
  });

  it('when an attachment is deleted, then it is gone from the list and reads, and the deletion is audited', async () => {
    const created = await json<AttachmentOutput>(
      await upload(researcher, path_, { bytes: Buffer.from('to delete'), name: 'old.txt' }),
    );
    expect((await researcher.request('DELETE', `/api/attachments/${created.id}`)).status).toBe(204);
    expect((await researcher.get(`/api/attachments/${created.id}`)).status).toBe(404);
    const events = await app.database.db.auditEvent.count({
      where: { entityId: created.id, action: 'ATTACHMENT_DELETE' },
    });
    expect(events).toBe(1);
  });
});

describe('a stored file altered', () => {
  const storeOfApp = () =>
    encryptedStore(
      createDiskStore(storeDir()),
      loadDataKey({ NODE_ENV: 'test', DATA_DIR: app.dataDir }, () => {}),
    );

  async function attached(text: string) {
    const created = await json<AttachmentOutput>(
      await upload(researcher, path_, {
        bytes: Buffer.from(text.repeat(5000)),
        name: 'record.txt',
      }),
    );
    const row = await app.database.db.attachment.findUniqueOrThrow({ where: { id: created.id } });
    return { id: created.id, file: path.join(storeDir(), row.storageKey), key: row.storageKey };
  }

  const alterations = () =>
    app.database.db.auditEvent.findMany({
      where: {
        entity: 'Attachment',
        action: 'ATTACHMENT_DOWNLOAD',
        changes: { path: ['integrity'], equals: 'FAILED' },
      },
    });

  async function downloadFails(id: string) {
    // before the headers or after them, the download must not complete
    const download = researcher.get(`/api/attachments/${id}/content`).then((r) => r.arrayBuffer());
    await expect(download).rejects.toThrow();
  }

  it('when a byte on disk is changed, then the download breaks off and the alteration is audited', async () => {
    const { id, file } = await attached('Original testimony. ');
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 40) ^ 0xff, bytes.length - 40);
    fs.writeFileSync(file, bytes);
    await downloadFails(id);
    await expect
      .poll(async () => (await alterations()).filter((e) => e.entityId === id).length)
      .toBe(1);
  });

  it('when the file is replaced by a longer one encrypted with the same key, then the download breaks off', async () => {
    const { id, key } = await attached('What the witness said. ');
    await storeOfApp().put(
      key,
      Readable.from([Buffer.from('What the witness never said. '.repeat(5000))]),
    );
    await downloadFails(id);
    await expect
      .poll(async () => JSON.stringify((await alterations()).filter((e) => e.entityId === id)))
      .toMatch(/was altered: it is longer/);
  });

  it('when the file is replaced by one of the same length encrypted with the same key, then the hash check refuses it', async () => {
    const { id, key } = await attached('The police came at 6. ');
    await storeOfApp().put(
      key,
      Readable.from([Buffer.from('The police came at 9. '.repeat(5000))]),
    );
    await downloadFails(id);
    await expect
      .poll(async () => JSON.stringify((await alterations()).filter((e) => e.entityId === id)))
      .toMatch(/was altered: its sha256 is [0-9a-f]{64}/);
  });
});
