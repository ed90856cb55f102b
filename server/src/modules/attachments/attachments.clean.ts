import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import type { AttachmentMediaType } from '@vigil/shared/schemas/attachments';

// "Do no harm": copies of a file without what could give away who made it, with what, and
// where (EXIF and GPS, XMP, IPTC, maker notes, thumbnails; a document's author and company).
type Cleaner = (original: Readable) => Promise<Readable>;

// sharp re-encodes the pixels and keeps no metadata unless asked to; rotate() first applies
// the EXIF orientation that is about to be dropped, so that the photo still stands upright.
const photo =
  (format: 'jpeg' | 'png' | 'webp'): Cleaner =>
  async (original) =>
    original.pipe(sharp({ failOn: 'error' }).rotate().toFormat(format));

// The document information dictionary is replaced by an empty one and the XMP stream dropped;
// updateMetadata: false keeps pdf-lib from writing its own Producer and dates.
const pdf: Cleaner = async (original) => {
  const document = await PDFDocument.load(await buffer(original), { updateMetadata: false });
  document.catalog.delete(PDFName.of('Metadata'));
  document.context.trailerInfo.Info = document.context.register(document.context.obj({}));
  return Readable.from([Buffer.from(await document.save())]);
};

// Office Open XML keeps who wrote and last saved a file, their company and the revision count
// in docProps; the elements stay (empty), so that the file remains valid for Word and Excel.
const officeProperties = {
  'docProps/core.xml': ['dc:creator', 'cp:lastModifiedBy', 'cp:revision', 'cp:lastPrinted'],
  'docProps/app.xml': ['Company', 'Manager'],
} as const;

function emptied(xml: string, elements: readonly string[]): string {
  return elements.reduce(
    (text, element) =>
      text.replace(new RegExp(`<(${element})(\\s[^>]*)?>[\\s\\S]*?</${element}>`, 'g'), '<$1$2/>'),
    xml,
  );
}

const office: Cleaner = async (original) => {
  const entries = unzipSync(new Uint8Array(await buffer(original)));
  for (const [name, elements] of Object.entries(officeProperties)) {
    const entry = entries[name];
    if (entry) entries[name] = strToU8(emptied(strFromU8(entry), elements));
  }
  return Readable.from([Buffer.from(zipSync(entries))]);
};

const cleaners: Partial<Record<AttachmentMediaType, Cleaner>> = {
  'image/jpeg': photo('jpeg'),
  'image/png': photo('png'),
  'image/webp': photo('webp'),
  'application/pdf': pdf,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': office,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': office,
};

export const cleanerFor = (mediaType: AttachmentMediaType): Cleaner | undefined =>
  cleaners[mediaType];
