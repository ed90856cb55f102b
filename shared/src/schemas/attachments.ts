import { z } from 'zod';
import { id, listOf, listQuery, plainText, queryBoolean, timestamp } from './common.ts';

export const attachmentEntities = ['INCIDENT', 'DEFENDER', 'ADVOCACY'] as const;
export type AttachmentEntity = (typeof attachmentEntities)[number];

// The kinds of evidence kept, decided from the file's content (never its name or declared
// type): documents, photos, sound and video.
export const attachmentMediaTypes = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'audio/mpeg',
  'audio/x-m4a',
  'audio/ogg',
  'audio/wav',
  'video/mp4',
  'video/webm',
  'video/quicktime',
] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const attachmentOutput = z.object({
  id,
  name: z.string(),
  mediaType: z.enum(attachmentMediaTypes),
  // of the original file, so that anyone can prove later that it was not altered
  size: z.number().int().min(0),
  sha256,
  description: z.string().optional(),
  sensitive: z.boolean(),
  // a copy without metadata (GPS, author, device) exists: what roles without the right to
  // sensitive fields download
  hasCleanCopy: z.boolean(),
  uploadedById: id,
  createdAt: timestamp,
});
export type AttachmentOutput = z.infer<typeof attachmentOutput>;

export const attachmentList = listOf(attachmentOutput);
export type AttachmentList = z.infer<typeof attachmentList>;

export const attachmentListQuery = z.strictObject(listQuery);
export type AttachmentListQuery = z.infer<typeof attachmentListQuery>;

// The form fields that come with the `file` part of the multipart upload.
export const attachmentUploadFields = z.strictObject({
  description: plainText.trim().min(1).max(2000).optional(),
  sensitive: queryBoolean.default(false),
});
export type AttachmentUploadFields = z.infer<typeof attachmentUploadFields>;

// The file's name as shown and offered on download: no path, no control characters.
export const attachmentName = plainText
  .transform((name) =>
    name
      .replace(/^.*[\\/]/, '')
      .replace(/[\p{Cc}]/gu, '')
      .trim(),
  )
  .pipe(z.string().min(1, 'The file needs a name').max(255));

export const attachmentContentQuery = z.strictObject({
  variant: z.literal('clean').optional(),
});
export type AttachmentContentQuery = z.infer<typeof attachmentContentQuery>;

export type AttachmentVariant = 'original' | 'clean';

// Which copy a plain download gives: the original to callers with the right to the record's
// sensitive fields; to others the copy without metadata, or the original of plain text, the one
// type with no hidden properties (a video or a HEIC photo may carry where and by what device it
// was taken); nothing for a sensitive attachment or a file that cannot be cleaned.
export function downloadVariant(
  attachment: { mediaType: string; sensitive: boolean; hasCleanCopy: boolean },
  seesSensitive: boolean,
): AttachmentVariant | undefined {
  if (seesSensitive) return 'original';
  if (attachment.sensitive) return undefined;
  if (attachment.hasCleanCopy) return 'clean';
  return attachment.mediaType === 'text/plain' ? 'original' : undefined;
}
