import type { AttachmentMediaType } from '@vigil/shared/schemas/attachments';

// The types the server accepts (it decides from the content, not the name), by the word people
// use for them: `attachments.types.<kind>` in the common catalogue.
const kinds: Record<AttachmentMediaType, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/plain': 'text',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'audio/mpeg': 'mp3',
  'audio/x-m4a': 'm4a',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

export function mediaKind(mediaType: AttachmentMediaType): string {
  return kinds[mediaType];
}

// What the browser can show in the page; HEIC and the rest are downloaded.
export function viewerKind(mediaType: AttachmentMediaType): 'image' | 'pdf' | undefined {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'image/jpeg' || mediaType === 'image/png' || mediaType === 'image/webp')
    return 'image';
  return undefined;
}
