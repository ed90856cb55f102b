import { caseSummaryJson, caseSummaryQuery } from '@vigil/shared/schemas/exports';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { exportCaseSummary } from './exports.service.ts';

export const exportRoutes = createRoutes('/exports');

exportRoutes.get(
  '/case-summary',
  {
    summary:
      'A case summary of the chosen incidents (by incidentId, defenderId, advocacyId, any mix, narrowed by the incident list filters) as a download: docx (a written summary, at most 500 incidents), xlsx (sheets Incidents and Acts), csv (one table per file: part=incidents, the default, one row per incident; part=acts, one row per act) or json (the body below). Public output: restricted incidents and confidential defenders never appear, anonymised defenders under their pseudonym, no sensitive field. Written to the audit log.',
    query: caseSummaryQuery,
    response: caseSummaryJson,
  },
  async ({ query }, req, res) => {
    const summary = await exportCaseSummary(ctxOf(req), query);
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
      // the file has begun: a cut connection is the only honest way to say it failed
      req.log.error({ err: error }, 'case summary export failed while writing');
      res.destroy();
    }
  },
);
