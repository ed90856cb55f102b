import { Document, Packer, Paragraph, TextRun, type HeadingLevel } from 'docx';

// The Word documents Vigil writes (case summaries, advocacy drafts) are built from these few
// paragraph kinds; their properties say Vigil and what the document is, nothing about the
// person who exported it or the cases.

export const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level });
export const line = (text: string) => new Paragraph({ text });
export const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });
export const labelled = (label: string, text: string) =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)] });
// a part left for the writer, in brackets and italics so that it is not sent as it is
export const placeholder = (text: string) =>
  new Paragraph({ children: [new TextRun({ text: `[${text}]`, italics: true })] });

export async function packWordDocument(title: string, children: Paragraph[]): Promise<Buffer> {
  const document = new Document({
    creator: 'Vigil',
    lastModifiedBy: 'Vigil',
    title,
    description: '',
    keywords: '',
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
