import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import {
  attachmentContentQuery,
  attachmentList,
  attachmentListQuery,
  attachmentOutput,
  type AttachmentEntity,
} from '@vigil/shared/schemas/attachments';
import { idParams } from '@vigil/shared/schemas/common';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import {
  deleteAttachment,
  downloadAttachment,
  getAttachment,
  listAttachments,
  uploadAttachment,
  type AttachmentSettings,
} from './attachments.service.ts';

const settingsOf = (req: Request) => req.app.locals.attachments as AttachmentSettings;

// The attachments of one kind of record, under the record's own path.
function recordAttachmentRoutes(path: string, entity: AttachmentEntity, what: string) {
  const routes = createRoutes(path);
  routes.get(
    '/:id/attachments',
    {
      summary: `The attachments of ${what} the caller may read, newest first (sensitive ones only for callers with the right to sensitive fields)`,
      params: idParams,
      query: attachmentListQuery,
      response: attachmentList,
    },
    ({ params, query }, req) => listAttachments(ctxOf(req), entity, params.id, query),
  );
  routes.post(
    '/:id/attachments',
    {
      summary: `Attach a file to ${what} the caller may update: multipart/form-data with one part \`file\` and optional fields \`description\` and \`sensitive\` (true|false). The type is read from the content (PDF, DOCX, XLSX, ODT, plain text, JPEG, PNG, WebP, HEIC, MP3, M4A, OGG, WAV, MP4, WebM, MOV; anything else is 400); over the size limit is 413 TOO_LARGE. Photos, PDFs and office files also get a copy without metadata. Audited as ATTACHMENT_ADD.`,
      params: idParams,
      response: attachmentOutput,
      status: 201,
    },
    ({ params }, req) => uploadAttachment(ctxOf(req), settingsOf(req), entity, params.id, req),
  );
  return routes;
}

export const incidentAttachmentRoutes = recordAttachmentRoutes(
  '/incidents',
  'INCIDENT',
  'an incident',
);
export const defenderAttachmentRoutes = recordAttachmentRoutes(
  '/defenders',
  'DEFENDER',
  'a defender',
);
export const advocacyAttachmentRoutes = recordAttachmentRoutes(
  '/advocacy',
  'ADVOCACY',
  'an advocacy action',
);

export const attachmentRoutes = createRoutes('/attachments');

attachmentRoutes.get(
  '/:id',
  {
    summary: "An attachment's description: name, type, size and sha256 of the original",
    params: idParams,
    response: attachmentOutput,
  },
  ({ params }, req) => getAttachment(ctxOf(req), params.id),
);

attachmentRoutes.delete(
  '/:id',
  {
    summary: 'Soft-delete an attachment (the caller may update its record); audited',
    params: idParams,
    status: 204,
  },
  ({ params }, req) => deleteAttachment(ctxOf(req), params.id),
);

attachmentRoutes.get(
  '/:id/content',
  {
    summary:
      "The file, as a download. The original goes to callers with the right to the record's sensitive fields; others get the copy without metadata wherever there is one, the original of a type that has none to clean (text, audio, video), and 404 for a photo without a clean copy. variant=clean asks for that copy. The bytes are checked against the recorded sha256 on the way out: a file altered in storage ends in a broken download and an audit event. Audited as ATTACHMENT_DOWNLOAD.",
    params: idParams,
    query: attachmentContentQuery,
    status: 200,
  },
  async ({ params, query }, req, res) => {
    const download = await downloadAttachment(ctxOf(req), settingsOf(req).store, params.id, query);
    res.attachment(download.name);
    res.setHeader('Content-Type', download.mediaType);
    res.setHeader('Content-Length', download.size);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    try {
      await pipeline(download.content, download.verifier, res);
    } catch (error) {
      // the file has begun: a cut connection is the only honest way to say it failed (an
      // altered file is in the audit log already; a reader who left is no failure of ours)
      req.log.warn({ err: error }, 'attachment download ended before the end of the file');
      res.destroy();
    }
  },
);
