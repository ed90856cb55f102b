// The types the server accepts (it decides from the content, not the name), by the word people
// use for them: `attachments.types.<kind>` in the common catalogue.
const kinds: Record<string, string> = {
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
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

// the parameters (`; charset=utf-8`) say nothing about the kind
const essence = (mediaType: string) => mediaType.split(';')[0]!.trim().toLowerCase();

export function mediaKind(mediaType: string): string | undefined {
  return kinds[essence(mediaType)];
}

// What the browser can show in the page; HEIC and the rest are downloaded.
export function viewerKind(mediaType: string): 'image' | 'pdf' | undefined {
  const type = essence(mediaType);
  if (type === 'application/pdf') return 'pdf';
  if (['image/jpeg', 'image/png', 'image/webp'].includes(type)) return 'image';
  return undefined;
}
