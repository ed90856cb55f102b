import { z } from 'zod';
import { consents, datePrecisions, shareWithAuthoritiesValues } from '../enums.ts';
import { country, id, isoDate, oneOrMany, timestamp } from './common.ts';
import { incidentFilters } from './incidents.ts';

// The formats of the case summary; each has one renderer on the server.
export const caseSummaryFormats = ['pdf', 'docx', 'csv', 'xlsx', 'json'] as const;
export type CaseSummaryFormat = (typeof caseSummaryFormats)[number];

// A CSV file holds one table: the incidents, their acts (one row per act), or the attachments
// that may go public (one row per file).
export const caseSummaryParts = ['incidents', 'acts', 'attachments'] as const;

// A case summary may come in a ZIP with the copies without metadata of the files it lists. The
// ZIP is refused (413) past these, counted from the sizes recorded before a byte is sent.
export const caseSummaryBundles = ['zip'] as const;
export const bundleLimits = { files: 500, bytes: 1024 ** 3 };

// Paged formats are documents a person reads; past this many incidents they are unreadable
// (and slow to lay out), so the caller is asked to narrow the filters instead.
export const documentIncidentLimit = 500;

// What to export: incidents chosen by id, the incidents of chosen defenders (`defenderId`, as
// in the list) and of chosen advocacy actions, any mix (an incident chosen any of these ways is
// in), narrowed by the other incident list filters; with none of the three, the filters alone.
export const caseSummaryQuery = z
  .strictObject({
    format: z.enum(caseSummaryFormats),
    part: z
      .enum(caseSummaryParts)
      .optional()
      .describe(
        'csv only: `incidents` (one row each, the default), `acts` (one row per act) or `attachments` (one row per file listed)',
      ),
    bundle: z
      .enum(caseSummaryBundles)
      .optional()
      .describe(
        '`zip`: the summary in a ZIP with the copies without metadata of the files it lists, under attachments/<reference>/, and a SHA256SUMS file; 413 past 500 files or 1 GiB',
      ),
    incidentId: oneOrMany(id).optional().describe('these incidents'),
    advocacyId: oneOrMany(id).optional().describe('the incidents linked to these actions'),
    ...incidentFilters,
    defenderId: oneOrMany(id)
      .optional()
      .describe('the incidents in which these defenders suffer an act'),
  })
  .refine((query) => query.part === undefined || query.format === 'csv', {
    path: ['part'],
    message: 'Only a CSV export comes in parts',
  });
export type CaseSummaryQuery = z.infer<typeof caseSummaryQuery>;
export type CaseSummarySelection = Omit<CaseSummaryQuery, 'format' | 'part' | 'bundle'>;

// The case file, render-ready (labels, never codes; dates written with their precision), with
// moments as `moment`: Dates for the renderers, ISO strings in the JSON export. Only what may
// go public: no sensitive field, no confidential defender, no restricted incident.
function caseFileOf<T extends z.ZodType>(moment: T) {
  // a file that may go public: never one marked sensitive, and only as its copy without
  // metadata, whose hash the reader can check against the file they receive
  const caseAttachment = z.object({
    name: z.string(),
    mediaType: z.string(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('SHA-256 of the copy without metadata'),
  });
  const caseAct = z.object({
    // null when the defender is not named (CONFIDENTIAL, or outside the caller's access)
    defenderId: id.nullable(),
    defenderName: z.string(),
    violation: z.string(),
    perpetrators: z.array(z.string()),
    victimStatus: z.string().optional(),
    notes: z.string().optional(),
  });
  const caseCharge = z.object({
    defenderName: z.string(),
    law: z.string(),
    description: z.string().optional(),
    status: z.string(),
    filedOn: z.string().optional(),
    sentence: z.string().optional(),
    // the statuses the charge went through, oldest first
    history: z.array(z.object({ at: moment, status: z.string() })),
  });
  const caseIncident = z.object({
    id,
    reference: z.string(),
    title: z.string(),
    summary: z.string(),
    // formatted with its precision: 12 Mar 2014, March 2014, 2014
    date: z.string(),
    occurredOn: isoDate,
    datePrecision: z.enum(datePrecisions),
    country,
    countryName: z.string(),
    location: z.string().optional(),
    status: z.string(),
    verification: z.string(),
    acts: z.array(caseAct),
    charges: z.array(caseCharge),
    sources: z.array(z.object({ kind: z.string(), reliability: z.string() })),
    verifiedAt: moment.optional(),
    advocacy: z.array(
      z.object({
        kind: z.string(),
        title: z.string(),
        date: z.string(),
        venue: z.string().optional(),
        status: z.string(),
      }),
    ),
    attachments: z.array(caseAttachment),
  });
  const caseDefender = z.object({
    id,
    // the name, or for ANONYMISED defenders their pseudonym
    name: z.string(),
    pseudonymous: z.boolean(),
    // other names of a PUBLIC defender, in the scripts typed; never for the others
    aliases: z.array(z.string()).optional(),
    gender: z.string(),
    sectors: z.array(z.string()),
    organisation: z.string().optional(),
    country,
    countryName: z.string(),
    riskLevel: z.string(),
    consent: z.enum(consents),
    incidents: z.array(z.object({ reference: z.string(), title: z.string(), date: z.string() })),
    shareWithAuthorities: z.enum(shareWithAuthoritiesValues),
    // a PUBLIC defender's files; none for those known by a pseudonym (a file can identify them)
    attachments: z.array(caseAttachment),
  });
  return z.object({
    title: z.string(),
    generatedAt: moment,
    // what the export covers, in words: "Country: Cambodia"
    scope: z.array(z.object({ label: z.string(), value: z.string() })),
    incidents: z.array(caseIncident),
    defenders: z.array(caseDefender),
    // how many the do-no-harm rules left out, never which
    omitted: z.object({
      incidents: z.number().int().nonnegative(),
      defenders: z.number().int().nonnegative(),
    }),
  });
}

export const caseFile = caseFileOf(z.date());
export type CaseFile = z.infer<typeof caseFile>;
export type CaseIncident = CaseFile['incidents'][number];
export type CaseAct = CaseIncident['acts'][number];
export type CaseCharge = CaseIncident['charges'][number];
export type CaseDefender = CaseFile['defenders'][number];
export type CaseAttachment = CaseIncident['attachments'][number];

// The advocacy drafts: a statement for an action, a UN submission for an incident.
export const statementParams = z.strictObject({ advocacyId: id });
export const unSubmissionParams = z.strictObject({ incidentId: id });

// The body of `format=json`.
export const caseSummaryJson = caseFileOf(timestamp);
