import fs from 'node:fs';
import { createRequire } from 'node:module';

// Text in any of the scripts of the defenders Vigil documents (Latin with Vietnamese, Khmer,
// Myanmar, Thai), set in Noto Sans from the @fontsource packages: each package ships the font
// cut into subsets by Unicode range, so every character is set in the subset that covers it.

const require = createRequire(import.meta.url);

export type Weight = 'regular' | 'bold';
const weights: Record<Weight, number> = { regular: 400, bold: 700 };

interface Face {
  family: string;
  subset: string;
  // scripts written without spaces between words: the language whose dictionary finds the
  // words, so that lines break between them and not inside one (Burmese puts spaces between
  // phrases, and its words set apart read back with stray spaces: it breaks at spaces)
  words?: Intl.Segmenter;
  // OpenType features fontkit does not apply by itself to this script
  features?: PDFKit.Mixins.OpenTypeFeatures[];
  // strings laid out in visual order here, as fontkit has no shaper for the script
  visual?: (text: string) => string;
}

// Myanmar: fontkit shapes it with its default shaper, which neither reorders a syllable nor
// applies the script's below-base and above-base substitutions. As the OpenType Myanmar shaper
// does, the pre-base vowel sign E (and the Shan E) and then the medial RA are put before the
// syllable's first consonant; the features are asked for by name.
const preBase = ['\u1031', '\u1084', '\u103c'];
const asat = '\u103a';
const virama = '\u1039';
const consonant =
  /[\u1000-\u102a\u103f\u104e\u1050-\u1055\u105a-\u105d\u1061\u1065\u1066\u106e-\u1070\u1075-\u1081\u108e\u25cc]/u;

// Splits Myanmar text into syllables: one starts at each consonant (or independent vowel) that
// is not stacked under the one before (after a virama).
function myanmarSyllables(text: string): string[] {
  const syllables: string[] = [];
  const chars = [...text];
  chars.forEach((char, index) => {
    // a consonant after a virama is stacked: after a kinzi (NGA, asat, virama) too, so that
    // the kinzi and its base are one syllable
    const stacked = chars[index - 1] === virama;
    const startsSyllable = consonant.test(char) && !stacked;
    if (startsSyllable || syllables.length === 0) syllables.push(char);
    else syllables[syllables.length - 1] += char;
  });
  return syllables;
}

const kinzi = ['\u1004', asat, virama];
const startsWithKinzi = (chars: string[]) => kinzi.every((char, index) => chars[index] === char);

// A syllable in the order its glyphs are set: a kinzi after its base consonant, then the
// pre-base signs before the base.
export function myanmarVisualOrder(text: string): string {
  return myanmarSyllables(text)
    .map((syllable) => {
      let chars = [...syllable];
      if (!consonant.test(chars[0]!)) return syllable;
      if (startsWithKinzi(chars) && chars.length > kinzi.length) {
        chars = [chars[kinzi.length]!, ...kinzi, ...chars.slice(kinzi.length + 1)];
      }
      const moved = preBase.flatMap((sign) => chars.filter((char) => char === sign));
      return [...moved, ...chars.filter((char) => !preBase.includes(char))].join('');
    })
    .join('');
}

const faces: Face[] = [
  { family: 'noto-sans', subset: 'latin' },
  { family: 'noto-sans', subset: 'latin-ext' },
  { family: 'noto-sans', subset: 'vietnamese' },
  {
    family: 'noto-sans-khmer',
    subset: 'khmer',
    words: new Intl.Segmenter('km', { granularity: 'word' }),
  },
  {
    family: 'noto-sans-myanmar',
    subset: 'myanmar',
    features: ['ccmp', 'blwf', 'abvs', 'blws'],
    visual: myanmarVisualOrder,
  },
  {
    family: 'noto-sans-thai',
    subset: 'thai',
    words: new Intl.Segmenter('th', { granularity: 'word' }),
  },
];
// Latin, where characters that no subset covers are set (as the font's missing glyph)
const fallbackFace = faces[0]!;
const khmerFace = faces.find((face) => face.subset === 'khmer')!;

type Ranges = [number, number][];

// `U+0102-0103,U+0110` as [[0x102, 0x103], [0x110, 0x110]]
function parseRanges(list: string): Ranges {
  return list.split(',').map((range) => {
    const [from, to = from] = range.trim().replace(/^U\+/i, '').split('-') as [string, string?];
    return [parseInt(from, 16), parseInt(to, 16)];
  });
}

function rangesOf(face: Face): Ranges {
  const ranges = JSON.parse(
    fs.readFileSync(require.resolve(`@fontsource/${face.family}/unicode.json`), 'utf8'),
  ) as Record<string, string>;
  const list = ranges[face.subset];
  if (list === undefined)
    throw new Error(`@fontsource/${face.family} has no ${face.subset} subset`);
  return parseRanges(list);
}

const coverage = new Map<Face, Ranges>(faces.map((face) => [face, rangesOf(face)]));

const covers = (face: Face, codePoint: number) =>
  coverage.get(face)!.some(([from, to]) => codePoint >= from && codePoint <= to);

const fontName = (face: Face, weight: Weight) => `${face.family}-${face.subset}-${weight}`;

// The part of fontkit's mark positioning that the workaround below replaces.
interface AnchorProcessor {
  applyAnchor(markRecord: { markAnchor: unknown }, baseAnchor: unknown, base: number): void;
}
interface FontkitFont {
  layout(text: string): unknown;
  _layoutEngine?: { engine?: { GPOSProcessor?: AnchorProcessor } };
}
const skipsNullAnchors = Symbol('skips NULL anchors');

// fontkit 2.0.4 (PDFKit's shaper) throws on the NULL anchors that the OpenType spec allows in
// mark positioning, and Noto Sans Khmer has some (ភ្នំពេញ): foliojs/fontkit#367, fixed upstream
// in foliojs/fontkit#374, not yet released. Until then its GPOS processor leaves such a mark
// where it is, as HarfBuzz does. The class is reached through a font PDFKit opened, so that it
// is the very copy of fontkit PDFKit uses.
function skipNullAnchors(doc: PDFKit.PDFDocument, name: string) {
  doc.font(name);
  const font = (doc as unknown as { _font: { font: FontkitFont } })._font.font;
  font.layout(' ');
  const processor = font._layoutEngine?.engine?.GPOSProcessor;
  if (!processor) return;
  const prototype = Object.getPrototypeOf(processor) as AnchorProcessor & {
    [skipsNullAnchors]?: true;
  };
  if (prototype[skipsNullAnchors]) return;
  const applyAnchor = prototype.applyAnchor;
  prototype.applyAnchor = function (this: AnchorProcessor, markRecord, baseAnchor, base) {
    if (baseAnchor == null || markRecord.markAnchor == null) return;
    applyAnchor.call(this, markRecord, baseAnchor, base);
  };
  prototype[skipsNullAnchors] = true;
}

// Registers every face in both weights with the document (PDFKit embeds only those used, and
// of them only the glyphs used).
export function registerFonts(doc: PDFKit.PDFDocument) {
  for (const face of faces) {
    for (const [weight, value] of Object.entries(weights) as [Weight, number][]) {
      const file = require.resolve(
        `@fontsource/${face.family}/files/${face.family}-${face.subset}-${value}-normal.woff`,
      );
      doc.registerFont(fontName(face, weight), file);
    }
  }
  skipNullAnchors(doc, fontName(khmerFace, 'regular'));
}

export interface Run {
  face: Face;
  text: string;
}

// A character stays in the current run when its subset covers it (spaces and marks included),
// so that a name in one script is one run; otherwise it goes to the first subset that does.
export function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0)!;
    const current = runs.at(-1);
    const face =
      current && covers(current.face, codePoint)
        ? current.face
        : (faces.find((candidate) => covers(candidate, codePoint)) ??
          current?.face ??
          fallbackFace);
    if (current && current.face === face) current.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}

// A run of a script without spaces, one word at a time: PDFKit breaks lines between calls.
function wordsOf(run: Run): Run[] {
  const { face } = run;
  if (!face.words) return [run];
  return [...face.words.segment(run.text)].map(({ segment }) => ({ face, text: segment }));
}

// Noto Sans's ascender, in em: every run is set on the baseline the Latin font would have, as
// PDFKit otherwise hangs each run from its own font's (taller) ascender.
const latinAscender = 1.069;

// A PDF text string: UTF-16BE with its byte order mark, in hex.
function pdfTextString(text: string) {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

// Draws with the text objects PDFKit writes marked as a span whose ActualText is `actual`.
// The span sits inside each text object (BT … ET) rather than around the call: PDFKit wraps
// every line in its own graphics state, and poppler places a span by the state at its end.
// Only the first text object carries the text, should a word be broken over two lines.
function withActualText(doc: PDFKit.PDFDocument, actual: string, draw: () => void) {
  const addContent = doc.addContent.bind(doc);
  let spans = 0;
  doc.addContent = (data: unknown) => {
    if (data === 'ET') addContent('EMC');
    addContent(data);
    if (data === 'BT') {
      addContent(`/Span << /ActualText ${pdfTextString(spans === 0 ? actual : '')} >> BDC`);
      spans += 1;
    }
    return doc;
  };
  try {
    draw();
  } finally {
    doc.addContent = addContent;
  }
}

export interface TextOptions extends Omit<PDFKit.Mixins.TextOptions, 'baseline' | 'features'> {
  size: number;
  weight?: Weight;
}

// Writes text as PDFKit's `text` does (wrapping, `continued`), each run in its face. Runs set in
// another order than they are read, or through ligatures of several characters (Khmer,
// Myanmar, Thai), carry their text as ActualText, so that copying and extraction give back
// exactly what was written.
export function writeText(
  doc: PDFKit.PDFDocument,
  text: string,
  { size, weight = 'regular', continued = false, ...options }: TextOptions,
) {
  const runs = runsOf(text).flatMap(wordsOf);
  doc.fontSize(size);
  runs.forEach((run, index) => {
    const { face } = run;
    const draw = () =>
      doc.font(fontName(face, weight)).text(face.visual ? face.visual(run.text) : run.text, {
        ...options,
        baseline: -latinAscender * size,
        // set on every run: PDFKit carries a continued call's options over to the next
        features: face.features ?? [],
        continued: index < runs.length - 1 || continued,
      });
    if (face.family === 'noto-sans') draw();
    else withActualText(doc, run.text, draw);
  });
  return doc;
}
