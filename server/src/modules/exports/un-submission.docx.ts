import type { CaseDefender, CaseFile, CaseIncident } from '@vigil/shared/schemas/exports';
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
import { bullet, heading, labelled, line, packWordDocument, placeholder } from './word-document.ts';
import { formatDate, genderLabels } from './labels.ts';

const audit = auditorOf('Incident');

// A defender of the incident as the submission speaks of them: by name only when they agreed
// that the government concerned may be told it (shareWithAuthorities YES) and may be named at
// all (PUBLIC: the case file holds only the pseudonym of an ANONYMISED defender); otherwise as
// "Victim 2", described by what they do and where. CONFIDENTIAL defenders are not in the case
// file: their acts say only that a defender who did not consent to be named suffered them.
interface Victim {
  defender: CaseDefender;
  label: string;
  named: boolean;
  // how the submission calls them in its text
  reference: string;
}

const shareWords: Record<CaseDefender['shareWithAuthorities'], string> = {
  YES: 'Yes',
  NO: 'No',
  UNKNOWN: 'Not asked, which counts as no',
};

// "a woman human rights defender working on land and environment and community-based in Cambodia"
function descriptionOf(defender: CaseDefender): string {
  const gender = defender.gender === genderLabels.UNKNOWN ? '' : `${inSentence(defender.gender)} `;
  const work =
    defender.sectors.length > 0 ? ` working on ${listOf(defender.sectors.map(inSentence))}` : '';
  return `a ${gender}human rights defender${work} in ${defender.countryName}`;
}

// The case file of one incident holds exactly its defenders who may be named somewhere: those
// of its acts first, in their order, then those only charged.
function victimsOf(incident: CaseIncident, file: CaseFile): Victim[] {
  const order = (defender: CaseDefender) => {
    const index = incident.acts.findIndex((act) => act.defenderId === defender.id);
    return index === -1 ? incident.acts.length : index;
  };
  return [...file.defenders]
    .sort((a, b) => order(a) - order(b))
    .map((defender, index) => {
      const label = `Victim ${index + 1}`;
      const named = defender.shareWithAuthorities === 'YES' && !defender.pseudonymous;
      return { defender, label, named, reference: named ? defender.name : label };
    });
}

// Free text written about the incident may hold the name (or another name) of a defender who
// is not to be named here: it is replaced by how the submission calls them.
function withheld(victims: Victim[]) {
  const names = victims
    .filter((victim) => !victim.named)
    .flatMap(({ defender, label }) =>
      [defender.name, ...(defender.aliases ?? [])].map((name) => ({ name, label })),
    )
    // the longest first, so that a name holding another is replaced whole
    .sort((a, b) => b.name.length - a.name.length);
  return (text: string) =>
    names.reduce((result, { name, label }) => result.split(name).join(label), text);
}

function victimSection(victims: Victim[], unnamedActs: number): Paragraph[] {
  return [
    heading('1. Information about the alleged victim(s)', HeadingLevel.HEADING_1),
    ...victims.flatMap(({ defender, label, named }) => [
      heading(label, HeadingLevel.HEADING_2),
      named
        ? labelled('Name', defender.name)
        : labelled(
            'Name',
            'not given. The defender has not agreed to their name being shared with the government concerned, so this submission describes them without it.',
          ),
      ...(named && defender.aliases?.length
        ? [labelled('Also known as', defender.aliases.join(', '))]
        : []),
      ...(named ? [] : [labelled('Described as', descriptionOf(defender))]),
      labelled('Gender', defender.gender),
      labelled(
        'Human rights work',
        defender.sectors.length > 0 ? defender.sectors.join(', ') : 'Not recorded',
      ),
      ...(named && defender.organisation ? [labelled('Organisation', defender.organisation)] : []),
      labelled('Country', defender.countryName),
    ]),
    ...(unnamedActs > 0
      ? [
          line(
            `The incident also concerns ${counted(unnamedActs, 'act against a defender', 'acts against defenders')} who did not consent to be named; they are described only by what happened.`,
          ),
        ]
      : []),
  ];
}

function violationSection(
  incident: CaseIncident,
  victims: Victim[],
  redact: (text: string) => string,
) {
  const referenceOf = (defenderId: string | null, fallback: string) =>
    victims.find((victim) => victim.defender.id === defenderId)?.reference ?? fallback;
  return [
    heading('2. Information about the alleged violation(s)', HeadingLevel.HEADING_1),
    labelled('Date', incident.date),
    labelled('Place', placeOf(incident)),
    labelled('Incident', redact(incident.title)),
    ...incident.summary
      .split(/\n+/)
      .filter((part) => part.trim() !== '')
      .map((part) => line(redact(part))),
    line(`${whenOf(incident)}, in ${placeOf(incident)}:`),
    ...incident.acts.map((act) => {
      const who = referenceOf(act.defenderId, act.defenderName);
      const since = act.victimStatus ? ` Since then: ${inSentence(act.victimStatus)}.` : '';
      const notes = act.notes ? ` ${sentenceOf(redact(act.notes))}` : '';
      return bullet(`${who} ${sufferedOf(act)}.${since}${notes}`);
    }),
    placeholder('Explain how these violations are linked to their work as human rights defenders.'),
  ];
}

function perpetratorSection(incident: CaseIncident, victims: Victim[]) {
  const against = new Map<string, string[]>();
  for (const act of incident.acts) {
    const who =
      victims.find((victim) => victim.defender.id === act.defenderId)?.reference ??
      act.defenderName;
    for (const perpetrator of act.perpetrators) {
      against.set(perpetrator, [
        ...(against.get(perpetrator) ?? []),
        `${inSentence(act.violation)} of ${who}`,
      ]);
    }
  }
  return [
    heading('3. Alleged perpetrators', HeadingLevel.HEADING_1),
    ...(against.size > 0
      ? [...against].map(([perpetrator, acts]) => bullet(`${perpetrator}: ${listOf(acts)}.`))
      : [line('Not known.')]),
    placeholder('Add what is known of the units, ranks or people involved.'),
  ];
}

function chargeSection(
  incident: CaseIncident,
  victims: Victim[],
  redact: (text: string) => string,
) {
  const referenceOf = (name: string) =>
    victims.find((victim) => victim.defender.name === name)?.reference ?? name;
  return [
    heading('4. Charges and legal proceedings', HeadingLevel.HEADING_1),
    ...(incident.charges.length > 0
      ? incident.charges.flatMap((charge) => [
          bullet(
            `${referenceOf(charge.defenderName)}: ${charge.law}${charge.filedOn ? `, filed ${charge.filedOn}` : ''}. Status: ${charge.status}${charge.sentence ? `; sentence: ${redact(charge.sentence)}` : ''}.`,
          ),
          ...(charge.description ? [line(redact(charge.description))] : []),
          ...(charge.history.length > 0
            ? [
                line(
                  `Proceedings so far: ${charge.history.map((step) => `${step.status} (${formatDate(step.at)})`).join('; ')}.`,
                ),
              ]
            : []),
        ])
      : [line('No charges are recorded.')]),
  ];
}

function actionSection(incident: CaseIncident, redact: (text: string) => string) {
  return [
    heading('5. Actions already taken', HeadingLevel.HEADING_1),
    ...(incident.advocacy.length > 0
      ? incident.advocacy.map((action) =>
          bullet(
            `${action.date}: ${action.kind}, “${redact(action.title)}”${action.venue ? `, ${action.venue}` : ''}. Result: ${action.status}.`,
          ),
        )
      : [line('No advocacy action is recorded yet.')]),
    placeholder(
      'Complaints, appeals or requests to the authorities (police, courts, the national human rights institution), when they were made and what came of them.',
    ),
  ];
}

function consentSection(victims: Victim[], country: string): Paragraph[] {
  return [
    heading('6. Consent', HeadingLevel.HEADING_1),
    ...(victims.length === 0
      ? [line('No defender of this incident consented to be named: none is named here.')]
      : []),
    ...victims.flatMap(({ defender, label, named }) => [
      heading(label, HeadingLevel.HEADING_2),
      labelled(
        '(a) Consent to their name being mentioned in the communication and in the public report',
        defender.consent === 'PUBLIC' ? 'Yes' : 'No',
      ),
      labelled(
        `(b) Consent to their name being shared with the Government of ${country}`,
        shareWords[defender.shareWithAuthorities],
      ),
      line(
        named
          ? `This submission names ${defender.name}, who agreed to their name being shared with the government concerned.`
          : `This submission does not name ${label}: it describes them as ${descriptionOf(defender)}.`,
      ),
    ]),
  ];
}

// A submission to the UN Special Rapporteur on the situation of human rights defenders about
// one incident, laid out as the mandate asks for information: the victims, the violations, the
// perpetrators, the legal proceedings, the actions already taken, and the two consents.
export function renderUnSubmissionDocx(file: CaseFile, incident: CaseIncident): Promise<Buffer> {
  const victims = victimsOf(incident, file);
  const redact = withheld(victims);
  const unnamedActs = incident.acts.filter((act) => act.defenderId === null).length;
  return packWordDocument('UN submission draft', [
    heading(
      'Submission to the UN Special Rapporteur on the situation of human rights defenders',
      HeadingLevel.TITLE,
    ),
    labelled('Country concerned', incident.countryName),
    placeholder('Submitted by: the organisation, a contact person and a secure way to reach them.'),
    ...victimSection(victims, unnamedActs),
    ...violationSection(incident, victims, redact),
    ...perpetratorSection(incident, victims),
    ...chargeSection(incident, victims, redact),
    ...actionSection(incident, redact),
    ...consentSection(victims, incident.countryName),
  ]);
}

// The submission draft of a readable incident, written to the audit log. A restricted incident
// never leaves Vigil in a document: it is as unknown as one the caller may not read.
export async function exportUnSubmission(ctx: Ctx, incidentId: string): Promise<DocxDownload> {
  assertMayExport(ctx);
  const file = await loadCaseFile(ctx, { incidentId: [incidentId] });
  const incident = file.incidents[0];
  if (!incident) throw notFound('Incident');
  const content = await renderUnSubmissionDocx(file, incident);
  await recordAudit(
    ctx.db,
    audit(ctx, 'EXPORT', incident, { document: 'un-submission', format: 'docx' }),
  );
  return { filename: draftFilename('un-submission'), content };
}
