import {
  caseSummaryJson,
  caseSummaryQuery,
  statementParams,
  unSubmissionParams,
} from '@vigil/shared/schemas/exports';
import type { Request } from 'express';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import type { AttachmentSettings } from '../attachments/index.ts';
import { sendDocx } from './draft-document.ts';
import { exportCaseSummary, exportCaseSummaryZip } from './exports.service.ts';
import { exportStatement } from './statement.docx.ts';
import { exportUnSubmission } from './un-submission.docx.ts';

export const exportRoutes = createRoutes('/exports');

const attachmentsOf = (req: Request) => req.app.locals.attachments as AttachmentSettings;

exportRoutes.get(
  '/case-summary',
  {
    summary:
      'A case summary of the chosen incidents (by incidentId, defenderId, advocacyId, any mix, narrowed by the incident list filters) as a download: pdf or docx (a written summary, at most 500 incidents: more is 400, narrow the filters), xlsx (sheets Incidents, Acts and Attachments), csv (one table per file: part=incidents, the default, one row per incident; part=acts, one row per act; part=attachments, one row per file) or json (the body below). Each incident (and in json, pdf and docx each named defender) lists its files that may go public: not marked sensitive, with a copy without metadata, whose SHA-256 is given; files of defenders known by a pseudonym are left out. bundle=zip answers application/zip: the summary, the copies without metadata under attachments/<reference>/ (attachments/defenders/<name>/ for a defender’s), each checked against its hash on the way (an altered file breaks the download and is audited), and SHA256SUMS; over 500 files or 1 GiB it is 413 TOO_LARGE. Public output: restricted incidents and confidential defenders never appear, anonymised defenders under their pseudonym, no sensitive field. Written to the audit log.',
    query: caseSummaryQuery,
    response: caseSummaryJson,
  },
  async ({ query }, req, res) => {
    const summary = query.bundle
      ? await exportCaseSummaryZip(ctxOf(req), attachmentsOf(req), query)
      : await exportCaseSummary(ctxOf(req), query);
    res.status(200);
    res.setHeader('Content-Type', summary.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${summary.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await summary.render(res);
    } catch (error) {
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        throw error;
      }
      if (res.destroyed) {
        req.log.info('case summary export ended: the reader went away');
        return;
      }
      // the file has begun: a cut connection is the only honest way to say it failed
      req.log.error({ err: error }, 'case summary export failed while writing');
      res.destroy();
    }
  },
);

exportRoutes.get(
  '/statement/:advocacyId',
  {
    summary:
      'A statement draft (docx) for an advocacy action: its title, an opening line, the linked cases as a narrative in date order (named as consent allows), a context to write per country with the figures of its cases, and sections left to fill in (concerns, recommendations, signatories). Restricted incidents and confidential defenders never appear. Written to the audit log.',
    params: statementParams,
    status: 200,
  },
  async ({ params }, req, res) => {
    sendDocx(res, await exportStatement(ctxOf(req), params.advocacyId));
  },
);

exportRoutes.get(
  '/un-submission/:incidentId',
  {
    summary:
      'A submission draft (docx) about one incident for the UN Special Rapporteur on the situation of human rights defenders: the alleged victims, the violations, the perpetrators, the charges, the actions already taken and the two consents. A defender is named only when shareWithAuthorities is YES (and their consent PUBLIC); otherwise described without a name. A restricted incident is 404. Written to the audit log.',
    params: unSubmissionParams,
    status: 200,
  },
  async ({ params }, req, res) => {
    sendDocx(res, await exportUnSubmission(ctxOf(req), params.incidentId));
  },
);
