import type { Response } from 'express';
import { ForbiddenError } from '@casl/ability';
import type { CaseAct, CaseIncident } from '@vigil/shared/schemas/exports';
import type { Ctx } from '../../http/request-context.ts';

// What the drafts for advocacy (a statement, a UN submission) have in common: Word documents
// that a person finishes (their paragraphs come from word-document.ts), and the sentences they
// tell the cases in.

export interface DocxDownload {
  filename: string;
  content: Buffer;
}

export function assertMayExport(ctx: Ctx) {
  ForbiddenError.from(ctx.ability).throwUnlessCan('create', 'Export');
}

// vigil-statement-draft-2026-03-04.docx
export const draftFilename = (name: string) =>
  `vigil-${name}-draft-${new Date().toISOString().slice(0, 10)}.docx`;

export function sendDocx(res: Response, { filename, content }: DocxDownload) {
  res.status(200);
  res.setHeader(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(content);
}

export const counted = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;

const list = new Intl.ListFormat('en-GB', { type: 'conjunction' });
export const listOf = (items: readonly string[]) => list.format(items);

// "arbitrary arrest" from the label "Arbitrary arrest", inside a sentence; "NGO report" stays
export const inSentence = (label: string) =>
  /^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;

// "On 12 Mar 2014", "In March 2014", "In 2014"
export const whenOf = (incident: Pick<CaseIncident, 'date' | 'datePrecision'>) =>
  `${incident.datePrecision === 'DAY' ? 'On' : 'In'} ${incident.date}`;

export const placeOf = (incident: Pick<CaseIncident, 'location' | 'countryName'>) =>
  [incident.location, incident.countryName].filter(Boolean).join(', ');

// a full stop unless the text ends a sentence already (Burmese and Khmer have their own)
export const sentenceOf = (text: string) =>
  /[.!?…»”"။។]$/u.test(text.trim()) ? text.trim() : `${text.trim()}.`;

// "suffered arbitrary arrest at the hands of police and military"
export function sufferedOf(act: Pick<CaseAct, 'violation' | 'perpetrators'>) {
  const hands =
    act.perpetrators.length > 0
      ? ` at the hands of ${listOf(act.perpetrators.map(inSentence))}`
      : '';
  return `suffered ${inSentence(act.violation)}${hands}`;
}
