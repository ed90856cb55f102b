import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type {
  CaseAct,
  CaseAttachment,
  CaseCharge,
  CaseDefender,
  CaseFile,
  CaseIncident,
} from '@vigil/shared/schemas/exports';
import { attachmentText, formatDate } from './labels.ts';
import { registerFonts, writeText, type TextOptions } from './pdf-text.ts';

const margin = 56;
const footerHeight = 28;
const colours = { text: '#1a1b1e', muted: '#5c5f66', rule: '#ced4da' };
const sizes = { title: 20, section: 15, heading: 12.5, subheading: 10.5, body: 10, small: 8.5 };
const bulletIndent = 12;
// a heading is kept with at least this much of what follows it
const keepWithNext = 72;

type Doc = PDFKit.PDFDocument;

const counted = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;
const joined = (parts: (string | undefined)[], separator = ' · ') =>
  parts.filter((part) => part !== undefined && part !== '').join(separator);

function contentWidth(doc: Doc) {
  return doc.page.width - margin * 2;
}

interface ParagraphOptions extends Partial<TextOptions> {
  // from the left margin, for what belongs to a bullet above
  inset?: number;
}

function paragraph(doc: Doc, text: string, { inset = 0, ...options }: ParagraphOptions = {}) {
  doc.x = margin + inset;
  writeText(doc, text, {
    size: sizes.body,
    width: contentWidth(doc) - inset,
    lineGap: 2,
    ...options,
  });
  doc.x = margin;
  doc.fillColor(colours.text);
}

function gap(doc: Doc, points: number) {
  doc.y += points;
}

function heading(doc: Doc, text: string, size: number, before: number) {
  if (doc.y + before + keepWithNext > doc.page.height - doc.page.margins.bottom) doc.addPage();
  else gap(doc, before);
  paragraph(doc, text, { size, weight: 'bold' });
  gap(doc, 3);
}

function muted(doc: Doc, text: string, inset = 0) {
  doc.fillColor(colours.muted);
  paragraph(doc, text, { size: sizes.small + 0.5, inset });
}

// A label in bold, then its text, wrapped as one paragraph.
function labelled(doc: Doc, label: string, text: string) {
  doc.x = margin;
  writeText(doc, `${label}: `, {
    size: sizes.body,
    weight: 'bold',
    width: contentWidth(doc),
    lineGap: 2,
    continued: true,
  });
  writeText(doc, text, { size: sizes.body, lineGap: 2 });
}

// A bullet with its text hanging beside it.
function bullet(doc: Doc, text: string) {
  if (doc.y + 2 * sizes.body > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y;
  doc.x = margin;
  writeText(doc, '•', { size: sizes.body, lineBreak: false });
  doc.x = margin + bulletIndent;
  doc.y = top;
  writeText(doc, text, {
    size: sizes.body,
    width: contentWidth(doc) - bulletIndent,
    lineGap: 2,
  });
  doc.x = margin;
  gap(doc, 1.5);
}

function leftOut({ incidents, defenders }: CaseFile['omitted']): string | undefined {
  const parts = [
    incidents > 0 ? counted(incidents, 'restricted incident', 'restricted incidents') : undefined,
    defenders > 0
      ? counted(defenders, 'defender who is not named', 'defenders who are not named')
      : undefined,
  ];
  const what = joined(parts, ' and ');
  return what ? `To protect the people concerned, this summary leaves out ${what}.` : undefined;
}

function actText(act: CaseAct) {
  const hands = act.perpetrators.length > 0 ? `, by ${act.perpetrators.join(', ')}` : '';
  return joined(
    [
      `${act.defenderName}: ${act.violation}${hands}.`,
      act.victimStatus && `Afterwards: ${act.victimStatus}.`,
      act.notes,
    ],
    ' ',
  );
}

function chargeText(charge: CaseCharge) {
  const filed = charge.filedOn ? `, filed ${charge.filedOn}` : '';
  const sentence = charge.sentence ? `; sentence: ${charge.sentence}` : '';
  return `${charge.defenderName}, ${charge.law}${filed}: ${charge.status}${sentence}.`;
}

// "2 × Eyewitness testimony, Reliable; 1 × Media report, Fairly reliable"
function sourcesText(sources: CaseIncident['sources']) {
  const counts = new Map<string, number>();
  for (const source of sources) {
    const key = `${source.kind}, ${source.reliability}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const kinds = [...counts].map(([key, count]) => `${count} × ${key}`);
  return `${counted(sources.length, 'source', 'sources')}${kinds.length > 0 ? `: ${kinds.join('; ')}` : ''}.`;
}

function attachmentsSection(doc: Doc, attachments: CaseAttachment[]) {
  if (attachments.length === 0) return;
  heading(doc, 'Attachments', sizes.subheading, 6);
  for (const attachment of attachments) bullet(doc, attachmentText(attachment));
}

function incidentSection(doc: Doc, incident: CaseIncident, bookmarks: PDFKit.PDFOutline) {
  const title = `${incident.reference} — ${incident.title}`;
  heading(doc, title, sizes.heading, 14);
  bookmarks.addItem(title);
  muted(
    doc,
    joined([
      incident.date,
      joined([incident.countryName, incident.location], ', '),
      incident.status,
      `Verification: ${incident.verification}`,
    ]),
  );
  heading(doc, 'What happened', sizes.subheading, 6);
  for (const text of incident.summary.split(/\n+/).filter((part) => part.trim() !== '')) {
    paragraph(doc, text);
    gap(doc, 3);
  }
  heading(doc, 'Acts', sizes.subheading, 6);
  for (const act of incident.acts) bullet(doc, actText(act));
  if (incident.charges.length > 0) {
    heading(doc, 'Charges', sizes.subheading, 6);
    for (const charge of incident.charges) {
      bullet(doc, chargeText(charge));
      if (charge.description) paragraph(doc, charge.description, { inset: bulletIndent });
      if (charge.history.length > 0) {
        const steps = charge.history.map((step) => `${formatDate(step.at)} ${step.status}`);
        muted(doc, `History: ${steps.join('; ')}`, bulletIndent);
        gap(doc, 2);
      }
    }
  }
  heading(doc, 'Sources', sizes.subheading, 6);
  const verified = incident.verifiedAt ? ` Verified on ${formatDate(incident.verifiedAt)}.` : '';
  paragraph(doc, `${sourcesText(incident.sources)}${verified}`);
  if (incident.advocacy.length > 0) {
    heading(doc, 'Advocacy done', sizes.subheading, 6);
    for (const action of incident.advocacy) {
      const venue = action.venue ? `, ${action.venue}` : '';
      bullet(doc, `${action.date}: ${action.kind}, “${action.title}”${venue} (${action.status}).`);
    }
  }
  attachmentsSection(doc, incident.attachments);
}

function defenderSection(doc: Doc, defender: CaseDefender, bookmarks: PDFKit.PDFOutline) {
  heading(doc, defender.name, sizes.heading, 10);
  bookmarks.addItem(defender.name);
  muted(
    doc,
    joined([
      defender.gender,
      defender.sectors.join(', '),
      defender.organisation,
      defender.countryName,
      defender.riskLevel,
    ]),
  );
  if (defender.aliases?.length) paragraph(doc, `Also known as: ${defender.aliases.join(', ')}`);
  if (defender.pseudonymous) paragraph(doc, 'A pseudonym, used to protect this defender.');
  gap(doc, 3);
  for (const incident of defender.incidents) {
    bullet(doc, `${incident.date}: ${incident.reference} — ${incident.title}`);
  }
  attachmentsSection(doc, defender.attachments);
}

// Page numbers, written once every page exists: "Page 2 of 7".
function footers(doc: Doc) {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // the footer sits in the bottom margin, where PDFKit would otherwise open a new page
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.x = margin;
    doc.y = doc.page.height - margin + (margin - footerHeight) / 2;
    doc.fillColor(colours.muted);
    writeText(doc, `Case summary · Page ${index - start + 1} of ${count}`, {
      size: sizes.small,
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

function layOut(doc: Doc, file: CaseFile) {
  doc.fillColor(colours.text);
  paragraph(doc, file.title, { size: sizes.title, weight: 'bold' });
  muted(doc, `Generated on ${formatDate(file.generatedAt)}`);
  heading(doc, 'What this summary covers', sizes.section, 14);
  for (const entry of file.scope) labelled(doc, entry.label, entry.value);
  const omitted = leftOut(file.omitted);
  if (omitted) {
    gap(doc, 4);
    paragraph(doc, omitted);
  }

  // the reader's bookmarks: each incident and each defender under its section
  heading(doc, 'Incidents', sizes.section, 18);
  const incidents = doc.outline.addItem('Incidents');
  if (file.incidents.length === 0) paragraph(doc, 'No incident matches this selection.');
  for (const incident of file.incidents) incidentSection(doc, incident, incidents);

  if (file.defenders.length > 0) {
    heading(doc, 'Defenders', sizes.section, 20);
    const defenders = doc.outline.addItem('Defenders');
    for (const defender of file.defenders) defenderSection(doc, defender, defenders);
  }
}

// The case summary as an A4 PDF, streamed to `out`: what it covers, then each incident (what
// happened, acts, charges and their history, sources counted by kind and reliability, advocacy
// done), then each defender. Names in Khmer, Myanmar, Thai or Vietnamese are set in Noto fonts
// and extract as written. The document's properties say Vigil and "Case summary", nothing
// about the person who exported it or the cases.
export async function renderCaseSummaryPdf(file: CaseFile, out: Writable): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, left: margin, right: margin, bottom: margin },
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: 'Case summary', Author: 'Vigil', Creator: 'Vigil', Producer: 'Vigil' },
  });
  const written = pipeline(doc, out);
  try {
    registerFonts(doc);
    layOut(doc, file);
    footers(doc);
    doc.end();
  } catch (error) {
    doc.destroy(error as Error);
  }
  await written;
}
