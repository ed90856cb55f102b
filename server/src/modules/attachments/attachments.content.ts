import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { attachmentMediaTypes, type AttachmentMediaType } from '@vigil/shared/schemas/attachments';
import { validationError } from '../../http/app-error.ts';

// enough of a file for file-type to look inside a zip (DOCX, XLSX, ODT) and for text to be judged
const sampleSize = 256 * 1024;

// file-type's names where they differ from the ones the API lists
const synonyms: Record<string, AttachmentMediaType> = {
  'audio/ogg; codecs=opus': 'audio/ogg',
  'audio/opus': 'audio/ogg',
  'image/heif': 'image/heic',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/mp4': 'audio/x-m4a',
};

const allowed = new Set<string>(attachmentMediaTypes);

// Printable UTF-8 (tabs and line breaks allowed); a sample may end inside a character.
function isPlainText(sample: Buffer, whole: boolean): boolean {
  if (sample.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      whole ? sample : sample.subarray(0, Math.max(0, sample.length - 3)),
    );
  } catch {
    return false;
  }
  // control characters other than tab, line feed, form feed and carriage return
  return !/[^\P{Cc}\t\n\f\r]/u.test(text);
}

export interface Sniffed {
  mediaType: AttachmentMediaType;
  // the whole stream again, sample included
  content: Readable;
}

// The first bytes of the stream, and the stream again from its start.
async function peek(stream: Readable, size: number) {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const sample = Buffer.concat(chunks);
  async function* again() {
    yield sample;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { sample, ended, content: Readable.from(again(), { objectMode: false }) };
}

// The type from the content, never from the name or the declared type; anything outside the
// allow-list is refused with the type found, before a byte is stored.
export async function sniffMediaType(stream: Readable): Promise<Sniffed> {
  const { sample, ended, content } = await peek(stream, sampleSize);
  const detected = await fileTypeFromBuffer(sample);
  const mime = detected ? (synonyms[detected.mime] ?? detected.mime) : undefined;
  const mediaType = mime ?? (isPlainText(sample, ended) ? 'text/plain' : undefined);
  if (!mediaType || !allowed.has(mediaType)) {
    content.destroy();
    const found = detected ? `${detected.mime} (.${detected.ext})` : 'unrecognised binary data';
    throw validationError([
      {
        path: 'body.file',
        message: `This kind of file is not accepted: ${found}. Accepted are PDF, DOCX, XLSX, ODT, plain text, JPEG, PNG, WebP, HEIC, MP3, M4A, OGG, WAV, MP4, WebM and MOV`,
        code: 'invalid_type',
      },
    ]);
  }
  return { mediaType: mediaType as AttachmentMediaType, content };
}
