import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  attachmentName,
  attachmentUploadFields,
  downloadVariant,
  type AttachmentContentQuery,
  type AttachmentEntity,
  type AttachmentList,
  type AttachmentListQuery,
  type AttachmentMediaType,
  type AttachmentOutput,
} from '@vigil/shared/schemas/attachments';
import type { Request } from 'express';
import { AppError, notFound } from '../../http/app-error.ts';
import { issuesOf } from '../../http/error-handler.ts';
import { pageQuery, parseSort, toPage } from '../../http/pagination.ts';
import type { Ctx } from '../../http/request-context.ts';
import { auditorOf, recordAudit } from '../audit/index.ts';
import { TamperedError } from '../../security/chunked-cipher.ts';
import { cleanerFor } from './attachments.clean.ts';
import { sniffMediaType } from './attachments.content.ts';
import { readUpload } from './attachments.multipart.ts';
import { loadOwningRecord, type OwningRecord } from './attachments.records.ts';
import type { AttachmentStore } from './attachments.store.ts';

export interface AttachmentSettings {
  store: AttachmentStore;
  // the largest file accepted, in bytes
  maxBytes: number;
}

const audit = auditorOf('Attachment');
const newestFirst = parseSort('-createdAt');

const attachmentSelect = {
  id: true,
  entity: true,
  entityId: true,
  name: true,
  mediaType: true,
  size: true,
  sha256: true,
  description: true,
  sensitive: true,
  hasCleanCopy: true,
  cleanSize: true,
  cleanSha256: true,
  storageKey: true,
  cleanStorageKey: true,
  uploadedById: true,
  createdAt: true,
} as const;

interface AttachmentRow {
  id: string;
  entity: AttachmentEntity;
  entityId: string;
  name: string;
  mediaType: string;
  size: bigint;
  sha256: string;
  description: string | null;
  sensitive: boolean;
  hasCleanCopy: boolean;
  cleanSize: bigint | null;
  cleanSha256: string | null;
  storageKey: string;
  cleanStorageKey: string | null;
  uploadedById: string;
  createdAt: Date;
}

function toOutput(row: AttachmentRow): AttachmentOutput {
  return {
    id: row.id,
    name: row.name,
    mediaType: row.mediaType as AttachmentMediaType,
    size: Number(row.size),
    sha256: row.sha256,
    ...(row.description === null ? {} : { description: row.description }),
    sensitive: row.sensitive,
    hasCleanCopy: row.hasCleanCopy,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt.toISOString(),
  };
}

// sensitive attachments do not exist for callers without the right to sensitive fields
const visibleTo = (record: OwningRecord) => (record.seesSensitive ? {} : { sensitive: false });

export async function listAttachments(
  ctx: Ctx,
  entity: AttachmentEntity,
  entityId: string,
  query: AttachmentListQuery,
): Promise<AttachmentList> {
  const record = await loadOwningRecord(ctx, entity, entityId);
  const page = pageQuery(newestFirst, query.limit, query.cursor);
  const rows = await ctx.db.attachment.findMany({
    where: { AND: [{ entity, entityId, deletedAt: null }, visibleTo(record), page.where] },
    orderBy: page.orderBy,
    take: page.take,
    select: attachmentSelect,
  });
  const { items, nextCursor } = toPage(rows, query.limit, newestFirst);
  return { items: items.map(toOutput), nextCursor };
}

// The attachment with its record, if the caller may read both, else 404.
async function loadAttachment(ctx: Ctx, id: string) {
  const row = await ctx.db.attachment.findFirst({
    where: { id, deletedAt: null },
    select: attachmentSelect,
  });
  if (!row) throw notFound('Attachment');
  const record = await loadOwningRecord(ctx, row.entity, row.entityId).catch(() => {
    throw notFound('Attachment');
  });
  if (row.sensitive && !record.seesSensitive) throw notFound('Attachment');
  return { row, record };
}

export async function getAttachment(ctx: Ctx, id: string): Promise<AttachmentOutput> {
  return toOutput((await loadAttachment(ctx, id)).row);
}

const tooLarge = (maxBytes: number) =>
  new AppError('TOO_LARGE', `The file is larger than ${maxBytes} bytes`, { maxBytes });

interface Stored {
  size: number;
  sha256: string;
}

// Stores the stream under `key` while counting and hashing it; past maxBytes it fails and the
// store keeps nothing.
async function storeMeasured(
  store: AttachmentStore,
  key: string,
  content: Readable,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Stored> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(tooLarge(maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  // both settle before the answer; the meter's own failure (too large, cut off) is the one told
  const [measuring, storing] = await Promise.allSettled([
    pipeline(content, meter),
    store.put(key, meter),
  ]);
  if (measuring.status === 'rejected') throw measuring.reason;
  if (storing.status === 'rejected') throw storing.reason;
  return { size, sha256: hash.digest('hex') };
}

interface Received extends Stored {
  name: string;
  mediaType: AttachmentMediaType;
  storageKey: string;
  clean?: Stored & { storageKey: string };
}

// The original, then its clean copy read back from the store (a file the cleaner cannot parse,
// though its type matched, simply gets none).
async function receiveFile(
  { store, maxBytes }: AttachmentSettings,
  content: Readable,
  filename: string,
): Promise<Received> {
  const name = attachmentName.safeParse(filename);
  if (!name.success) {
    content.resume();
    throw new AppError('VALIDATION', 'The request is not valid', issuesOf(name.error, 'body.file'));
  }
  const sniffed = await sniffMediaType(content);
  const id = randomUUID();
  const storageKey = `${id}.original`;
  const original = await storeMeasured(store, storageKey, sniffed.content, maxBytes);
  const received: Received = {
    name: name.data,
    mediaType: sniffed.mediaType,
    storageKey,
    ...original,
  };
  const cleaner = cleanerFor(sniffed.mediaType);
  if (!cleaner) return received;
  const cleanStorageKey = `${id}.clean`;
  try {
    const clean = await storeMeasured(
      store,
      cleanStorageKey,
      await cleaner(await store.get(storageKey)),
    );
    return { ...received, clean: { ...clean, storageKey: cleanStorageKey } };
  } catch {
    await store.delete(cleanStorageKey);
    return received;
  }
}

const storedKeys = (file: Received) => [
  file.storageKey,
  ...(file.clean ? [file.clean.storageKey] : []),
];

const forbidden = () => new AppError('FORBIDDEN', 'You are not allowed to change this record');

// Streams the file into the store, then writes its row and ATTACHMENT_ADD together; anything
// refused or cut off on the way leaves nothing stored.
export async function uploadAttachment(
  ctx: Ctx,
  settings: AttachmentSettings,
  entity: AttachmentEntity,
  entityId: string,
  req: Request,
): Promise<AttachmentOutput> {
  const record = await loadOwningRecord(ctx, entity, entityId);
  if (!record.mayUpdate) throw forbidden();
  const discard = (received: Received) =>
    Promise.all(storedKeys(received).map((key) => settings.store.delete(key))).then(() => {});
  const { fields, file } = await readUpload(
    req,
    (content, filename) => receiveFile(settings, content, filename),
    discard,
  );
  try {
    const parsed = attachmentUploadFields.safeParse(fields);
    if (!parsed.success) {
      throw new AppError('VALIDATION', 'The request is not valid', issuesOf(parsed.error, 'body'));
    }
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.attachment.create({
        data: {
          entity,
          entityId,
          name: file.name,
          mediaType: file.mediaType,
          size: file.size,
          sha256: file.sha256,
          description: parsed.data.description ?? null,
          sensitive: parsed.data.sensitive,
          hasCleanCopy: file.clean !== undefined,
          cleanSize: file.clean?.size ?? null,
          cleanSha256: file.clean?.sha256 ?? null,
          storageKey: file.storageKey,
          cleanStorageKey: file.clean?.storageKey ?? null,
          uploadedById: ctx.user.id,
        },
        select: attachmentSelect,
      });
      await recordAudit(
        tx,
        audit(
          ctx,
          'ATTACHMENT_ADD',
          { id: created.id, country: record.country },
          {
            record: { entity, id: entityId },
            name: file.name,
            mediaType: file.mediaType,
            size: file.size,
            sha256: file.sha256,
            sensitive: parsed.data.sensitive,
          },
        ),
      );
      return created;
    });
    return toOutput(row);
  } catch (error) {
    await discard(file);
    throw error;
  }
}

// Soft delete: the row and the stored bytes stay, recoverable by an admin.
export async function deleteAttachment(ctx: Ctx, id: string): Promise<void> {
  const { row, record } = await loadAttachment(ctx, id);
  if (!record.mayUpdate) throw forbidden();
  await ctx.db.$transaction(async (tx) => {
    await tx.attachment.update({
      where: { id },
      data: { deletedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(
      tx,
      audit(
        ctx,
        'ATTACHMENT_DELETE',
        { id, country: record.country },
        {
          record: { entity: row.entity, id: row.entityId },
          name: row.name,
        },
      ),
    );
  });
}

export interface Download {
  name: string;
  mediaType: string;
  size: number;
  content: Readable;
  // passes the bytes through, holding back the last chunk until the hash matches the recorded
  // one; otherwise the download fails and the alteration is audited
  verifier: Transform;
}

// variant=clean asks for the copy without metadata; a plain download gets the copy the
// shared rule gives the caller (downloadVariant).
function variantFor(row: AttachmentRow, record: OwningRecord, query: AttachmentContentQuery) {
  const copy = query.variant ?? downloadVariant(row, record.seesSensitive);
  if (copy === 'original')
    return { variant: copy, storageKey: row.storageKey, size: row.size, sha256: row.sha256 };
  if (copy === 'clean' && row.cleanStorageKey && row.cleanSize !== null && row.cleanSha256)
    return {
      variant: copy,
      storageKey: row.cleanStorageKey,
      size: row.cleanSize,
      sha256: row.cleanSha256,
    };
  return undefined;
}

export async function downloadAttachment(
  ctx: Ctx,
  store: AttachmentStore,
  id: string,
  query: AttachmentContentQuery,
): Promise<Download> {
  const { row, record } = await loadAttachment(ctx, id);
  const chosen = variantFor(row, record, query);
  if (!chosen) throw notFound('Clean copy');
  const target = { id, country: record.country };
  await recordAudit(
    ctx.db,
    audit(ctx, 'ATTACHMENT_DOWNLOAD', target, {
      record: { entity: row.entity, id: row.entityId },
      variant: chosen.variant,
    }),
  );
  const altered = (reason: string) =>
    recordAudit(
      ctx.db,
      audit(ctx, 'ATTACHMENT_DOWNLOAD', target, {
        record: { entity: row.entity, id: row.entityId },
        variant: chosen.variant,
        integrity: 'FAILED',
        message: `The stored file was altered: ${reason}`,
        expectedSha256: chosen.sha256,
      }),
    );
  const hash = createHash('sha256');
  let held: Buffer | undefined;
  let total = 0;
  let failed = false;
  const verifier = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      // longer than recorded: a client counting on Content-Length must never get a whole file
      if (total > Number(chosen.size)) {
        failed = true;
        void altered(`it is longer than ${chosen.size} bytes`).finally(() =>
          callback(new IntegrityError()),
        );
        return;
      }
      hash.update(chunk);
      const previous = held;
      held = chunk;
      callback(null, previous);
    },
    flush(callback) {
      const digest = hash.digest('hex');
      if (digest === chosen.sha256) {
        callback(null, held);
        return;
      }
      failed = true;
      void altered(`its sha256 is ${digest}`).finally(() => callback(new IntegrityError()));
    },
  });
  let content: Readable;
  try {
    content = await store.get(chosen.storageKey);
  } catch {
    await altered('it is missing from the store');
    throw new IntegrityError();
  }
  // a reader who leaves destroys the stream too; only a failed decryption means alteration
  content.on('error', (error) => {
    if (error instanceof TamperedError && !failed) {
      failed = true;
      void altered(error.message).finally(() => verifier.destroy(new IntegrityError()));
    }
  });
  return { name: row.name, mediaType: row.mediaType, size: Number(chosen.size), content, verifier };
}

export class IntegrityError extends Error {
  constructor() {
    super('The stored file fails its integrity check');
  }
}
