// Real files for the attachment suites, made in the test: a PDF that names its author, a JPEG
// that says where it was taken, a PNG, an executable dressed as a PDF.
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import exifr from 'exifr';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import piexif from 'piexifjs';
import sharp from 'sharp';
import type { Client } from '../../../../tests/support/http.ts';

export async function pdfWithAuthor(author: string) {
  const document = await PDFDocument.create();
  document.setAuthor(author);
  document.setCreator('Vigil test suite');
  document.setProducer('Vigil test suite');
  document.setKeywords(['summons']);
  document.addPage([300, 200]).drawText('Summons to appear before the court (fictional)');
  return Buffer.from(await document.save());
}

export async function authorOf(pdf: Buffer) {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  return {
    author: document.getAuthor(),
    creator: document.getCreator(),
    producer: document.getProducer(),
  };
}

const photoOptions = {
  create: { width: 64, height: 48, channels: 3 as const, background: '#c33' },
};

// Phnom Penh, as a phone would write it
export async function jpegWithGps() {
  const jpeg = await sharp(photoOptions).jpeg().toBuffer();
  const exif = piexif.dump({
    '0th': { [piexif.ImageIFD.Make]: 'PhoneMaker', [piexif.ImageIFD.Artist]: 'A. Researcher' },
    GPS: {
      [piexif.GPSIFD.GPSLatitudeRef]: 'N',
      [piexif.GPSIFD.GPSLatitude]: [
        [11, 1],
        [33, 1],
        [0, 1],
      ],
      [piexif.GPSIFD.GPSLongitudeRef]: 'E',
      [piexif.GPSIFD.GPSLongitude]: [
        [104, 1],
        [55, 1],
        [0, 1],
      ],
    },
  });
  return Buffer.from(piexif.insert(exif, jpeg.toString('binary')), 'binary');
}

export const gpsOf = async (image: Buffer) => (await exifr.gps(image)) ?? undefined;
export const exifOf = async (image: Buffer) =>
  ((await exifr.parse(image)) as object | undefined) ?? undefined;

export const png = () => sharp(photoOptions).png().toBuffer();

// the start of an ELF executable: what a .pdf sent by a stranger may really be
export function elfExecutable() {
  const elf = Buffer.alloc(4096);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(elf);
  elf.writeUInt16LE(2, 16); // executable
  elf.writeUInt16LE(0x3e, 18); // x86-64
  return elf;
}

export function upload(
  client: Client,
  path: string,
  file: { bytes: Buffer; name: string; type?: string },
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(
    'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
    file.name,
  );
  return client.request('POST', path, form);
}

export async function docxWithAuthor(author: string) {
  const document = new Document({
    creator: author,
    lastModifiedBy: author,
    revision: 7,
    sections: [{ children: [new Paragraph('Charge sheet (fictional)')] }],
  });
  return Packer.toBuffer(document);
}

export async function xlsxWithAuthor(author: string) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = author;
  workbook.lastModifiedBy = author;
  workbook.company = 'Ministry of Interior (fictional)';
  workbook.addWorksheet('Hearings').addRow(['2024-03-01', 'Phnom Penh Municipal Court']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// docProps/core.xml and app.xml of an Office Open XML file, as text
export function officePropertiesOf(file: Buffer) {
  const entries = unzipSync(new Uint8Array(file), {
    filter: (entry) => entry.name.startsWith('docProps/'),
  });
  return Object.values(entries)
    .map((entry) => strFromU8(entry))
    .join('\n');
}
