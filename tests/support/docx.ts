import { strFromU8, unzipSync } from 'fflate';

// A Word file as its tests read it: every part's XML, the body's words one paragraph per line,
// and the document's properties.
export function openDocx(bytes: Uint8Array) {
  const parts = Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, part]) => [name, strFromU8(part)]),
  );
  const body = (parts['word/document.xml'] ?? '')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
  return {
    parts,
    // every part, and every part without its markup: what anyone opening the file could find
    everything: Object.values(parts).flatMap((xml) => [xml, xml.replace(/<[^>]+>/g, '')]),
    body,
    paragraphs: body.split('\n').filter((paragraph) => paragraph.trim() !== ''),
    core: parts['docProps/core.xml'] ?? '',
  };
}
