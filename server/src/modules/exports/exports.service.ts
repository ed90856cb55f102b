import type { Writable } from 'node:stream';
import { ForbiddenError } from '@casl/ability';
import type { CaseFile, CaseSummaryFormat, CaseSummaryQuery } from '@vigil/shared/schemas/exports';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Ctx } from '../../http/request-context.ts';
import type { AttachmentSettings } from '../attachments/index.ts';
import { recordAudit } from '../audit/index.ts';
import { caseFileOf, openCaseFile, type CaseFileStream } from './case-file.ts';
import { renderCaseSummaryCsv } from './case-summary.csv.ts';
import { renderCaseSummaryDocx } from './case-summary.docx.ts';
import { renderCaseSummaryJson } from './case-summary.json.ts';
import { renderCaseSummaryPdf } from './case-summary.pdf.ts';
import { caseSummaryTables } from './case-summary.tables.ts';
import { renderCaseSummaryXlsx } from './case-summary.xlsx.ts';
import { bundleManifest, writeBundle } from './case-summary.zip.ts';

type Render = (out: Writable) => Promise<void>;

interface Renderer {
  contentType: string;
  // a part for each defender, where their attachments are listed too
  listsDefenders: boolean;
  // text, which a ZIP holds compressed
  text: boolean;
  // reads whatever must be read before the answer starts, so that a refusal (a document of too
  // many incidents) is still an error answer rather than a broken file
  prepare: (file: CaseFileStream, query: CaseSummaryQuery) => Promise<Render> | Render;
}

// Spreadsheets and JSON stream page by page, whatever the size.
const streamed = (
  contentType: string,
  kind: Pick<Renderer, 'listsDefenders' | 'text'>,
  render: (file: CaseFileStream, out: Writable, query: CaseSummaryQuery) => Promise<void>,
): Renderer => ({
  contentType,
  ...kind,
  prepare: (file, query) => (out) => render(file, out, query),
});

// Documents are laid out whole, from a case file of at most documentIncidentLimit incidents.
const paged = (
  contentType: string,
  render: (caseFile: CaseFile, out: Writable) => Promise<void>,
): Renderer => ({
  contentType,
  listsDefenders: true,
  text: false,
  prepare: async (file) => {
    const caseFile = await caseFileOf(file);
    return (out) => render(caseFile, out);
  },
});

const renderers: Record<CaseSummaryFormat, Renderer> = {
  json: streamed(
    'application/json; charset=utf-8',
    { listsDefenders: true, text: true },
    renderCaseSummaryJson,
  ),
  csv: streamed(
    'text/csv; charset=utf-8',
    { listsDefenders: false, text: true },
    (file, out, query) =>
      renderCaseSummaryCsv(file, out, caseSummaryTables[query.part ?? 'incidents']),
  ),
  xlsx: streamed(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    { listsDefenders: false, text: false },
    renderCaseSummaryXlsx,
  ),
  pdf: paged('application/pdf', renderCaseSummaryPdf),
  docx: paged(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    renderCaseSummaryDocx,
  ),
};

export interface CaseSummaryExport {
  filename: string;
  contentType: string;
  render: Render;
}

// vigil-case-summary-2026-03-04.docx; a CSV export's acts or attachments table says so in its
// name; a ZIP is named as the summary it holds
function filenameOf(query: CaseSummaryQuery, generatedAt: Date, extension: string) {
  const part = query.part && query.part !== 'incidents' ? `-${query.part}` : '';
  return `vigil-case-summary${part}-${generatedAt.toISOString().slice(0, 10)}.${extension}`;
}

// The case summary of a selection, opened and checked: unreadable ids are 404, a document of
// too many incidents 400.
async function openCaseSummary(ctx: Ctx, query: CaseSummaryQuery) {
  ForbiddenError.from(ctx.ability).throwUnlessCan('create', 'Export');
  const { format, part: _part, bundle: _bundle, ...selection } = query;
  const file = await openCaseFile(ctx, selection);
  const renderer = renderers[format];
  const render = await renderer.prepare(file, query);
  return { file, renderer, render, summaryName: filenameOf(query, file.head.generatedAt, format) };
}

// Before a byte of the export leaves: its format, selection, the incidents and (in a ZIP) the
// files it holds.
async function auditExport(
  ctx: Ctx,
  { format, part, bundle, ...selection }: CaseSummaryQuery,
  file: CaseFileStream,
  attachmentIds?: string[],
) {
  await recordAudit(ctx.db, {
    actorId: ctx.user.id,
    action: 'EXPORT',
    entity: 'Export',
    entityId: null,
    country: file.country,
    changes: JSON.parse(
      JSON.stringify({
        document: 'case-summary',
        format,
        part,
        bundle,
        selection,
        incidentIds: file.incidentIds,
        attachmentIds,
      }),
    ) as Prisma.InputJsonObject,
    ip: ctx.ip,
  });
}

// The case summary of a selection, ready to write, in the audit log.
export async function exportCaseSummary(
  ctx: Ctx,
  query: CaseSummaryQuery,
): Promise<CaseSummaryExport> {
  const { file, renderer, render, summaryName } = await openCaseSummary(ctx, query);
  await auditExport(ctx, query, file);
  return { filename: summaryName, contentType: renderer.contentType, render };
}

// The case summary in a ZIP with the copies without metadata of the files it lists; refused
// (413) past the limits from the recorded sizes, before anything is written.
export async function exportCaseSummaryZip(
  ctx: Ctx,
  attachments: AttachmentSettings,
  query: CaseSummaryQuery,
): Promise<CaseSummaryExport> {
  const { file, renderer, render, summaryName } = await openCaseSummary(ctx, query);
  const files = await bundleManifest(ctx, file, renderer.listsDefenders);
  await auditExport(
    ctx,
    query,
    file,
    files.map((attachment) => attachment.id),
  );
  return {
    filename: filenameOf(query, file.head.generatedAt, 'zip'),
    contentType: 'application/zip',
    render: (out) =>
      writeBundle(
        ctx,
        attachments,
        {
          summaryName,
          compressSummary: renderer.text,
          renderSummary: render,
          files,
          generatedAt: file.head.generatedAt,
        },
        out,
      ),
  };
}
