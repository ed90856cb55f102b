import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { HeadingLevel, type Paragraph } from 'docx';
import type {
  CaseAttachment,
  CaseDefender,
  CaseFile,
  CaseIncident,
} from '@vigil/shared/schemas/exports';
import { attachmentText, formatDate } from './labels.ts';
import { bullet, heading, labelled, line, packWordDocument } from './word-document.ts';

const sentence = (parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');
const sentenceOf = (parts: (string | undefined)[]) => parts.filter(Boolean).join(' ');

function leftOut({ incidents, defenders }: CaseFile['omitted']): string | undefined {
  const parts = [
    incidents > 0 && `${incidents} restricted ${incidents === 1 ? 'incident' : 'incidents'}`,
    defenders > 0 &&
      `${defenders} ${defenders === 1 ? 'defender who is' : 'defenders who are'} not named`,
  ].filter((part): part is string => typeof part === 'string');
  return parts.length > 0
    ? `To protect the people concerned, this summary leaves out ${parts.join(' and ')}.`
    : undefined;
}

function actText(act: CaseIncident['acts'][number]) {
  const hands =
    act.perpetrators.length > 0 ? `, at the hands of ${act.perpetrators.join(', ')}` : '';
  const fate = act.victimStatus ? ` Afterwards: ${act.victimStatus}.` : '';
  const notes = act.notes ? ` ${act.notes}` : '';
  return `${act.defenderName}: ${act.violation}${hands}.${fate}${notes}`;
}

function chargeParagraphs(charge: CaseIncident['charges'][number]) {
  const filed = charge.filedOn ? `, filed ${charge.filedOn}` : '';
  const sentenced = charge.sentence ? `; sentence: ${charge.sentence}` : '';
  const history = charge.history.map((step) => `${formatDate(step.at)}: ${step.status}`);
  return [
    bullet(`${charge.defenderName}, ${charge.law}${filed}: ${charge.status}${sentenced}.`),
    ...(charge.description ? [line(charge.description)] : []),
    ...(history.length > 1
      ? [line(`Status history, by the date each was recorded: ${history.join('; ')}.`)]
      : []),
  ];
}

// "Verified on 4 Mar 2015. Degree: Confirmed. 2 sources: Lawyer (Reliable), ..."
function verificationText(incident: CaseIncident) {
  const sources = incident.sources.map((source) => `${source.kind} (${source.reliability})`);
  return sentenceOf([
    incident.verifiedAt && `Verified on ${formatDate(incident.verifiedAt)}.`,
    `Degree: ${incident.verification}.`,
    sources.length === 0
      ? 'No source recorded.'
      : `${sources.length} ${sources.length === 1 ? 'source' : 'sources'}: ${sources.join(', ')}.`,
  ]);
}

function attachmentsSection(attachments: CaseAttachment[]): Paragraph[] {
  return attachments.length > 0
    ? [
        heading('Attachments', HeadingLevel.HEADING_3),
        ...attachments.map((attachment) => bullet(attachmentText(attachment))),
      ]
    : [];
}

function incidentSection(incident: CaseIncident): Paragraph[] {
  return [
    heading(`${incident.reference} — ${incident.title}`, HeadingLevel.HEADING_2),
    line(
      sentence([
        incident.date,
        incident.countryName,
        incident.location,
        incident.status,
        `Verification: ${incident.verification}`,
      ]),
    ),
    heading('What happened', HeadingLevel.HEADING_3),
    ...incident.summary.split(/\n+/).map(line),
    heading('Who was targeted', HeadingLevel.HEADING_3),
    ...incident.acts.map((act) => bullet(actText(act))),
    ...(incident.charges.length > 0
      ? [heading('Charges', HeadingLevel.HEADING_3), ...incident.charges.flatMap(chargeParagraphs)]
      : []),
    heading('Verification', HeadingLevel.HEADING_3),
    line(verificationText(incident)),
    ...(incident.advocacy.length > 0
      ? [
          heading('Advocacy so far', HeadingLevel.HEADING_3),
          ...incident.advocacy.map((action) =>
            bullet(
              `${action.date}: ${action.kind}, “${action.title}”${action.venue ? `, ${action.venue}` : ''} (${action.status}).`,
            ),
          ),
        ]
      : []),
    ...attachmentsSection(incident.attachments),
  ];
}

function defenderSection(defender: CaseDefender): Paragraph[] {
  return [
    heading(defender.name, HeadingLevel.HEADING_2),
    ...(defender.pseudonymous ? [line('A pseudonym, used to protect this defender.')] : []),
    ...(defender.aliases ? [line(`Also known as ${defender.aliases.join(', ')}.`)] : []),
    line(
      sentence([
        defender.gender,
        defender.sectors.join(', ') || undefined,
        defender.organisation,
        defender.countryName,
        defender.riskLevel,
      ]),
    ),
    ...defender.incidents.map((incident) =>
      bullet(`${incident.date}: ${incident.reference} — ${incident.title}`),
    ),
    ...attachmentsSection(defender.attachments),
  ];
}

// A summary a person would have written: what it covers, each incident (what happened, to
// whom, the charges, how it was verified, what advocacy was done), then each defender. The
// file's properties say Vigil and "Case summary", nothing about the person or the cases.
export async function renderCaseSummaryDocx(file: CaseFile, out: Writable) {
  const omitted = leftOut(file.omitted);
  const content = await packWordDocument('Case summary', [
    heading(file.title, HeadingLevel.TITLE),
    line(`Generated on ${formatDate(file.generatedAt)}.`),
    heading('What this summary covers', HeadingLevel.HEADING_1),
    ...file.scope.map((entry) => labelled(entry.label, entry.value)),
    ...(omitted ? [line(omitted)] : []),
    heading('Incidents', HeadingLevel.HEADING_1),
    ...(file.incidents.length > 0
      ? file.incidents.flatMap(incidentSection)
      : [line('No incident matches this selection.')]),
    ...(file.defenders.length > 0
      ? [heading('Defenders', HeadingLevel.HEADING_1), ...file.defenders.flatMap(defenderSection)]
      : []),
  ]);
  out.end(content);
  await finished(out);
}
