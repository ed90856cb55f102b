import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDefender, CaseFile, CaseIncident } from '@vigil/shared/schemas/exports';
import { unnamedDefender } from './case-file.ts';
import { renderCaseSummaryPdf } from './case-summary.pdf.ts';
import { exportWorldPerFile, khmerLocation, publicNames, secrets } from './exports.fixtures.ts';
import { myanmarVisualOrder, registerFonts, runsOf, writeText } from './pdf-text.ts';

const run = promisify(execFile);

const names = {
  khmer: 'សុខ ចាន់ធា',
  burmese: 'အောင်ဆန်းစုကြည်',
  thai: 'อัญชัญ ปรีเลิศ',
  vietnamese: 'Phạm Đoan Trang',
};

function defender(index: number, name: string, country: string, countryName: string): CaseDefender {
  return {
    id: `10000000-0000-4000-8000-00000000000${index}`,
    name,
    pseudonymous: false,
    ...(index === 1 && { aliases: ['Sok Chantha', 'ចាន់ធា'] }),
    gender: 'Woman',
    sectors: ['Land and environment'],
    organisation: 'Community network',
    country,
    countryName,
    riskLevel: 'High risk',
    consent: 'PUBLIC',
    incidents: [
      {
        reference: `${country}-2024-000${index}`,
        title: `Arrest of ${name}`,
        date: `${index} Mar 2024`,
      },
    ],
    shareWithAuthorities: 'UNKNOWN',
    attachments: [],
  };
}

function incident(
  index: number,
  name: string,
  country: string,
  countryName: string,
  location: string,
): CaseIncident {
  return {
    id: `00000000-0000-4000-8000-00000000000${index}`,
    reference: `${country}-2024-000${index}`,
    title: `Arrest of ${name}`,
    summary: `${name} was arrested at a peaceful gathering in ${location}.\nShe was released on bail two days later.`,
    date: `${index} Mar 2024`,
    occurredOn: `2024-03-0${index}`,
    datePrecision: 'DAY',
    country,
    countryName,
    location,
    status: 'Verified',
    verification: 'Confirmed',
    acts: [
      {
        defenderId: `10000000-0000-4000-8000-00000000000${index}`,
        defenderName: name,
        violation: 'Arbitrary arrest',
        perpetrators: ['Police'],
        victimStatus: 'Released on bail',
      },
    ],
    charges: [
      {
        defenderName: name,
        law: 'Criminal Code, article 495 (incitement)',
        status: 'Pending trial',
        filedOn: `${index} Mar 2024`,
        history: [
          { at: new Date(`2024-03-0${index}T10:00:00Z`), status: 'Under investigation' },
          { at: new Date('2024-05-20T10:00:00Z'), status: 'Pending trial' },
        ],
      },
    ],
    sources: [
      { kind: 'Eyewitness testimony', reliability: 'Reliable' },
      { kind: 'Eyewitness testimony', reliability: 'Reliable' },
      { kind: 'Media report', reliability: 'Fairly reliable' },
    ],
    verifiedAt: new Date('2024-03-20T09:00:00Z'),
    advocacy: [
      {
        kind: 'Statement',
        title: 'Free the defenders',
        date: '1 Apr 2024',
        venue: 'Geneva',
        status: 'Published',
      },
    ],
    attachments: [
      {
        name: `Summons ${index}.pdf`,
        mediaType: 'application/pdf',
        sha256: String(index).repeat(64),
      },
    ],
  };
}

const caseFile: CaseFile = {
  title: 'Case summary: 4 incidents',
  generatedAt: new Date('2026-12-02T10:00:00Z'),
  scope: [{ label: 'Country', value: 'Cambodia, Myanmar, Thailand or Vietnam' }],
  incidents: [
    incident(1, names.khmer, 'KH', 'Cambodia', 'ភ្នំពេញ'),
    incident(2, names.burmese, 'MM', 'Myanmar', 'ရန်ကုန်'),
    incident(3, names.thai, 'TH', 'Thailand', 'กรุงเทพมหานคร'),
    incident(4, names.vietnamese, 'VN', 'Vietnam', 'Hà Nội'),
  ],
  defenders: [
    defender(1, names.khmer, 'KH', 'Cambodia'),
    defender(2, names.burmese, 'MM', 'Myanmar'),
    defender(3, names.thai, 'TH', 'Thailand'),
    defender(4, names.vietnamese, 'VN', 'Vietnam'),
  ],
  omitted: { incidents: 1, defenders: 2 },
};

let dir: string;
let pdf: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-pdf-'));
  pdf = path.join(dir, 'case-summary.pdf');
  await renderCaseSummaryPdf(caseFile, fs.createWriteStream(pdf));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const textOf = async (file: string, ...args: string[]) =>
  (await run('pdftotext', ['-enc', 'UTF-8', ...args, file, '-'])).stdout;
const text = (...args: string[]) => textOf(pdf, ...args);

describe('case summary PDF', () => {
  it('when rendered, then pdftotext gives back each Khmer, Burmese, Thai and Vietnamese name exactly', async () => {
    const extracted = await text();
    for (const name of Object.values(names)) expect(extracted).toContain(name);
    expect(extracted).toContain('ភ្នំពេញ');
    expect(extracted).toContain('ရန်ကုန်');
    expect(extracted).toContain('กรุงเทพมหานคร');
    expect(extracted).toContain('Hà Nội');
  });

  it('when rendered, then each incident has its heading, muted line, acts, charges with history, sources counted, advocacy and attachments with the the clean copy’s hash, in date order, then the defenders', async () => {
    const extracted = (await text()).replace(/\s+/g, ' ');
    const order = [
      'Case summary: 4 incidents',
      'Generated on 2 Dec 2026',
      'Country: Cambodia, Myanmar, Thailand or Vietnam',
      'leaves out 1 restricted incident and 2 defenders who are not named',
      `KH-2024-0001 — Arrest of ${names.khmer}`,
      '1 Mar 2024 · Cambodia, ភ្នំពេញ · Verified · Verification: Confirmed',
      'What happened',
      `${names.khmer}: Arbitrary arrest, by Police. Afterwards: Released on bail.`,
      'Criminal Code, article 495 (incitement), filed 1 Mar 2024: Pending trial.',
      'History: 1 Mar 2024 Under investigation; 20 May 2024 Pending trial',
      '3 sources: 2 × Eyewitness testimony, Reliable; 1 × Media report, Fairly reliable. Verified on 20 Mar 2024.',
      '1 Apr 2024: Statement, “Free the defenders”, Geneva (Published).',
      'Attachments',
      `Summons 1.pdf (application/pdf). SHA-256 of the copy without metadata: ${'1'.repeat(64)}`,
      `MM-2024-0002 — Arrest of ${names.burmese}`,
      `TH-2024-0003 — Arrest of ${names.thai}`,
      `VN-2024-0004 — Arrest of ${names.vietnamese}`,
      'Defenders',
      `${names.khmer} Woman · Land and environment · Community network · Cambodia · High risk Also known as: Sok Chantha, ចាន់ធា`,
      `${names.vietnamese} Woman · Land and environment · Community network · Vietnam · High risk`,
      `• 4 Mar 2024: VN-2024-0004 — Arrest of ${names.vietnamese}`,
    ];
    let from = 0;
    for (const expected of order) {
      const at = extracted.indexOf(expected, from);
      expect(at, expected).toBeGreaterThanOrEqual(0);
      from = at + expected.length;
    }
  });

  it('when rendered, then every page has its number, and the properties say only Vigil and "Case summary"', async () => {
    const info = (await run('pdfinfo', [pdf])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(info).toMatch(/^Title:\s+Case summary$/m);
    for (const field of ['Author', 'Creator', 'Producer']) {
      expect(info).toMatch(new RegExp(`^${field}:\\s+Vigil$`, 'm'));
    }
    expect(info).not.toMatch(/^(Subject|Keywords):/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
    for (let page = 1; page <= pages; page += 1) {
      const onPage = await text('-f', String(page), '-l', String(page));
      expect(onPage).toContain(`Page ${page} of ${pages}`);
    }
  });

  it('when rendered, then the bookmarks hold the two sections with an entry per incident and per defender', () => {
    const raw = fs.readFileSync(pdf).toString('latin1');
    expect(raw).toContain('/PageMode /UseOutlines');
    expect(raw).toContain('/Title (Incidents)');
    expect(raw).toContain('/Title (Defenders)');
    const entries = raw.match(/\/Dest \[/g) ?? [];
    expect(entries).toHaveLength(2 + caseFile.incidents.length + caseFile.defenders.length);
  });

  it('when page 1 is rendered to an image, then it is a PNG with ink on it', async () => {
    const prefix = path.join(dir, 'page');
    await run('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-png', pdf, prefix]);
    const [image] = fs.readdirSync(dir).filter((name) => name.startsWith('page'));
    const png = fs.readFileSync(path.join(dir, image!));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    // the same page in grey levels, whose pixels are plain bytes after the PGM header
    const grey = path.join(dir, 'grey');
    await run('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-gray', pdf, grey]);
    const [pgm] = fs.readdirSync(dir).filter((name) => name.startsWith('grey'));
    const bytes = fs.readFileSync(path.join(dir, pgm!));
    const [, width, height] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.toString('latin1', 0, 32))!;
    const pixels = bytes.subarray(bytes.length - Number(width) * Number(height));
    const inked = pixels.filter((level) => level < 128).length / pixels.length;
    // text covers a few per cent of a page: neither blank nor a black box
    expect(inked).toBeGreaterThan(0.01);
    expect(inked).toBeLessThan(0.3);
  });
});

describe('text in several scripts', () => {
  it('when a line mixes scripts, then each script is one run, spaces going to the Latin font', () => {
    const runs = runsOf(`Mr ${names.khmer} and ${names.burmese}`).map((r) => r.text);
    expect(runs).toEqual(['Mr ', 'សុខ', ' ', 'ចាន់ធា', ' and ', names.burmese]);
  });

  it('when Vietnamese is written with combining accents, then it is composed before it is set', () => {
    const decomposed = names.vietnamese.normalize('NFD');
    expect(
      runsOf(decomposed)
        .map((r) => r.text)
        .join(''),
    ).toBe(names.vietnamese);
  });

  it('when a Thai paragraph is longer than a line, then lines break between words and it reads back whole', async () => {
    const thai =
      'นักปกป้องสิทธิมนุษยชนถูกจับกุมระหว่างการชุมนุมอย่างสงบที่หน้าทำเนียบรัฐบาลและถูกตั้งข้อหาตามประมวลกฎหมายอาญา';
    const file = path.join(dir, 'thai.pdf');
    const doc = new PDFDocument({ size: 'A4' });
    const written = pipeline(doc, fs.createWriteStream(file));
    registerFonts(doc);
    writeText(doc, thai, { size: 10, width: 150 });
    doc.end();
    await written;
    const lines = (await textOf(file)).split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(thai);
    const boundaries = new Set(
      [...new Intl.Segmenter('th', { granularity: 'word' }).segment(thai)].map(
        (word) => word.index,
      ),
    );
    let at = 0;
    for (const line of lines) {
      expect(boundaries.has(at), line).toBe(true);
      at += line.length;
    }
  });

  it('when Burmese is set, then the vowel sign E and medial RA go before their consonant and a kinzi after it', () => {
    // ကြေ: KA, medial RA, vowel E → E, RA, KA
    expect(myanmarVisualOrder('\u1000\u103c\u1031')).toBe('\u1031\u103c\u1000');
    // အော: A, E, AA → E, A, AA; the final NGA with its asat is a syllable of its own
    expect(myanmarVisualOrder('\u1021\u1031\u102c\u1004\u103a')).toBe(
      '\u1031\u1021\u102c\u1004\u103a',
    );
    // သင်္ကြန်: the kinzi (NGA, asat, virama) follows KA, and RA goes before KA
    expect(myanmarVisualOrder('\u101e\u1004\u103a\u1039\u1000\u103c\u1014\u103a')).toBe(
      '\u101e\u103c\u1000\u1004\u103a\u1039\u1014\u103a',
    );
  });
});

describe('GET /api/exports/case-summary?format=pdf', () => {
  const files = exportWorldPerFile();

  it.each(['admin', 'manager', 'advocacy'] as const)(
    'when %s exports a PDF, then its text names the public defenders and holds nothing confidential, sensitive or restricted, nor who exported',
    async (role) => {
      const client = files.world[role];
      const response = await client.get('/api/exports/case-summary?format=pdf&country=KH');
      expect(response.status, await response.clone().text()).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toMatch(
        /^attachment; filename="vigil-case-summary-\d{4}-\d{2}-\d{2}\.pdf"$/,
      );
      const file = path.join(dir, `${role}.pdf`);
      fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const extracted = await textOf(file);
      const info = (await run('pdfinfo', [file])).stdout;
      for (const expected of [
        files.world.incidents.arrest.reference,
        files.world.incidents.surveillance.reference,
        publicNames.dara,
        publicNames.anonymisedPseudonym,
        khmerLocation,
        unnamedDefender.confidential,
      ]) {
        expect(extracted).toContain(expected);
      }
      for (const value of [
        ...Object.values(secrets).flat(),
        'Taken from the family home',
        client.user.name,
        client.user.email,
      ]) {
        expect(extracted, value).not.toContain(value);
        expect(info, value).not.toContain(value);
      }
    },
  );
});
