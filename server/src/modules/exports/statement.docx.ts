import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type { CaseFile, CaseIncident } from '@vigil/shared/schemas/exports';
import { HeadingLevel, type Paragraph } from 'docx';
import { notFound } from '../../http/app-error.ts';
import type { Ctx } from '../../http/request-context.ts';
import { auditorOf, recordAudit } from '../audit/index.ts';
import { loadCaseFile } from './case-file.ts';
import {
  assertMayExport,
  counted,
  draftFilename,
  inSentence,
  listOf,
  placeOf,
  sentenceOf,
  sufferedOf,
  whenOf,
  type DocxDownload,
} from './draft-document.ts';
import { heading, line, packWordDocument, placeholder } from './word-document.ts';

const audit = auditorOf('AdvocacyAction');

interface Action {
  title: string;
}

const countriesOf = (incidents: CaseIncident[]) => [
  ...new Set(incidents.map((incident) => incident.countryName)),
];

// One paragraph per incident: when and where, what happened, to whom (named as consent
// allows), the charges.
function narrativeOf(incident: CaseIncident): string {
  const acts = incident.acts.map(
    (act) =>
      `${act.defenderName} ${sufferedOf(act)}${act.victimStatus ? `; since then: ${inSentence(act.victimStatus)}` : ''}.`,
  );
  const charges = incident.charges.map((charge) => {
    const filed = charge.filedOn ? ` on ${charge.filedOn}` : '';
    const sentence = charge.sentence ? `, with a sentence of ${charge.sentence}` : '';
    return `${charge.defenderName} was charged under ${charge.law}${filed}; the charge stands at: ${inSentence(charge.status)}${sentence}.`;
  });
  return [
    `${whenOf(incident)}, in ${placeOf(incident)}:`,
    sentenceOf(incident.summary.replace(/\s*\n+\s*/g, ' ')),
    ...acts,
    ...charges,
  ].join(' ');
}

// The figures of a country's cases, for the writer of its context.
function countsOf(incidents: CaseIncident[]): string {
  const violations = new Map<string, number>();
  for (const act of incidents.flatMap((incident) => incident.acts)) {
    violations.set(act.violation, (violations.get(act.violation) ?? 0) + 1);
  }
  const charges = incidents.reduce((sum, incident) => sum + incident.charges.length, 0);
  const acts = [...violations].map(([violation, count]) => `${inSentence(violation)} (${count})`);
  return `The cases in this statement: ${counted(incidents.length, 'incident', 'incidents')}; acts: ${acts.join(', ')}; ${counted(charges, 'charge', 'charges')}.`;
}

function contextOf(incidents: CaseIncident[]): Paragraph[] {
  return countriesOf(incidents).flatMap((country) => [
    heading(country, HeadingLevel.HEADING_2),
    placeholder(
      `Describe the situation of human rights defenders in ${country}: the laws used against them, recent trends, what the authorities have said and done.`,
    ),
    line(countsOf(incidents.filter((incident) => incident.countryName === country))),
  ]);
}

function openingOf(incidents: CaseIncident[]): Paragraph {
  if (incidents.length === 0) {
    return placeholder(
      'No case linked to this action may appear in a public statement yet: link verified incidents to it in Vigil, or describe the cases here.',
    );
  }
  return line(
    `[Name of the organisation] is gravely concerned about ${counted(incidents.length, 'attack', 'attacks')} on human rights defenders in ${listOf(countriesOf(incidents))}, set out below.`,
  );
}

// A statement draft for an advocacy action, in Word: its title, an opening line, the linked
// cases as a narrative in date order, a context to write per country (with the figures of its
// cases), then the sections left to the writer.
export function renderStatementDocx(action: Action, file: CaseFile): Promise<Buffer> {
  return packWordDocument('Statement draft', [
    heading(action.title, HeadingLevel.TITLE),
    openingOf(file.incidents),
    ...(file.incidents.length > 0
      ? [heading('The cases', HeadingLevel.HEADING_1), ...file.incidents.map(narrativeOf).map(line)]
      : []),
    heading('Context', HeadingLevel.HEADING_1),
    ...(file.incidents.length > 0
      ? contextOf(file.incidents)
      : [placeholder('Describe the situation in the countries concerned.')]),
    heading('Our concerns', HeadingLevel.HEADING_1),
    placeholder('Set out what these cases show and why they matter.'),
    heading('Recommendations', HeadingLevel.HEADING_1),
    placeholder('What the authorities, and others able to act, should do.'),
    heading('Signatories', HeadingLevel.HEADING_1),
    placeholder('The organisations and people who sign this statement.'),
  ]);
}

// The draft of a readable advocacy action's statement, written to the audit log. Its cases are
// those of the case summary: readable, never restricted, named as consent allows.
export async function exportStatement(ctx: Ctx, advocacyId: string): Promise<DocxDownload> {
  assertMayExport(ctx);
  const action = await ctx.db.advocacyAction.findFirst({
    where: {
      AND: [
        accessibleBy(ctx.ability, 'read').ofType('AdvocacyAction'),
        { id: advocacyId, deletedAt: null },
      ],
    },
    select: { id: true, title: true },
  });
  if (!action) throw notFound('Advocacy action');
  const file = await loadCaseFile(ctx, { advocacyId: [advocacyId] });
  const content = await renderStatementDocx(action, file);
  await recordAudit(
    ctx.db,
    audit(ctx, 'EXPORT', action, {
      document: 'statement',
      format: 'docx',
      incidentIds: file.incidents.map((incident) => incident.id),
    }),
  );
  return { filename: draftFilename('statement'), content };
}
