import type { Writable } from 'node:stream';
import { ForbiddenError } from '@casl/ability';
import type { CaseFile, CaseSummaryFormat, CaseSummaryQuery } from '@vigil/shared/schemas/exports';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Ctx } from '../../http/request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { caseFileOf, openCaseFile, type CaseFileStream } from './case-file.ts';
import { renderCaseSummaryCsv } from './case-summary.csv.ts';
import { renderCaseSummaryDocx } from './case-summary.docx.ts';
import { renderCaseSummaryJson } from './case-summary.json.ts';
import { renderCaseSummaryPdf } from './case-summary.pdf.ts';
import { caseSummaryTables } from './case-summary.tables.ts';
import { renderCaseSummaryXlsx } from './case-summary.xlsx.ts';

type Render = (out: Writable) => Promise<void>;

interface Renderer {
  contentType: string;
  // reads whatever must be read before the answer starts, so that a refusal (a document of too
  // many incidents) is still an error answer rather than a broken file
  prepare: (file: CaseFileStream, query: CaseSummaryQuery) => Promise<Render> | Render;
}

// Spreadsheets and JSON stream page by page, whatever the size.
const streamed = (
  contentType: string,
  render: (file: CaseFileStream, out: Writable, query: CaseSummaryQuery) => Promise<void>,
): Renderer => ({ contentType, prepare: (file, query) => (out) => render(file, out, query) });

// Documents are laid out whole, from a case file of at most documentIncidentLimit incidents.
const paged = (
  contentType: string,
  render: (caseFile: CaseFile, out: Writable) => Promise<void>,
): Renderer => ({
  contentType,
  prepare: async (file) => {
    const caseFile = await caseFileOf(file);
    return (out) => render(caseFile, out);
  },
});

const renderers: Record<CaseSummaryFormat, Renderer> = {
  json: streamed('application/json; charset=utf-8', renderCaseSummaryJson),
  csv: streamed('text/csv; charset=utf-8', (file, out, query) =>
    renderCaseSummaryCsv(file, out, caseSummaryTables[query.part ?? 'incidents']),
  ),
  xlsx: streamed(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
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

// vigil-case-summary-2026-03-04.docx; the acts table of a CSV export says so in its name
function filenameOf(query: CaseSummaryQuery, generatedAt: Date) {
  const part = query.part === 'acts' ? '-acts' : '';
  return `vigil-case-summary${part}-${generatedAt.toISOString().slice(0, 10)}.${query.format}`;
}

// The case summary of a selection, ready to write: the selection is checked (unreadable ids are
// 404), the document size too, and the export is in the audit log (format, selection and the
// incidents it holds) before a byte of it leaves.
export async function exportCaseSummary(
  ctx: Ctx,
  query: CaseSummaryQuery,
): Promise<CaseSummaryExport> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('create', 'Export');
  const { format, part, ...selection } = query;
  const file = await openCaseFile(ctx, selection);
  const renderer = renderers[format];
  const render = await renderer.prepare(file, query);
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
        selection,
        incidentIds: file.incidentIds,
      }),
    ) as Prisma.InputJsonObject,
    ip: ctx.ip,
  });
  return {
    filename: filenameOf(query, file.head.generatedAt),
    contentType: renderer.contentType,
    render,
  };
}
